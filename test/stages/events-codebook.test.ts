import { test } from 'node:test';
// The pack's codebook rules (packs/en-acled/events.yaml) on clauses written for them.
import assert from 'node:assert/strict';
import { Context } from '../../src/context.ts';
import { runPipeline } from '../../src/pipeline.ts';
import { recordDoc } from '../../src/read/records.ts';
import { typeModelSwitch } from '../../src/stages/events/type-model.ts';

// The pack's rules alone (no learned type model): ACLED's line between violence against civilians
// and battles is whom the act is done to.
const ctx = new Context();
function typeOf(text: string): string {
  typeModelSwitch.model = null;
  try {
    const doc = runPipeline(recordDoc({ id: 't', text } as never, 't'), ctx);
    const e = doc.events[0];
    return e ? `${e.type}/${e.subtype}` : 'none';
  } finally {
    typeModelSwitch.model = undefined;
  }
}

test('an attack on forces or fighters is a battle, whoever shoots', () => {
  assert.equal(typeOf('On 3 June 2021, gunmen attacked an army checkpoint near Gao, killing two soldiers.'), 'Battles/Armed clash');
  assert.equal(typeOf('On 4 June 2021, a policeman was shot dead by unknown men in a village near Gao.'), 'Battles/Armed clash');
  assert.equal(typeOf('On 5 June 2021, three fighters were killed when gunmen opened fire on their vehicle in a village.'), 'Battles/Armed clash');
});

test('an attack on unarmed people stays violence against civilians', () => {
  assert.equal(typeOf('On 6 June 2021, militants killed three civilians in a village near Gao.'), 'Violence against civilians/Attack');
  // the forces are only where it happened
  assert.equal(typeOf('On 7 June 2021, gunmen shot dead a man near army positions outside Gao.'), 'Violence against civilians/Attack');
});

test('violence of an unorganised group on a person, told in the passive, is mob violence', () => {
  assert.equal(typeOf('On 8 June 2021, a man was assaulted by a neighbour\'s relatives in a village near Gao.'), 'Riots/Mob violence');
  assert.equal(typeOf('On 9 June 2021, a health worker was attacked by angry villagers near Gao.'), 'Riots/Mob violence');
});

test('protest forms and purposes: a procession, a human chain, a gathering or a blockade to demand something', () => {
  assert.equal(typeOf('On 1 June 2021, party activists took out a procession in Dhaka to mark Labour Day.'), 'Protests/Peaceful protest');
  assert.equal(typeOf('On 2 June 2021, teachers formed a human chain in front of the press club in Dhaka.'), 'Protests/Peaceful protest');
  assert.equal(typeOf('On 3 June 2021, flood victims blocked the national road in Uvira (Sud-Kivu) to demand their share of aid.'), 'Protests/Peaceful protest');
  // fighters who gather to attack are not protesters
  assert.notEqual(typeOf('On 4 June 2021, fighters gathered near the town to launch an attack.'), 'Protests/Peaceful protest');
});

test('two sides fighting with sticks, stones or blades are a mob; with firearms or as forces, a battle', () => {
  assert.equal(typeOf('On 5 June 2021, two groups of villagers clashed with sticks and stones at a village near Gao. Nine people were injured.'), 'Riots/Mob violence');
  assert.equal(typeOf('On 6 June 2021, army troops clashed with rebels near Gao.'), 'Battles/Armed clash');
});
