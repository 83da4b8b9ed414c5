// Presentation mode's pure parts: the main chart's height, the step through
// the pinned scenarios and the ?present=1 of the URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartHeight, nextScenario, withPresent } from './present.js';

test('the main chart takes the window below its top, 12 px kept, 220 px at least', () => {
  for (const [viewport, top, below, want] of [
    [768, 500, 0, 256], // 768 - 500 - 12
    [1080, 400, 8, 660], // 1080 - 400 - 8 - 12
    [768, 700, 0, 220], // too little room: the least height
    [768, 535.6, 0, 220], // 220.4 floors to 220
    [768, 535.4, 0, 220],
    [900, 300.5, 0.5, 587], // 587 exactly
  ]) {
    assert.equal(chartHeight(viewport, top, below), want, `${viewport} ${top} ${below}`);
  }
});

test('the arrows step through the pinned scenarios, not past either end', () => {
  const pinned = [{ id: 'a', name: 'Low' }, { id: 'b', name: 'Mid' }, { id: 'c', name: 'High' }];
  for (const [active, step, want] of [
    ['a', 1, 'b'],
    ['b', 1, 'c'],
    ['c', 1, null],
    ['c', -1, 'b'],
    ['a', -1, null],
    [null, 1, 'a'], // none active: → starts at the first
    [null, -1, 'c'], // ← at the last
    ['gone', 1, 'a'], // an active scenario no longer pinned counts as none
  ]) {
    assert.equal(nextScenario(pinned, active, step), want, `${active} ${step}`);
  }
  assert.equal(nextScenario([], 'a', 1), null);
  assert.equal(nextScenario(undefined, null, 1), null);
  assert.equal(nextScenario([{ id: 0, name: 'Zero' }, { id: 1, name: 'One' }], 0, 1), 1, 'ids are compared as they are');
});

test('?present=1 is set and removed, the rest of the query and the hash kept', () => {
  assert.equal(withPresent('https://x.org/calculators/roi/?expected_lift=0.12#m', true), 'https://x.org/calculators/roi/?expected_lift=0.12&present=1#m');
  assert.equal(withPresent('https://x.org/calculators/roi/?present=1&expected_lift=0.12', false), 'https://x.org/calculators/roi/?expected_lift=0.12');
  assert.equal(withPresent('https://x.org/plan/?present=1', false), 'https://x.org/plan/');
  assert.equal(withPresent('https://x.org/plan/?present=1', true), 'https://x.org/plan/?present=1');
});
