/**
 * Invented news pages for the reader tests and the speed measurement: the furniture a real news
 * site wraps around an article (head metadata, scripts, styles, menus, share widgets, a date
 * banner, sidebars, comments, footer), around paragraphs written for the tests.
 */
export interface PageOptions {
  title: string;
  site: string;
  published?: string;
  jsonLdDate?: string;
  paragraphs: string[];
  /** Roughly how much script/style/menu bulk to add (1 = a typical page, ~60 KB). */
  bulk?: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function newsPage(o: PageOptions): string {
  const bulk = o.bulk ?? 1;
  const script = `var cfg = { ads: true, slots: ["top", "side"], markup: "<div class='x'>&amp;</div>" };\n`.repeat(120 * bulk);
  const style = `.a{color:#333;margin:0 auto}.b>p{font:14px/1.4 sans-serif}\n`.repeat(150 * bulk);
  const menu = Array.from({ length: 30 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join('');
  const related = Array.from({ length: 8 }, (_, i) => `<li><a href="/news/${i}">Another headline about events number ${i}</a></li>`).join('');
  const comments = Array.from({ length: 4 }, (_, i) => `<div class="comment"><p>Reader ${i} wrote: I think this is a very important story and thank you for it.</p></div>`).join('');
  return `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>${esc(o.title)} | ${esc(o.site)}</title>
<meta property="og:title" content="${esc(o.title)}">
<meta property="og:site_name" content="${esc(o.site)}">
${o.published ? `<meta property="article:published_time" content="${o.published}">` : ''}
${o.jsonLdDate ? `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"${esc(o.title)}","datePublished":"${o.jsonLdDate}"}</script>` : ''}
<style>${style}</style>
<script>${script}</script>
</head>
<body class="article">
<div class="top-bar"><span class="today">&bull; Monday, 22 July 2024</span> <a href="/login">Log in</a></div>
<header><nav><ul>${menu}</ul></nav></header>
<svg width="10" height="10"><title>logo</title><path d="M0 0h10v10z"/></svg>
<main>
<article>
<h1>${esc(o.title)}</h1>
<div class="byline">By Staff Writer &middot; <time>${o.published ? o.published.slice(0, 10) : ''}</time></div>
<div class="share"><a>Share</a> <a>Tweet</a> <a>Print</a></div>
${o.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
<div class="tags">Tags: <a>news</a> <a>region</a></div>
</article>
<aside><h3>Related</h3><ul>${related}</ul></aside>
<section class="comments"><h3>Comments</h3>${comments}</section>
</main>
<footer><p>&copy; 2024 ${esc(o.site)}. All rights reserved.</p><noscript><img src="pixel.gif"></noscript></footer>
<script>${script}</script>
</body></html>`;
}

/** Invented article paragraphs (several styles: agency copy, press briefing, local report). */
export const PARAGRAPHS = [
  'MOSUL, Iraq – Security forces said on Wednesday they had arrested four suspected militants in a raid on a farm south of the city, after a tip-off from residents.',
  'The operation, carried out before dawn, followed weeks of surveillance, a police spokesman told reporters, adding that weapons & explosives were seized at the site.',
  '“We will continue to pursue the remnants of the group wherever they hide,” the spokesman said, speaking at a news conference in the provincial capital.',
  'Local officials said the area had seen several attacks on checkpoints in recent months, including one in March that killed two soldiers and wounded three others.',
  'The coalition said in a statement that it had supported the raid with surveillance flights but had not carried out any strikes in the area.',
  'Residents of nearby villages said they welcomed the arrests but feared reprisals, and called for more patrols on the roads leading to the farmland.',
  'Officials did not give the names of the detained men, saying only that they were being questioned by investigators in the city.',
];
