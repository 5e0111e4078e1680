import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Doc } from '../../src/doc.ts';
import { Context } from '../../src/context.ts';
import { clean } from '../../src/stages/clean/index.ts';
import { classify, menuLike } from '../../src/stages/clean/lines.ts';
import { recordDoc } from '../../src/read/records.ts';
import { SEEDS, skipNoShared } from '../helpers.ts';

const ctx = new Context();

function cleaned(text: string): Doc {
  const d = new Doc({ id: 't', source: 't', text, kind: 'text' });
  clean.run(d, ctx);
  return d;
}
const body = (d: Doc) => d.slice(d.meta.body);

/** Invented scrapes in the styles of real news sites (menus, widgets, comments, related links). */
const SCRAPES = {
  agency: `World - Middle East - Iraq - Politics

Share | Tweet | Email

Militants attack army post near oil field
Published: 12/03/2023

KIRKUK, Iraq (Reuters) - Militants attacked an army post near an oil field south of the city late on Saturday, killing two soldiers, security sources said.

The attackers used rifles and a rocket-propelled grenade before fleeing into nearby hills, the sources said.
Reinforcements were sent to the area.
A curfew was imposed on surrounding villages while troops searched farmland, a local official said.

Related Stories
Army says north is calm after week of raids
Officials meet to discuss oil revenue dispute
© 2023 Example Wire. All rights reserved.`,
  local: `Skip to main content
Home
Region
Residents return to villages after months of displacement

By Sara Hamid | March 5, 2021
A+ A-
Hundreds of families returned this week to villages they fled during fighting last year, local authorities said on Thursday.

“We found our houses damaged but standing,” said a farmer who returned with his four children. “We will rebuild.”

Aid groups are distributing tents and water tanks, but many homes still lack electricity, according to a municipal official.

Tags: displacement, returns, aid
Comments (3)
This is wonderful news and I hope the government helps them quickly with all they need.
I visited the area last month and the roads were in terrible shape, someone must repair them.
Post a comment
Name *
Email *`,
  release: `Home > Press Releases > 2022

Coalition strikes target weapons caches in desert
Dec. 14, 2022
Release No. 22-118

Coalition aircraft conducted three strikes against weapons caches in the desert west of the river between Dec. 10 and Dec. 12, 2022.

The strikes destroyed two caches and a vehicle used to move weapons, according to an initial assessment.

There were no reports of civilian casualties.

For more information, contact the press office.
Copyright 2022. This is an official website.`,
  teasersFirst: `Most Read
1. Army says it killed twenty militants in overnight raids across the province.
2. Government announces new budget for reconstruction of the old city.
3. Floods cut the main road to the airport for a second day.

Protesters block highway over power cuts
Monday 14 August 2023
Hundreds of protesters blocked the main highway south of the city on Monday, demanding an end to power cuts that have lasted for weeks during the summer heat.
Police fired tear gas to disperse the crowd after several hours, witnesses said, and at least six people were treated for breathing problems.
The electricity ministry said supply would improve once repairs to two power stations were finished.
Local officials promised to meet the protesters' representatives on Tuesday.
Comments
I have had no power for three days now and nobody from the ministry answers our calls or explains anything at all to us.
The same happens every summer and every summer they promise to fix it, and every summer nothing changes, this is a disgrace.
This government cannot even provide electricity in the hottest month, what are we paying for, I really want to know who is responsible.
My whole street joined the protest and we will go out again tomorrow if nothing changes, because we have no other way to be heard.
Please report on the villages too, they have had no power for weeks and nobody writes about them, the situation there is even worse.`,
  noTitle: `Officials said on Monday that the bridge linking the two districts would reopen next week after months of repairs.
The work was delayed by floods in the spring, the municipality said.
Traffic will be limited to light vehicles at first.`,
};

test('clean: agency-style scrape (menu, share widget, dateline, related links, copyright)', () => {
  const d = cleaned(SCRAPES.agency);
  assert.equal(d.meta.title, 'Militants attack army post near oil field');
  assert.ok(body(d).startsWith('KIRKUK, Iraq (Reuters) - Militants'));
  assert.ok(body(d).endsWith('a local official said.'));
  assert.deepEqual(d.content.length, 2);
  assert.equal(d.slice(d.content[0]), 'Militants attack army post near oil field');
});

test('clean: local-outlet scrape (nav, byline, font widget, tags, comments, comment form)', () => {
  const d = cleaned(SCRAPES.local);
  assert.equal(d.meta.title, 'Residents return to villages after months of displacement');
  assert.ok(body(d).startsWith('Hundreds of families'));
  assert.ok(body(d).endsWith('according to a municipal official.'));
  assert.ok(!body(d).includes('wonderful'), 'reader comments are not the article');
});

test('clean: press-release scrape (breadcrumbs, release number, contact line, copyright)', () => {
  const d = cleaned(SCRAPES.release);
  assert.equal(d.meta.title, 'Coalition strikes target weapons caches in desert');
  assert.ok(body(d).startsWith('Coalition aircraft conducted'));
  assert.ok(body(d).endsWith('no reports of civilian casualties.') || body(d).endsWith('contact the press office.'));
});

test('clean: a "Most read" list above the article and a long comment thread below do not take the body', () => {
  const d = cleaned(SCRAPES.teasersFirst);
  assert.equal(d.meta.title, 'Protesters block highway over power cuts');
  assert.ok(body(d).startsWith('Hundreds of protesters'));
  assert.ok(body(d).endsWith("representatives on Tuesday."));
});

test('clean: text that starts with the story has no title, and the body is the story', () => {
  const d = cleaned(SCRAPES.noTitle);
  assert.equal(d.meta.title, null);
  assert.equal(d.meta.body.start, 0);
  assert.ok(body(d).endsWith('light vehicles at first.'));
});

test('clean: a caption or one-liner with no prose is kept whole; empty text does not crash', () => {
  const d = cleaned('  Photo gallery: the old city at night  ');
  assert.equal(body(d), 'Photo gallery: the old city at night');
  const e = cleaned('\n\n');
  assert.equal(body(e), '');
});

test('clean: a record is already clean: body is its whole text, title from the record', () => {
  const d = recordDoc({ id: 'r', text: 'Comments\nThe army said on Sunday it had retaken the town.', title: 'Town retaken' }, 'r');
  clean.run(d, ctx);
  assert.deepEqual(d.meta.body, { start: 0, end: d.text.length });
  assert.deepEqual(d.content, [d.meta.body]);
});

test('line kinds: menus, widgets, date lines, prose', () => {
  assert.ok(menuLike('Iraq News - Local News - Some Site'));
  assert.ok(menuLike('Home | World | Sport | Culture'));
  assert.ok(!menuLike('Troops - backed by aircraft - advanced on the town at dawn.'));
  assert.equal(classify('A+ A-').kind, 'boiler');
  assert.equal(classify('Tags: army, border').kind, 'boiler');
  assert.equal(classify('Add a Comment').kind, 'footer');
  assert.equal(classify('Related Story').kind, 'footer');
  assert.equal(classify('error: Content is protected !!').kind, 'footer');
  assert.equal(classify('• Monday, 22 July 2024').kind, 'dated');
  assert.equal(classify('Last Modified: Sunday\u060C 24 March 2019 02:47 PM').kind, 'dated');
  assert.equal(classify('He was killed on 3 May 2019 in a raid, his family said.').kind, 'content');
});

const SEED_EXPECT: Array<[string, string | null, string, string]> = [
  ['000_c429ba9189c3db3c.txt', 'US-led Coalition says will continue assisting SDF after ISIS defeat in Syria', 'The US-led coalition has', 'over the past month.'],
  ['001_4a850577689245d9.txt', 'US-backed force tracks Syria extremists after ‘caliphate’ falls', 'BEIRUT: A US-backed force', 'populations homeless.'],
  ['002_04d904eda5a7a569.txt', null, 'Relatively soon, ISIS', 'he said.'],
  ['003_2e96ec154b2b9a5d.txt', 'International Forces Conduct 94 Operations Against ISIS in Iraq and Syria', 'In the first quarter', 'in Iraq and Syria.'],
  ['004_f40649f1237dcb74.txt', 'Coalition: ISIS fight in Syria not affected by challenges of crowded battlefield', 'ERBIL, Kurdistan Region', 'in Iraq and Syria.'],
];

test('clean: the sample scrapes (title, body start and end)', { skip: skipNoShared }, () => {
  for (const [file, title, start, end] of SEED_EXPECT) {
    const d = cleaned(readFileSync(join(SEEDS, file), 'utf8'));
    assert.equal(d.meta.title, title, file);
    assert.ok(body(d).startsWith(start), `${file}: ${body(d).slice(0, 40)}`);
    assert.ok(body(d).endsWith(end), `${file}: ${body(d).slice(-40)}`);
  }
});

test('line kinds: a sentence that starts like a date label is still prose', () => {
  assert.equal(classify('Released prisoners said they had been beaten in custody.').kind, 'content');
  assert.equal(classify('Posted on 7 March 2021').kind, 'dated');
  assert.equal(classify('Published:').kind, 'dated');
});

test('line kinds: a dated sentence that starts like a label is prose', () => {
  assert.equal(classify('Released on 3 May 2019, the report says the army detained hundreds of people.').kind, 'content');
});
