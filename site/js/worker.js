// roikit's calculator worker (classic script). engine.js starts it from a blob
// URL whose code sets self.roikitWasmURL, starts fetching the module
// (self.roikitWasmResponse, a promise of the response) and calls
// importScripts(ABS_WASM_EXEC, ABS_WORKER), so it also runs in a sandboxed
// iframe whose origin is null.
//
// Protocol (site/FRONTEND.md): page -> worker {id, name, request} (request: JSON
// text); worker -> page {id, type: "progress", progress: {phase, fraction,
// iteration}} any number of times, then {id, type: "result", status,
// response, charts}. status 0 is success; response and charts are JSON text.
// name "peeking" runs the significance page's peeking demonstration
// (roikit.peeking: request and response as calc.PeekingRequest/Response,
// charts its one chart).
// clvfit may also send {file, kind}: a File or Blob the worker reads and
// fits (roikit.clvfit), kind "transactions" or "summary"; its result adds
// csv (a Blob of every customer's predictions, or null) and customers, and
// its response lists only the customers the page's table can show.
// chartsLater: true asks for the numbers first: the result comes with charts
// "[]" and chartsLater true, then {id, type: "charts", charts} follows, built
// by roikit.charts() from the same computation.
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
    // The blob that loaded this script started the download already
    // (self.roikitWasmResponse); a second attempt fetches again.
    var early = self.roikitWasmResponse;
    self.roikitWasmResponse = null;
    function viaBuffer() {
      var response = early || fetch(wasmURL);
      early = null;
      return response
        .then(function (r) {
          if (!r.ok) throw new Error('HTTP ' + r.status + ' for ' + wasmURL);
          return r.arrayBuffer();
        })
        .then(function (buf) {
          return WebAssembly.instantiate(buf, go.importObject);
        });
    }
    var instantiated;
    if (WebAssembly.instantiateStreaming) {
      var response = early || fetch(wasmURL);
      early = null;
      instantiated = WebAssembly.instantiateStreaming(response, go.importObject).catch(viaBuffer);
    } else {
      instantiated = viaBuffer();
    }
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

  // fileSource gives the module a File (or Blob) to read as it fits: a
  // promise of {size, read(offset, length) -> Uint8Array} that reads slices
  // with FileReaderSync (memory holds one slice, the parse starts at once),
  // or, where workers lack FileReaderSync, of the whole file's bytes. The
  // file is read here, never on the page's thread.
  function fileSource(blob) {
    if (typeof FileReaderSync === 'function') {
      var reader = new FileReaderSync();
      return Promise.resolve({
        size: blob.size,
        read: function (offset, length) {
          try {
            return new Uint8Array(reader.readAsArrayBuffer(blob.slice(offset, offset + length)));
          } catch (err) {
            return null; // changed or deleted since it was chosen: the module says it could not be read
          }
        },
      });
    }
    return blob.arrayBuffer().then(function (buf) {
      return new Uint8Array(buf);
    });
  }

  self.onmessage = function (event) {
    var msg = event.data || {};
    var id = msg.id;
    function progress(p) {
      self.postMessage({
        id: id,
        type: 'progress',
        progress: { phase: String(p.phase), fraction: Number(p.fraction) || 0, iteration: Number(p.iteration) || 0 },
      });
    }
    function compute(api, file) {
      var out;
      try {
        if (file) out = api.clvfit(String(msg.request), file, String(msg.kind || 'transactions'), progress);
        else if (msg.name === 'peeking') out = api.peeking(String(msg.request)); // the significance page's demonstration
        else out = api.run(String(msg.name), String(msg.request), progress, !msg.chartsLater);
      } catch (err) {
        // Only a dead Go runtime throws here (the module recovers panics).
        self.postMessage(failure(id, 'The calculator stopped working (' + (err && err.message) + '). Reload the page to start it again.'));
        return;
      }
      var result = { id: id, type: 'result', status: out.status, response: out.response, charts: out.charts };
      if (file) {
        result.csv = out.csv ? new Blob([out.csv], { type: 'text/csv' }) : null;
        result.customers = out.customers;
      }
      var chartsLater = !file && msg.chartsLater && out.status === 0;
      result.chartsLater = chartsLater;
      self.postMessage(result);
      if (chartsLater) {
        // The numbers are on their way to the page; now the charts of the
        // same computation (roikit.charts builds them from the result the
        // module kept), before this worker takes the next message.
        var charts = '[]';
        try {
          charts = api.charts();
        } catch (err) {
          /* the next request reports a dead runtime */
        }
        self.postMessage({ id: id, type: 'charts', charts: charts });
      }
    }
    ready.then(
      function (api) {
        if (!msg.file) return compute(api, null);
        progress({ phase: 'read', fraction: 0 });
        return fileSource(msg.file).then(
          function (source) {
            compute(api, source);
          },
          function (err) {
            var res = failure(id, 'The file could not be read in this browser (' + (err && err.message) + '). Choose it again.');
            res.fatal = false;
            self.postMessage(res);
          }
        );
      },
      function (err) {
        self.postMessage(failure(id, 'The calculator could not start in this browser (' + (err && err.message) + '). The results shown are for the default inputs.'));
      }
    );
  };
})();
