import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers.ts';
import { Context } from '../../src/context.ts';
import { Doc, type DocResult } from '../../src/doc.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { toResult } from '../../src/result.ts';

/** The events of the written test articles (test/fixtures/articles/): type, toll, modality, who says so. */
const ctx = new Context();

function extract(name: string): DocResult {
  const text = readFileSync(join(ROOT, 'test/fixtures/articles', `${name}.txt`), 'utf8');
  return toResult(runPipeline(new Doc({ id: name, source: name, text, kind: 'text' }), ctx));
}

const lead = (r: DocResult, pattern: RegExp) => {
  const text = readFileSync(join(ROOT, 'test/fixtures/articles', `${r.id}.txt`), 'utf8');
  const ev = r.events.find((e) => e.evidence.some((x) => pattern.test(text.slice(x.start, x.end))));
  assert.ok(ev, `an event for ${pattern}`);
  return ev;
};

test('01: a raid that kills is a battle; the claim is the command\'s', () => {
  const r = extract('01-kirkuk-raid');
  const ev = lead(r, /^KIRKUK/);
  assert.equal(ev.type, 'Battles');
  assert.equal(ev.counts.killed, 12);
  assert.equal(ev.counts.detained, 27);
  assert.equal(ev.modality, 'claimed');
  assert.match(ev.attribution ?? '', /Joint Operations Command/);
  assert.equal(ev.location?.name.replace(/[^A-Za-z]/g, ''), 'Kirkuk');
  assert.equal(ev.location?.precision, 1);
});

test('02: a roadside bomb, its toll and the monitor that reports it; the headline joins the lead', () => {
  const r = extract('02-deir-ezzor-ied');
  const ev = lead(r, /^A roadside bomb/);
  assert.equal(ev.evidence.length, 2, 'headline + lead');
  assert.equal(r.events.filter((e) => e.subtype === ev.subtype).length, 1);
  assert.deepEqual([ev.type, ev.subtype], ['Explosions/Remote violence', 'Remote explosive/landmine/IED']);
  assert.deepEqual(ev.fatalities, { low: 4, best: 4, high: 4 });
  assert.equal(ev.counts.injured, 2);
  assert.equal(ev.attributionEntity, 'org:sohr');
  assert.ok(ev.actors.some((a) => a.entity === 'org:sdf'));
});

test('03: the quarterly figures are one aggregate report', () => {
  const r = extract('03-quarterly-report');
  const ev = lead(r, /^In the second quarter/);
  assert.equal(ev.aggregate, true);
  assert.deepEqual([ev.counts.operations, ev.counts.killed, ev.counts.detained], [37, 6, 51]);
  assert.equal(ev.attributionEntity, 'org:centcom');
  const training = lead(r, /trained/);
  assert.equal(training.counts.trained, 3000);
  assert.equal(training.fatalities, null);
});

test('04: a protest dispersed with tear gas; injuries and detentions', () => {
  const r = extract('04-sulaymaniyah-protest');
  const ev = lead(r, /^SULAIMANI/);
  assert.deepEqual([ev.type, ev.subtype], ['Protests', 'Protest with intervention']);
  const injured = lead(r, /At least 15/);
  assert.equal(injured.counts.injured, 15);
  assert.match(injured.attribution ?? '', /health officials/);
  assert.ok(r.events.every((e) => e.type === 'Protests'), 'no other kind of event');
});

test('05: a drone strike, a period total, and a denial', () => {
  const r = extract('05-drone-strike');
  const ev = lead(r, /^A Turkish drone strike/);
  assert.deepEqual([ev.type, ev.subtype], ['Explosions/Remote violence', 'Air/drone strike']);
  assert.equal(ev.fatalities?.best, 2);
  assert.equal(ev.attributionEntity, 'org:sdf');
  const total = lead(r, /more than 80/);
  assert.equal(total.aggregate, true);
  assert.equal(total.counts.strikes, 80);
  assert.equal(lead(r, /denied/).modality, 'denied');
});
