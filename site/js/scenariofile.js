// Scenario files: a page's inputs saved as NAME.roikit.json and opened
// again, offline, with nothing uploaded. One format for every page:
//
//   {"roikit": 1, "kind": "prioritize" | "plan" | CALCULATOR, "saved_at": ISO time,
//    "settings": {"locale": ..., "currency": ...}, "data": {...}}
//
// "data" is what the page itself reads back: a calculator's request (the
// contract's values), or the business case's plan state. Reading checks
// the envelope and says in a sentence what is wrong with a file.

/** SCENARIO_SUFFIX ends every scenario file's name. */
export const SCENARIO_SUFFIX = '.roikit.json';

/** MAX_SCENARIO_BYTES: a larger file is refused before it is read (20 ideas fit in a few KB). */
export const MAX_SCENARIO_BYTES = 2 * 1024 * 1024;

/** scenarioFileName turns a title into a file name: "My plan" -> "my-plan.roikit.json". */
export function scenarioFileName(title) {
  const base =
    String(title || '')
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'scenario';
  return base + SCENARIO_SUFFIX;
}

/** scenarioText is the file's text for kind and data (pretty-printed, so a reader can diff two files). */
export function scenarioText(kind, data, settings = {}, now = new Date()) {
  const envelope = { roikit: 1, kind, saved_at: now.toISOString(), settings: { locale: settings.locale || '', currency: settings.currency || '' }, data };
  return JSON.stringify(envelope, null, 2) + '\n';
}

/**
 * parseScenario reads a file's text and returns {data, settings}; it throws
 * an Error whose message says what is wrong (not JSON, another kind of
 * file, a newer version). kinds lists the kinds the page accepts.
 */
export function parseScenario(text, kinds) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error('it is not a roikit scenario file (not valid JSON).');
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || !('roikit' in doc)) {
    throw new Error('it is not a roikit scenario file (it has no "roikit" version).');
  }
  if (doc.roikit !== 1) throw new Error(`it was saved by a newer roikit (format ${String(doc.roikit).slice(0, 20)}); this page reads format 1.`);
  if (!kinds.includes(doc.kind)) {
    throw new Error(`it holds a ${String(doc.kind).slice(0, 40)} scenario; this page opens ${kinds.join(' or ')} scenarios.`);
  }
  if (!doc.data || typeof doc.data !== 'object' || Array.isArray(doc.data)) throw new Error('its "data" is missing.');
  const s = doc.settings && typeof doc.settings === 'object' ? doc.settings : {};
  return { kind: doc.kind, data: doc.data, settings: { locale: String(s.locale || ''), currency: String(s.currency || '') } };
}

/** readScenarioFile reads a File (from an input or a drop) with parseScenario. */
export async function readScenarioFile(file, kinds) {
  if (file.size > MAX_SCENARIO_BYTES) throw new Error(`it is ${Math.round(file.size / 1024)} KB; a scenario file is at most ${MAX_SCENARIO_BYTES / 1024} KB.`);
  return parseScenario(await file.text(), kinds);
}

/** downloadText saves text as a file through a temporary link (nothing leaves the browser). */
export function downloadText(filename, text, type = 'application/json') {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
