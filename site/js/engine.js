// The engine: the page's side of the worker protocol (site/FRONTEND.md,
// "Live behaviour"). One Web Worker per page runs the Go core compiled to
// WebAssembly; one request is in flight at a time, and each widget has at
// most one waiting request (a newer one replaces it). Every result comes in
// two messages: the numbers as soon as they are computed, then the charts
// of the same computation.
//
// The worker comes from a factory (startWorker), so the engine runs under
// Node with a fake worker (engine.test.js).

/** Superseded rejects a run that a newer run or cancel() replaced (name "AbortError"). */
export class Superseded extends Error {
  constructor() {
    super('The run was replaced by a newer one or cancelled.');
    this.name = 'AbortError';
  }
}

/** engineError is the errors body of a calculator that could not answer (code engine_failed). */
export function engineError(message) {
  return { errors: [{ field: '', code: 'engine_failed', message }] };
}

/** failure is the answer to a run the engine could not make. */
export function failure(message) {
  return {
    status: -1,
    response: JSON.stringify(engineError(message)),
    charts: '[]',
    csv: null,
    customers: 0,
  };
}

/**
 * blobWorker starts the page's worker from a blob URL (so it also starts
 * in a sandboxed iframe, whose origin is null): the blob's code starts
 * the module's download, then loads wasm_exec.js and worker.js from their
 * absolute URLs (urls: {wasm, wasmExec, worker}).
 */
export function blobWorker(urls) {
  const wasm = JSON.stringify(urls.wasm);
  const code =
    'self.roikitWasmURL=' + wasm + ';self.roikitWasmResponse=fetch(' + wasm + ');importScripts(' + JSON.stringify(urls.wasmExec) + ',' + JSON.stringify(urls.worker) + ');';
  return new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
}

export class Engine {
  /** startWorker() returns a new Worker (or an object with its interface). */
  constructor(startWorker) {
    this.startWorker = startWorker;
    this.worker = null;
    this.nextId = 1;
    this.current = null; // the job in flight: {id, key, name, request, onProgress, file, onCharts, resolve, reject}
    this.waiting = new Map(); // key -> job
    this.chartsDue = new Map(); // id -> onCharts, for results whose charts follow
  }

  start() {
    if (this.worker) return;
    const w = this.startWorker();
    w.onmessage = (e) => this.message(e.data);
    w.onerror = (e) => {
      if (e && e.preventDefault) e.preventDefault();
      this.fail('The calculator could not start in this browser. The results shown are for the default inputs.');
    };
    this.worker = w;
  }

  fail(message) {
    const job = this.current;
    this.restart();
    if (job) job.resolve(failure(message));
  }

  restart() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.current = null;
    this.chartsDue.clear();
    queueMicrotask(() => this.pump());
  }

  /**
   * run queues a run of calculator name for widget key; a waiting run of
   * the same key is superseded (its promise rejects with Superseded). It
   * resolves with {status, response, charts, csv, customers}: response is
   * JSON text. With onCharts, the result comes without charts as soon as
   * the numbers are ready, and onCharts(chartsJSON) is called once the
   * worker has built them from the same computation. file ({blob, kind},
   * clvfit only) is a File or Blob the worker reads itself, kind
   * "transactions" or "summary"; the result then has csv (a Blob of every
   * customer's predictions, or null) and customers.
   */
  run(key, name, request, { onProgress = null, file = null, onCharts = null } = {}) {
    return new Promise((resolve, reject) => {
      const old = this.waiting.get(key);
      if (old) old.reject(new Superseded());
      this.waiting.delete(key);
      this.waiting.set(key, { key, name, request, onProgress, file, onCharts, resolve, reject });
      this.pump();
    });
  }

  /** busy reports whether a run is in flight or waiting. */
  busy() {
    return this.current !== null || this.waiting.size > 0;
  }

  /** cancel stops widget key's run: a run in flight ends with its worker. */
  cancel(key) {
    const old = this.waiting.get(key);
    if (old) {
      old.reject(new Superseded());
      this.waiting.delete(key);
    }
    if (this.current && this.current.key === key) {
      const job = this.current;
      this.restart();
      job.reject(new Superseded());
    }
  }

  pump() {
    if (this.current || this.waiting.size === 0) return;
    const [key, job] = this.waiting.entries().next().value;
    this.waiting.delete(key);
    this.start();
    job.id = this.nextId++;
    this.current = job;
    const msg = { id: job.id, name: job.name, request: job.request };
    if (job.file) {
      msg.file = job.file.blob;
      msg.kind = job.file.kind;
    }
    if (job.onCharts) msg.chartsLater = true;
    this.worker.postMessage(msg);
  }

  message(msg) {
    if (msg && msg.type === 'charts') {
      const onCharts = this.chartsDue.get(msg.id);
      this.chartsDue.delete(msg.id);
      if (onCharts) onCharts(msg.charts);
      return;
    }
    const job = this.current;
    if (!msg || !job || msg.id !== job.id) return;
    if (msg.type === 'progress') {
      if (job.onProgress) {
        try {
          job.onProgress(msg.progress);
        } catch {
          /* a progress display must not stop the run */
        }
      }
      return;
    }
    if (msg.type !== 'result') return;
    this.current = null;
    if (msg.fatal) this.restart();
    else if (msg.chartsLater && job.onCharts) this.chartsDue.set(job.id, job.onCharts);
    job.resolve({ status: msg.status, response: msg.response, charts: msg.charts, csv: msg.csv || null, customers: msg.customers || 0 });
    this.pump();
  }
}
