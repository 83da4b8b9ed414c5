// Scenarios (site/FRONTEND.md, "Scenarios"): a calculator page's named sets
// of inputs, kept in the browser, pinned (at most four) to compare, saved
// to and read from one .roikit.json file, and carried by a link. This
// module is pure (no DOM, no storage): the list's operations, the file's
// checks and the link's encoding; scenarios.js does the page.
//
// A scenario is {id, name, request, pinned}: request holds the widget's
// values (Widget.values(): contract values, before show_when).

/** MAX_PINNED: at most four scenarios are compared side by side. */
export const MAX_PINNED = 4;

/** MAX_SCENARIOS: a page keeps at most this many scenarios. */
export const MAX_SCENARIOS = 50;

/** MAX_NAME: a scenario's name is 1 to 80 characters. */
export const MAX_NAME = 80;

/** SCENARIOS_KIND is the scenario file's kind (scenariofile.js' envelope). */
export const SCENARIOS_KIND = 'scenarios';

/** storageKey is the localStorage key of a calculator's scenarios. */
export function storageKey(calculator) {
  return 'roikit:scenarios:' + calculator;
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** stable writes a value as JSON with object keys sorted, so equal requests give equal text. */
export function stable(v) {
  if (Array.isArray(v)) return '[' + v.map(stable).join(',') + ']';
  if (isObject(v)) {
    return '{' + Object.keys(v).sort().filter((k) => v[k] !== undefined).map((k) => JSON.stringify(k) + ':' + stable(v[k])).join(',') + '}';
  }
  return JSON.stringify(v === undefined ? null : v);
}

/** newId returns an id ("s" and base-36 digits) not in the list. */
export function newId(list, random = Math.random) {
  const used = new Set(list.map((s) => s.id));
  for (;;) {
    const id = 's' + Math.floor(random() * 36 ** 6).toString(36);
    if (!used.has(id)) return id;
  }
}

/** nameProblem returns a sentence on what is wrong with a name, or ''. */
export function nameProblem(name) {
  const n = String(name === undefined || name === null ? '' : name).trim();
  if (n === '') return 'Give the scenario a name.';
  if (n.length > MAX_NAME) return `A scenario's name is at most ${MAX_NAME} characters; this one has ${n.length}.`;
  return '';
}

function fail(message) {
  throw new Error(message);
}

/**
 * addScenario returns the list with a new scenario {name, request} at its
 * end (pinned when fewer than four are), or throws an Error saying why not.
 */
export function addScenario(list, name, request, random = Math.random) {
  const problem = nameProblem(name);
  if (problem) fail(problem);
  const n = String(name).trim();
  if (list.some((s) => s.name === n)) fail(`There is already a scenario named "${n}": pick another name, or delete that one first.`);
  if (list.length >= MAX_SCENARIOS) fail(`This page keeps at most ${MAX_SCENARIOS} scenarios: delete one first.`);
  const pinned = list.filter((s) => s.pinned).length < MAX_PINNED;
  return [...list, { id: newId(list, random), name: n, request: JSON.parse(JSON.stringify(request)), pinned }];
}

/** renameScenario returns the list with scenario id renamed, or throws. */
export function renameScenario(list, id, name) {
  const problem = nameProblem(name);
  if (problem) fail(problem);
  const n = String(name).trim();
  if (list.some((s) => s.name === n && s.id !== id)) fail(`There is already a scenario named "${n}".`);
  return list.map((s) => (s.id === id ? { ...s, name: n } : s));
}

/** deleteScenario returns the list without scenario id. */
export function deleteScenario(list, id) {
  return list.filter((s) => s.id !== id);
}

/** setPinned returns the list with scenario id pinned or not; a fifth pin throws. */
export function setPinned(list, id, pinned) {
  if (pinned && !list.some((s) => s.id === id && s.pinned) && list.filter((s) => s.pinned).length >= MAX_PINNED) {
    fail(`At most ${MAX_PINNED} scenarios can be compared: unpin one first.`);
  }
  return list.map((s) => (s.id === id ? { ...s, pinned: !!pinned } : s));
}

/** moveScenario returns the list with scenario id moved by step (-1 up, +1 down); the first pinned is the reference. */
export function moveScenario(list, id, step) {
  const i = list.findIndex((s) => s.id === id);
  const j = i + step;
  if (i < 0 || j < 0 || j >= list.length) return list;
  const out = list.slice();
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/** pinnedOf returns the pinned scenarios in list order (the first is the reference). */
export function pinnedOf(list) {
  return list.filter((s) => s.pinned);
}

/**
 * checkScenarios reads a scenario file's data ({calculator, scenarios})
 * for calculator's page: {scenarios, problems}, problems being one
 * sentence per problem (the file is refused when there is any).
 */
export function checkScenarios(data, calculator) {
  const problems = [];
  if (!isObject(data)) return { scenarios: [], problems: ['The file has no scenarios.'] };
  if (data.calculator !== calculator) {
    problems.push(`The file holds scenarios of the ${String(data.calculator || 'unnamed').slice(0, 40)} calculator; this page is the ${calculator} calculator.`);
  }
  if (!Array.isArray(data.scenarios) || data.scenarios.length === 0) {
    problems.push('The file has no scenarios (its "scenarios" list is missing or empty).');
    return { scenarios: [], problems };
  }
  if (data.scenarios.length > MAX_SCENARIOS) problems.push(`The file has ${data.scenarios.length} scenarios; a page keeps at most ${MAX_SCENARIOS}.`);
  const out = [];
  const names = new Set();
  data.scenarios.slice(0, MAX_SCENARIOS).forEach((s, i) => {
    const where = `Scenario ${i + 1}`;
    if (!isObject(s)) {
      problems.push(`${where} is not an object with a name and a request.`);
      return;
    }
    const np = nameProblem(s.name);
    if (typeof s.name !== 'string' || np) problems.push(`${where}: ${typeof s.name !== 'string' ? 'its name is missing.' : np}`);
    else if (names.has(s.name.trim())) problems.push(`${where}: the name "${s.name.trim()}" is used twice.`);
    if (!isObject(s.request)) problems.push(`${where}${typeof s.name === 'string' ? ` ("${s.name.slice(0, 40)}")` : ''}: its "request" is missing or is not an object of inputs.`);
    if (s.pinned !== undefined && typeof s.pinned !== 'boolean') problems.push(`${where}: "pinned" must be true or false.`);
    if (s.id !== undefined && (typeof s.id !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(s.id))) problems.push(`${where}: its "id" must be up to 40 letters, digits, "-" or "_".`);
    const name = typeof s.name === 'string' ? s.name.trim() : '';
    names.add(name);
    out.push({ id: typeof s.id === 'string' ? s.id : '', name, request: isObject(s.request) ? s.request : {}, pinned: s.pinned === true });
  });
  const pins = out.filter((s) => s.pinned).length;
  if (pins > MAX_PINNED) problems.push(`The file pins ${pins} scenarios; at most ${MAX_PINNED} can be compared.`);
  return { scenarios: problems.length ? [] : out, problems };
}

/**
 * mergeScenarios adds scenarios read from a file or a link to list: one
 * with the name and the request of a scenario in the list is that one
 * (pinned if the incoming one is); a name in use gets " (2)". With
 * pinOnly, the incoming pinned ones replace the list's pins. Returns
 * {list, added, unpinned} (unpinned: incoming pins left out, over four).
 */
export function mergeScenarios(list, incoming, { pinOnly = false, random = Math.random } = {}) {
  let out = pinOnly ? list.map((s) => ({ ...s, pinned: false })) : list.slice();
  let added = 0;
  let unpinned = 0;
  for (const s of incoming) {
    const same = out.find((x) => x.name === s.name && stable(x.request) === stable(s.request));
    let pin = s.pinned;
    if (pin && !(same && same.pinned) && out.filter((x) => x.pinned).length >= MAX_PINNED) {
      pin = false;
      unpinned++;
    }
    if (same) {
      if (pin) out = out.map((x) => (x === same ? { ...x, pinned: true } : x));
      continue;
    }
    if (out.length >= MAX_SCENARIOS) fail(`This page keeps at most ${MAX_SCENARIOS} scenarios: delete some first.`);
    let name = s.name;
    for (let k = 2; out.some((x) => x.name === name); k++) name = `${s.name.slice(0, MAX_NAME - 6)} (${k})`;
    const id = s.id && !out.some((x) => x.id === s.id) ? s.id : newId(out, random);
    out.push({ id, name, request: s.request, pinned: pin });
    added++;
  }
  return { list: out, added, unpinned };
}

/** toBase64URL encodes text (UTF-8) in base64url without padding. */
function toBase64URL(text) {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64URL(s) {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/**
 * encodeCompare writes the pinned scenarios for a link's ?compare=: base64url
 * of [[name, changes], ...], changes being the request's values that
 * differ from base (the page's data-request; null: a field left empty).
 */
export function encodeCompare(scenarios, base) {
  const rows = scenarios.map((s) => {
    const changes = {};
    for (const [k, v] of Object.entries(s.request)) if (stable(v) !== stable(base[k])) changes[k] = v;
    for (const k of Object.keys(base)) if (!(k in s.request)) changes[k] = null;
    return [s.name, changes];
  });
  return toBase64URL(JSON.stringify(rows));
}

/**
 * decodeCompare reads a ?compare= value against base: [{name, request,
 * pinned: true}], at most four; it throws an Error with a sentence when the
 * value cannot be read.
 */
export function decodeCompare(text, base) {
  let rows;
  try {
    rows = JSON.parse(fromBase64URL(String(text)));
  } catch {
    fail('The link\'s comparison could not be read (it may have been cut short).');
  }
  if (!Array.isArray(rows) || rows.length === 0) fail('The link\'s comparison holds no scenarios.');
  if (rows.length > MAX_PINNED) fail(`The link compares ${rows.length} scenarios; at most ${MAX_PINNED} can be compared.`);
  return rows.map((r, i) => {
    if (!Array.isArray(r) || nameProblem(r[0]) || typeof r[0] !== 'string' || !isObject(r[1])) fail(`The link's scenario ${i + 1} could not be read.`);
    const request = { ...base };
    for (const [k, v] of Object.entries(r[1])) {
      if (v === null) delete request[k];
      else request[k] = v;
    }
    return { id: '', name: r[0].trim(), request, pinned: true };
  });
}
