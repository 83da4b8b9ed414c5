// roikit's calculator worker (classic script). app.js starts it from a blob
// URL whose code sets self.roikitWasmURL and calls
// importScripts(ABS_WASM_EXEC, ABS_WORKER), so it also runs in a sandboxed
// iframe whose origin is null.
//
// Protocol (FRONTEND.md): page -> worker {id, name, request} (request: JSON
// text); worker -> page {id, type: "progress", progress: {phase, fraction,
// iteration}} any number of times, then {id, type: "result", status,
// response, charts}. status 0 is success; response and charts are JSON text.
// A module that cannot start answers every request with status -1 and an
// errors response; the page then starts a new worker.
/* global Go */
(function () {
  'use strict';
  var wasmURL = self.roikitWasmURL;

  function start() {
    var go = new Go();
    function run(result) {
      go.run(result.instance); // runs main until it waits: roikit is then set
      if (!self.roikit || typeof self.roikit.run !== 'function') {
        throw new Error('the module did not register roikit.run');
      }
      return self.roikit;
    }
    function viaBuffer() {
      return fetch(wasmURL)
        .then(function (r) {
          if (!r.ok) throw new Error('HTTP ' + r.status + ' for ' + wasmURL);
          return r.arrayBuffer();
        })
        .then(function (buf) {
          return WebAssembly.instantiate(buf, go.importObject);
        });
    }
    var instantiated = WebAssembly.instantiateStreaming
      ? WebAssembly.instantiateStreaming(fetch(wasmURL), go.importObject).catch(viaBuffer)
      : viaBuffer();
    return instantiated.then(run);
  }

  var ready = start();
  ready.catch(function () {}); // reported per request below

  function failure(id, message) {
    return {
      id: id,
      type: 'result',
      status: -1,
      fatal: true,
      response: JSON.stringify({ errors: [{ field: '', code: 'engine_failed', message: message }] }),
      charts: '[]',
    };
  }

  self.onmessage = function (event) {
    var msg = event.data || {};
    var id = msg.id;
    ready.then(
      function (api) {
        var out;
        try {
          out = api.run(String(msg.name), String(msg.request), function (p) {
            self.postMessage({
              id: id,
              type: 'progress',
              progress: { phase: String(p.phase), fraction: Number(p.fraction) || 0, iteration: Number(p.iteration) || 0 },
            });
          });
        } catch (err) {
          // Only a dead Go runtime throws here (roikit.run recovers panics).
          self.postMessage(failure(id, 'The calculator stopped working (' + (err && err.message) + '). Reload the page to start it again.'));
          return;
        }
        self.postMessage({ id: id, type: 'result', status: out.status, response: out.response, charts: out.charts });
      },
      function (err) {
        self.postMessage(failure(id, 'The calculator could not start in this browser (' + (err && err.message) + '). The results shown are for the default inputs.'));
      }
    );
  };
})();
