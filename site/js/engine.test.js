// node --test site/js/: the engine's worker protocol, with a fake worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, Superseded } from './engine.js';

// FakeWorker records the messages it is sent; answer() replies as the real
// worker does.
class FakeWorker {
  constructor(log) {
    this.sent = [];
    this.terminated = false;
    log.push(this);
  }
  postMessage(msg) {
    this.sent.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  reply(msg) {
    this.onmessage({ data: msg });
  }
}

function setup() {
  const workers = [];
  const engine = new Engine(() => new FakeWorker(workers));
  return { engine, workers };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

test('one run at a time; numbers first, then the charts of the same run', async () => {
  const { engine, workers } = setup();
  const charts = [];
  const a = engine.run('w1', 'samplesize', '{"mde":0.1}', { onCharts: (c) => charts.push(c) });
  const b = engine.run('w2', 'roi', '{}');
  assert.equal(workers.length, 1);
  const w = workers[0];
  assert.equal(w.sent.length, 1, 'the second run waits');
  assert.deepEqual(w.sent[0], { id: 1, name: 'samplesize', request: '{"mde":0.1}', chartsLater: true });
  w.reply({ id: 1, type: 'progress', progress: { phase: 'fit', fraction: 0.5, iteration: 1 } });
  w.reply({ id: 1, type: 'result', status: 0, response: '{"n":1}', charts: '[]', chartsLater: true });
  const ra = await a;
  assert.equal(ra.response, '{"n":1}');
  assert.equal(charts.length, 0, 'the charts come later');
  assert.equal(w.sent.length, 2, 'the next run starts when the numbers are in');
  assert.deepEqual(w.sent[1], { id: 2, name: 'roi', request: '{}' });
  w.reply({ id: 1, type: 'charts', charts: '[{"id":"x"}]' });
  assert.deepEqual(charts, ['[{"id":"x"}]']);
  w.reply({ id: 2, type: 'result', status: 1, response: '{"errors":[]}', charts: '[]' });
  assert.equal((await b).status, 1);
  assert.equal(engine.busy(), false);
});

test('a newer run of a widget replaces its waiting run', async () => {
  const { engine, workers } = setup();
  const first = engine.run('w1', 'clv', '{"a":1}');
  const waiting = engine.run('w1', 'clv', '{"a":2}');
  const newest = engine.run('w1', 'clv', '{"a":3}');
  await assert.rejects(waiting, Superseded);
  const w = workers[0];
  w.reply({ id: 1, type: 'result', status: 0, response: '1', charts: '[]' });
  assert.equal((await first).response, '1');
  assert.equal(w.sent[1].request, '{"a":3}');
  w.reply({ id: 2, type: 'result', status: 0, response: '3', charts: '[]' });
  assert.equal((await newest).response, '3');
});

test('cancel ends the run in flight with its worker; the next run starts a new one', async () => {
  const { engine, workers } = setup();
  const run = engine.run('fit', 'clvfit', '{}', { file: { blob: 'BLOB', kind: 'summary' } });
  assert.equal(workers[0].sent[0].file, 'BLOB');
  assert.equal(workers[0].sent[0].kind, 'summary');
  engine.cancel('fit');
  await assert.rejects(run, Superseded);
  assert.equal(workers[0].terminated, true);
  const next = engine.run('w', 'clv', '{}');
  await tick();
  assert.equal(workers.length, 2);
  workers[1].reply({ id: 2, type: 'result', status: 0, response: 'ok', charts: '[]' });
  assert.equal((await next).response, 'ok');
});

test('a worker that fails answers engine_failed and is replaced', async () => {
  const { engine, workers } = setup();
  const run = engine.run('w', 'clv', '{}');
  workers[0].onerror({ preventDefault() {} });
  const out = await run;
  assert.equal(out.status, -1);
  assert.equal(JSON.parse(out.response).errors[0].code, 'engine_failed');
  const fatal = engine.run('w', 'clv', '{}');
  await tick();
  workers[1].reply({ id: 2, type: 'result', status: -1, fatal: true, response: '{"errors":[]}', charts: '[]' });
  assert.equal((await fatal).status, -1);
  assert.equal(workers[1].terminated, true);
});

test('messages of an old run and progress of another are ignored', async () => {
  const { engine, workers } = setup();
  const seen = [];
  const run = engine.run('w', 'clvfit', '{}', { onProgress: (p) => seen.push(p.phase) });
  const w = workers[0];
  w.reply({ id: 99, type: 'result', status: 0, response: 'stale', charts: '[]' });
  w.reply({ id: 1, type: 'progress', progress: { phase: 'parse' } });
  w.reply(null);
  w.reply({ id: 1, type: 'result', status: 0, response: 'mine', charts: '[]' });
  assert.equal((await run).response, 'mine');
  assert.deepEqual(seen, ['parse']);
});
