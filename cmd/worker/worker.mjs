// The Worker's entry point (wrangler.toml main). It replaces the worker.mjs
// that github.com/syumai/workers generates into build/, which starts a new
// Go program for every request: a new WebAssembly instance of the 7.5 MB
// module, the Go runtime's start and every package's init before the
// handler runs, about 20 ms of a 27 ms request under wrangler dev. Here one
// Go program per isolate serves every request: the first request starts it
// (cold start as before), later ones only cross into Go and back.
//
// The Go side (serve_js.go) registers the handler, says ready and never
// returns. Should the program exit all the same (a crash), the next request
// starts a new one.
//
// The runtime context that Go reads (cloudflare.Getenv, the execution
// context) is one object whose env and ctx are set for each request; the
// requests are served one at a time (see "turns" below), so they are always
// the current request's.
import "./build/wasm_exec.js";
import { createRuntimeContext, loadModule } from "./build/runtime.mjs";

globalThis.tryCatch = (fn) => {
  try {
    return {
      result: fn(),
    };
  } catch (e) {
    return {
      error: e,
    };
  }
};

// program is the running Go program: a promise of its runtime context
// (whose binding.handleRequest serves a request), or undefined.
let program;

function start(env, ctx) {
  const started = (async () => {
    const mod = await loadModule();
    const go = new Go();
    const context = createRuntimeContext({ env, ctx, binding: {} });
    let ready;
    const readyPromise = new Promise((resolve) => {
      ready = resolve;
    });
    const instance = new WebAssembly.Instance(mod, {
      ...go.importObject,
      workers: {
        ready: () => {
          ready();
        },
      },
    });
    const exited = go.run(instance, context).finally(() => {
      if (program === started) {
        program = undefined;
      }
    });
    await Promise.race([readyPromise, exited.then(() => Promise.reject(new Error("the Go program exited before it was ready")))]);
    return { go, context };
  })();
  started.catch(() => {
    if (program === started) {
      program = undefined;
    }
  });
  return started;
}

async function serveOne(req, env, ctx) {
  if (program === undefined) {
    program = start(env, ctx);
  }
  const { go, context } = await program;
  if (go.exited) {
    program = undefined;
    return serveOne(req, env, ctx);
  }
  context.env = env;
  context.ctx = ctx;
  const res = await context.binding.handleRequest(req);
  // The whole body is read here, so the Go program has finished with this
  // request before it starts the next one.
  const body = await res.arrayBuffer();
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}

// queue serves an isolate's requests one at a time. The work is CPU-bound
// and JavaScript single-threaded, so nothing runs slower; in exchange the
// shared Go program never interleaves two requests (Cloudflare forbids I/O
// on behalf of another request, and context holds one request's env and
// ctx). Each request waits on the promise of the one before it.
//
// A long computation (clvfit) hands the event loop a turn every few steps
// (serve_js.go, gone): meanwhile workerd accepts and uploads the requests
// that will wait, and marks a request whose client hung up aborted. Such a
// request's turn ends at once (its timers die with it, so the Go program
// would not wake for it); the next request's entry into Go resumes the
// stopped computation, which sees the abort at its next step and ends.
//
// The long requests, clvfit fits and prioritize (whose Monte Carlo runs
// simulations for every idea: 20 ideas of 1,000,000 took 5 s), wait for
// each other first (fits), then join the queue, so a cheap request waits
// behind at most the long one that is running and one more queued before
// it, however many are sent; the API's body limit for clvfit
// (calc.Calculator.MaxBody) bounds a fit. A request whose client has gone
// away while it waited is not run.
let queue = Promise.resolve();
let fits = Promise.resolve();

// turns maps the id of each request being served to its AbortSignal; the
// Go program reads the current one (roikitTurn) when a request enters it.
const turns = new Map();
let turnSeq = 0;
let currentTurn = "";
globalThis.roikitTurn = () => currentTurn;

// roikitGone is what the Go program polls during a long computation
// (api.Options.Gone): whether the client of the request with that turn id
// has gone away.
globalThis.roikitGone = (id) => {
  const signal = turns.get(id);
  return signal === undefined || signal.aborted;
};

// clearTimeout of a timer set while serving an earlier request, whose
// context has ended, throws in workerd; the Go runtime clears its last timer
// whenever it is entered, so that error is ignored.
const clearTimer = globalThis.clearTimeout;
globalThis.clearTimeout = (id) => {
  try {
    clearTimer(id);
  } catch {
    // the timer's request has ended, and the timer with it
  }
};

const gone = () => new Response(null, { status: 499, statusText: "Client Closed Request" });

function serveTurn(req, env, ctx) {
  if (req.signal.aborted) {
    return gone();
  }
  const id = String(++turnSeq);
  turns.set(id, req.signal);
  currentTurn = id;
  const aborted = new Promise((resolve) => req.signal.addEventListener("abort", () => resolve(gone()), { once: true }));
  return Promise.race([serveOne(req, env, ctx), aborted]).finally(() => turns.delete(id));
}

function enqueue(req, env, ctx) {
  const served = queue.then(() => serveTurn(req, env, ctx));
  queue = served.catch(() => {});
  return served;
}

const long = new Set(["/api/v1/clvfit", "/api/v1/prioritize"]);

function isFit(req) {
  return req.method === "POST" && long.has(new URL(req.url).pathname.replace(/\/$/, ""));
}

function fetch(req, env, ctx) {
  if (!isFit(req)) {
    return enqueue(req, env, ctx);
  }
  const served = fits.then(() => enqueue(req, env, ctx));
  fits = served.catch(() => {});
  return served;
}

export default {
  fetch,
};
