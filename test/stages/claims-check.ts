import assert from 'node:assert/strict';
import type { Claim } from '../../src/doc.ts';

/** One expected claim: the figure as written, its value and unit, the claimant's name (null: none) and id. */
export type Want = [text: string, value: number, unit: string, claimant: RegExp | null, entity?: string];

/** The claims of a document are exactly `want`, in text order, each with its value, unit and claimant. */
export function checkClaims(text: string, claims: Claim[], want: Want[], label: string): void {
  for (const c of claims) assert.equal(text.slice(c.start, c.end), c.text, `${label}: claim offsets`);
  const body = claims;
  assert.deepEqual(
    body.map((c) => c.text),
    want.map((w) => w[0]),
    `${label}: the claims, in order`,
  );
  want.forEach(([t, value, unit, claimant, entity], i) => {
    const c = body[i];
    assert.equal(c.value, value, `${label} "${t}": value`);
    assert.equal(c.unit, unit, `${label} "${t}": unit`);
    assert.ok(c.low <= c.value && c.value <= c.high, `${label} "${t}": low <= value <= high`);
    if (claimant) assert.match(c.claimantName ?? '', claimant, `${label} "${t}": claimant`);
    else assert.equal(c.claimantName ?? null, null, `${label} "${t}": no claimant`);
    if (entity) assert.equal(c.claimant, entity, `${label} "${t}": claimant entity`);
    assert.ok(c.evidence.start <= c.start && c.end <= c.evidence.end, `${label} "${t}": evidence holds the figure`);
  });
}

