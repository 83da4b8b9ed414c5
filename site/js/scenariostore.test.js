// node --test site/js/: the scenarios' list, file checks and link (scenariostore.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as S from './scenariostore.js';
import { parseScenario } from './scenariofile.js';

const seq = () => {
  let n = 0;
  return () => (++n * 7919) / 36 ** 6; // distinct ids, repeatable
};

test('addScenario pins the first four, refuses a fifth pin, a duplicate name and an empty one', () => {
  const rnd = seq();
  let l = [];
  for (const name of ['A', 'B', 'C', 'D', 'E']) l = S.addScenario(l, ' ' + name + ' ', { x: name }, rnd);
  assert.deepEqual(l.map((s) => [s.name, s.pinned]), [['A', true], ['B', true], ['C', true], ['D', true], ['E', false]]);
  assert.equal(new Set(l.map((s) => s.id)).size, 5);
  assert.throws(() => S.setPinned(l, l[4].id, true), /At most 4 scenarios can be compared/);
  assert.deepEqual(S.setPinned(l, l[0].id, true), l); // re-pinning a pinned one is fine
  assert.throws(() => S.addScenario(l, 'B', {}), /already a scenario named "B"/);
  assert.throws(() => S.addScenario(l, '   ', {}), /Give the scenario a name/);
  assert.throws(() => S.addScenario(l, 'x'.repeat(81), {}), /at most 80 characters; this one has 81/);
  const unpinned = S.setPinned(l, l[1].id, false);
  assert.deepEqual(S.pinnedOf(S.setPinned(unpinned, l[4].id, true)).map((s) => s.name), ['A', 'C', 'D', 'E']);
});

test('addScenario copies the request; rename, delete and move', () => {
  const req = { a: 1, ideas: [{ name: 'X' }] };
  let l = S.addScenario([], 'One', req, seq());
  req.ideas[0].name = 'changed';
  assert.equal(l[0].request.ideas[0].name, 'X');
  l = S.addScenario(l, 'Two', {}, seq());
  assert.throws(() => S.renameScenario(l, l[0].id, 'Two'), /already a scenario named "Two"/);
  assert.equal(S.renameScenario(l, l[0].id, 'One')[0].name, 'One'); // its own name
  assert.deepEqual(S.moveScenario(l, l[1].id, -1).map((s) => s.name), ['Two', 'One']);
  assert.equal(S.moveScenario(l, l[0].id, -1), l);
  assert.deepEqual(S.deleteScenario(l, l[0].id).map((s) => s.name), ['Two']);
});

test('stable writes equal requests alike, whatever the key order', () => {
  assert.equal(S.stable({ b: 1, a: [1, { d: 2, c: null }] }), S.stable({ a: [1, { c: null, d: 2 }], b: 1 }));
  assert.notEqual(S.stable({ a: 1 }), S.stable({ a: '1' }));
});

test('checkScenarios accepts a good file and says one sentence per problem', () => {
  const good = { calculator: 'roi', scenarios: [{ id: 'a1', name: 'Base', request: { expected_lift: 0.08 }, pinned: true }, { name: 'Other', request: {} }] };
  const r = S.checkScenarios(good, 'roi');
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.scenarios.map((s) => [s.id, s.name, s.pinned]), [['a1', 'Base', true], ['', 'Other', false]]);

  const bad = {
    calculator: 'samplesize',
    scenarios: [{ name: '', request: {} }, { name: 'x', request: [1] }, 'text', { name: 'x', request: {}, pinned: 'yes', id: 'bad id!' }],
  };
  assert.deepEqual(S.checkScenarios(bad, 'roi').problems, [
    'The file holds scenarios of the samplesize calculator; this page is the roi calculator.',
    'Scenario 1: Give the scenario a name.',
    'Scenario 2 ("x"): its "request" is missing or is not an object of inputs.',
    'Scenario 3 is not an object with a name and a request.',
    'Scenario 4: the name "x" is used twice.',
    'Scenario 4: "pinned" must be true or false.',
    'Scenario 4: its "id" must be up to 40 letters, digits, "-" or "_".',
  ]);
  assert.deepEqual(S.checkScenarios(bad, 'roi').scenarios, []);
  assert.deepEqual(S.checkScenarios({ calculator: 'roi', scenarios: [] }, 'roi').problems, ['The file has no scenarios (its "scenarios" list is missing or empty).']);
  const five = { calculator: 'roi', scenarios: 'ABCDE'.split('').map((name) => ({ name, request: {}, pinned: true })) };
  assert.deepEqual(S.checkScenarios(five, 'roi').problems, ['The file pins 5 scenarios; at most 4 can be compared.']);
  assert.deepEqual(S.checkScenarios(null, 'roi').problems, ['The file has no scenarios.']);
});

test('mergeScenarios keeps what is there, renames a clash, and pins within four', () => {
  const rnd = seq();
  let l = S.addScenario([], 'Base', { a: 1 }, rnd);
  l = S.addScenario(l, 'Other', { a: 2 }, rnd);
  const incoming = [
    { id: '', name: 'Base', request: { a: 1 }, pinned: true }, // the same scenario
    { id: '', name: 'Other', request: { a: 3 }, pinned: true }, // another under a name in use
    { id: 'x', name: 'New', request: { a: 4 }, pinned: true },
  ];
  const m = S.mergeScenarios(l, incoming, { random: rnd });
  assert.deepEqual(m.list.map((s) => [s.name, s.pinned]), [['Base', true], ['Other', true], ['Other (2)', true], ['New', true]]);
  assert.equal(m.added, 2);
  assert.equal(m.unpinned, 0);
  const full = S.mergeScenarios(m.list, [{ id: '', name: 'Fifth', request: {}, pinned: true }], { random: rnd });
  assert.equal(full.unpinned, 1);
  assert.equal(full.list[4].pinned, false);
  const only = S.mergeScenarios(m.list, [{ id: '', name: 'Fifth', request: {}, pinned: true }], { pinOnly: true, random: rnd });
  assert.deepEqual(S.pinnedOf(only.list).map((s) => s.name), ['Fifth']);
});

test('a comparison link carries the changes from the page\'s request and reads back', () => {
  const base = { visitors: 200000, lift: 0.08, name: 'é' };
  const sc = [
    { name: 'Base', request: { ...base } },
    { name: 'Bold · ünïcode', request: { ...base, lift: 0.12 } },
    { name: 'Empty', request: { visitors: 200000, lift: 0.08 } }, // name left empty
  ];
  const text = S.encodeCompare(sc, base);
  assert.match(text, /^[A-Za-z0-9_-]+$/);
  assert.ok(text.length < 120, text);
  const back = S.decodeCompare(text, base);
  assert.deepEqual(back.map((s) => s.request), sc.map((s) => s.request));
  assert.deepEqual(back.map((s) => [s.name, s.pinned]), [['Base', true], ['Bold · ünïcode', true], ['Empty', true]]);
  assert.throws(() => S.decodeCompare(text.slice(0, 20), base), /could not be read/);
  assert.throws(() => S.decodeCompare(S.encodeCompare([...sc, ...sc], base), base), /compares 6 scenarios; at most 4/);
});

test('the documented scenario file (content/docs/scenario-files.md) imports', () => {
  const page = readFileSync(new URL('../../content/docs/scenario-files.md', import.meta.url), 'utf8');
  const text = /```json\n([\s\S]*?)```/.exec(page)[1];
  const { data } = parseScenario(text, [S.SCENARIOS_KIND]);
  const r = S.checkScenarios(data, 'roi');
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.scenarios.map((s) => [s.name, s.pinned]), [['Base case', true], ['Bold lift', true]]);
});
