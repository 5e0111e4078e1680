import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPack, PackError } from '../../src/packs/load.ts';
import { packEntities, packTitles } from '../../src/packs/entities.ts';
import { ROOT, tempDir } from '../helpers.ts';

function packWith(files: Record<string, string>) {
  const dir = join(tempDir(), 'p');
  mkdirSync(dir);
  for (const [f, body] of Object.entries(files)) writeFileSync(join(dir, f), body);
  return loadPack(dir);
}

test('the iraq-syria pack passes its schema checks: unique ids, types, aliases', () => {
  const pack = loadPack('iraq-syria');
  const ents = packEntities(pack);
  assert.ok(ents.length > 150);
  const isis = ents.find((e) => e.id === 'org:isis')!;
  assert.equal(isis.type, 'ORG');
  // Acronyms default to exact case; "IS" carries the all-caps guard.
  assert.equal(isis.aliases.find((a) => a.text === 'ISIS')?.case, 'exact');
  assert.deepEqual(isis.aliases.find((a) => a.text === 'IS'), { text: 'IS', case: 'exact', guard: 'caps' });
  assert.equal(isis.aliases.find((a) => a.text === 'Daesh')?.case, 'any');
  for (const id of ['org:sdf', 'org:cjtf-oir', 'org:centcom', 'org:peshmerga', 'org:isf', 'org:pmf', 'org:sohr', 'gpe:iraq', 'gpe:syria', 'norp:kurdish']) {
    assert.ok(ents.some((e) => e.id === id), id);
  }
  const t = packTitles(pack);
  assert.ok(t.ranks.includes('Lt. Gen.') && t.titles.includes('Prime Minister') && t.roles.includes('spokesman'));
});

test('the fixture pack for another conflict passes the same checks', () => {
  const ents = packEntities(loadPack(join(ROOT, 'test/fixtures/packs/sahel')));
  assert.ok(ents.some((e) => e.id === 'org:jnim'));
  assert.ok(ents.every((e) => e.pack === 'sahel'));
});

test('malformed entries fail loudly, naming the pack, file and entry', () => {
  const bad = [
    ['- { id: ISIS, type: ORG, name: X }', /kind:slug/],
    ['- { id: org:x, type: ORGANISATION, name: X }', /type must be/],
    ['- { id: gpe:x, type: ORG, name: X }', /does not match type/],
    ['- { id: org:x, type: ORG }', /name/],
    ['- { id: org:x, type: ORG, name: X, aliases: [{ case: exact }] }', /alias/],
    ['- { id: org:x, type: ORG, name: X, aliases: [{ text: Y, case: upper }] }', /case must be/],
    ['- { id: org:x, type: ORG, name: X }\n- { id: org:x, type: ORG, name: Y }', /duplicate/],
    ['{ id: org:x }', /list/],
  ] as const;
  for (const [yaml, re] of bad) {
    const pack = packWith({ 'entities.yaml': yaml });
    assert.throws(() => packEntities(pack), (e: Error) => e instanceof PackError && re.test(e.message) && /entities\.yaml/.test(e.message), yaml);
  }
  assert.throws(() => packTitles(packWith({ 'titles.yaml': 'ranks: [1, 2]' })), PackError);
  assert.throws(() => packTitles(packWith({ 'titles.yaml': 'rankz: [Gen.]' })), /unknown key/);
});

test('a pack without entity sections is simply empty', () => {
  const pack = packWith({ 'other.yaml': 'a: 1' });
  assert.deepEqual(packEntities(pack), []);
  assert.deepEqual(packTitles(pack), { ranks: [], titles: [], modifiers: [], roles: [] });
});
