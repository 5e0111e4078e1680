import { h, mount, link } from '../dom.js';
import { get } from '../api.js';
import { empty, showError } from '../ui.js';
import { redrawOnChange } from '../live.js';
import { contradictions } from './event.js';

/** Every place where sources give different figures for the same thing, side by side; redrawn as events change. */
export async function contradictionsPage(main, _p, _q, current) {
  document.title = 'sitrep · contradictions';
  const draw = async () => {
    const res = await get('/contradictions');
    if (!current()) return;
    if (!res.items.length) return mount(main, h('h1', null, 'Contradictions'), empty('No contradictions', 'When two sources give different figures for the same event or subject (killed, detained, fighters, ...), they are listed here side by side.'));
    mount(main, h('h1', null, 'Contradictions'), res.items.map((c) => h('div', null, c.eventId ? h('p', null, h('a', { href: link('events', c.eventId) }, 'event ' + c.eventId)) : null, contradictions([c]))));
  };
  await draw();
  redrawOnChange(current, () => true, () => draw().catch(showError));
}
