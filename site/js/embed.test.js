// embed.js on a host page: only the iframe that sent a roikit:height message
// is resized, and bad heights are ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const code = readFileSync(new URL('./embed.js', import.meta.url), 'utf8');

function host() {
  const listeners = [];
  const frames = [1, 2].map((n) => ({
    contentWindow: { name: 'frame' + n },
    height: '200',
    attrs: {},
    setAttribute(k, v) {
      this.attrs[k] = v;
    },
  }));
  const window = { addEventListener: (type, fn) => type === 'message' && listeners.push(fn) };
  const document = { querySelectorAll: (sel) => (sel === 'iframe[data-roikit]' ? frames : []) };
  vm.runInNewContext(code, { window, document, Number, Math, isFinite, String });
  vm.runInNewContext(code, { window, document, Number, Math, isFinite, String }); // included twice: one listener
  const send = (data, source) => listeners.forEach((fn) => fn({ data, source }));
  return { listeners, frames, send };
}

test('the sending iframe, and only it, takes the height', () => {
  const h = host();
  assert.equal(h.listeners.length, 1);
  h.send({ type: 'roikit:height', height: 812.4 }, h.frames[1].contentWindow);
  assert.equal(h.frames[1].height, '813');
  assert.equal(h.frames[0].height, '200');
});

test('messages from elsewhere and bad heights are ignored', () => {
  const h = host();
  h.send({ type: 'roikit:height', height: 900 }, { name: 'some other window' });
  h.send({ type: 'roikit:height', height: 'NaN' }, h.frames[0].contentWindow);
  h.send({ type: 'roikit:height', height: -5 }, h.frames[0].contentWindow);
  h.send({ type: 'other', height: 900 }, h.frames[0].contentWindow);
  h.send('roikit:height', h.frames[0].contentWindow);
  h.send(null, h.frames[0].contentWindow);
  assert.deepEqual(h.frames.map((f) => f.height), ['200', '200']);
  h.send({ type: 'roikit:height', height: 1e9 }, h.frames[0].contentWindow);
  assert.equal(h.frames[0].height, '20000');
});
