import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { modelType, retype, typeFeatures, typeModelSwitch, type TypeModel } from '../../src/stages/events/type-model.ts';

// A hand-made model over three labels: "mortars" and "small arms" together read as a clash, "arrest of"
// as a grievance of a peaceful protest.
const LABELS = ['Battles/Armed clash', 'Explosions/Remote violence/Shelling/artillery/missile attack', 'Protests/Peaceful protest', 'Protests/Protest with intervention', 'Explosions/Remote violence/Air/drone strike'];
function model(extra: Partial<TypeModel> = {}): TypeModel {
  return {
    labels: LABELS,
    bias: [0, 0, 0, 0, 0],
    weights: {
      'small arms': [0, 3],
      'rule:Explosions/Remote violence': [1, 1, 4, 1],
      'against arrest': [2, 3],
      'rule:Protests/Protest with intervention': [3, 1],
      'air strike': [4, 2],
      clinic: [1, 5],
    },
    minProb: 0.5,
    margin: 0.1,
    ...extra,
  };
}

test('features: lower-cased words and word pairs, months and function words left out, the rules answer', () => {
  const f = typeFeatures('On 9 May 2020, the Forces FIRED mortars at positions', { type: 'Battles', subtype: 'Armed clash' });
  assert.ok(f.includes('fired mortars'));
  assert.ok(f.includes('forces fired'));
  assert.ok(f.includes('positions'));
  assert.ok(!f.includes('may') && !f.includes('the') && !f.includes('at'));
  assert.ok(f.includes('rule:Battles') && f.includes('rule:Battles/Armed clash'));
  assert.deepEqual(typeFeatures('', null).sort(), ['rule:none', 'rule:none/none']);
});

test('the model replaces the rules answer when it is confident', () => {
  const m = modelType(model(), 'rebels fired mortars, machine guns and small arms at army positions', { type: 'Explosions/Remote violence', subtype: 'Shelling/artillery/missile attack' });
  assert.equal(m?.type, 'Battles');
  assert.equal(m?.subtype, 'Armed clash');
  // a label with slashes of its own splits at the known type
  const p = modelType(model(), 'teachers protested against the arrest of a colleague', { type: 'Protests', subtype: 'Protest with intervention' });
  assert.deepEqual([p?.type, p?.subtype], ['Protests', 'Peaceful protest']);
});

test('the rules stand when the model is unsure, agrees, or judges a label it rarely saw', () => {
  const rule = { type: 'Explosions/Remote violence' as const, subtype: 'Shelling/artillery/missile attack' };
  assert.equal(modelType(model(), 'the army shelled the village', rule), null, 'agrees');
  assert.equal(modelType(model({ minProb: 0.99 }), 'fired mortars and small arms at positions', rule), null, 'below minProb');
  assert.equal(modelType(model({ margin: 0.9 }), 'fired mortars and small arms at positions', rule), null, 'rules close behind');
  const rare = model({ support: [100, 3, 100, 100, 100], minSupport: 20 });
  assert.equal(modelType(rare, 'fired mortars and small arms at positions', rule), null, 'the rules label is rare in training');
});

test('an explosion keeps the weapon the trigger names', () => {
  // the model prefers shelling, but the rules read an air strike: the subtype is the weapon
  const m = modelType(model(), 'an air strike hit a clinic', { type: 'Explosions/Remote violence', subtype: 'Air/drone strike' });
  assert.equal(m, null);
});

test('retype reads the event evidence and keeps the rules priority', () => {
  typeModelSwitch.model = model();
  try {
    const text = 'Rebels fired mortars and small arms at the positions. Two soldiers were wounded.';
    const r = retype(text, [{ start: 0, end: 54 }], { type: 'Explosions/Remote violence', subtype: 'Shelling/artillery/missile attack', priority: 80 });
    assert.deepEqual(r, { type: 'Battles', subtype: 'Armed clash', priority: 80 });
    typeModelSwitch.model = null;
    const same = { type: 'Explosions/Remote violence' as const, subtype: 'Shelling/artillery/missile attack', priority: 80 };
    assert.equal(retype(text, [{ start: 0, end: 54 }], same), same, 'no model: the rules decide');
  } finally {
    typeModelSwitch.model = undefined;
  }
});

test('the shipped model file is well formed', { skip: !existsSync(new URL('../../data/events/type-model.json', import.meta.url)) }, () => {
  const m = JSON.parse(readFileSync(new URL('../../data/events/type-model.json', import.meta.url), 'utf8')) as TypeModel;
  assert.equal(m.bias.length, m.labels.length);
  assert.ok(m.labels.every((l) => l.includes('/')));
  for (const w of Object.values(m.weights).slice(0, 500)) {
    assert.equal(w.length % 2, 0);
    for (let k = 0; k < w.length; k += 2) assert.ok(Number.isInteger(w[k]) && w[k] >= 0 && w[k] < m.labels.length);
  }
  assert.ok(typeof m.about === 'string' && /fold/.test(m.about));
});

test('a damaged model never decides', () => {
  const broken = model({ weights: { 'small arms': [0] } as Record<string, number[]> });
  assert.equal(modelType(broken, 'fired small arms at positions', { type: 'Explosions/Remote violence', subtype: 'Shelling/artillery/missile attack' }), null);
});
