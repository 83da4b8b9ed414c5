// The notes of a results table (internal/present's Notes): words beside
// the outputs that come from the request as well as the response, such as
// why an idea of the prioritize page's ranking cannot be tested and which
// ideas the budget buys. Their words are written once, in Go
// (present.NoteTexts); the build puts them in the results as JSON
// (<script type="application/json" data-note-texts>) and fills the
// pre-rendered table; this module fills the live one the same way
// (ideanotes.test.js checks both agree on cases Go writes).
import { format } from './settings.js';

/** fill writes a note's numbers into its words: {days} as "int", {share} as "pct". */
function fill(text, days, share, fmt) {
  return String(text || '')
    .replace('{days}', fmt(days, 'int'))
    .replace('{share}', fmt(share, 'pct'));
}

/**
 * ideaNotes returns the notes of a prioritize response, by path, as Go's
 * present.Notes: "ideas.N.testable" (why an idea is testable or not) and
 * "ideas.N.portfolio" ("In portfolio", or ""). request: the contract's
 * request (an idea without addressable_share reaches all traffic); fmt:
 * (value, format name) -> text.
 */
export function ideaNotes(texts, request, body, fmt = format) {
  const out = {};
  const ideas = Array.isArray(body && body.ideas) ? body.ideas : [];
  const asked = Array.isArray(request && request.ideas) ? request.ideas : [];
  const chosen = new Set(body && body.portfolio && Array.isArray(body.portfolio.names) ? body.portfolio.names : []);
  ideas.forEach((idea, i) => {
    const own = asked.find((x) => x && x.name === idea.name) || {};
    const lift = typeof own.expected_lift === 'number' ? own.expected_lift : 0;
    const share = typeof own.addressable_share === 'number' ? own.addressable_share : 1;
    let code = 'undetectable';
    if (idea.testable) code = 'testable';
    else if (idea.test_days !== null && idea.test_days !== undefined) code = 'too_long';
    else if (lift <= 0) code = 'no_lift';
    out[`ideas.${i}.testable`] = fill(texts[code], idea.test_days || 0, share, fmt);
    out[`ideas.${i}.portfolio`] = chosen.has(idea.name) ? String(texts.in_portfolio || '') : '';
  });
  return out;
}

const last = new WeakMap(); // section -> {body, request}: written again when the locale changes

/**
 * showNotes fills the [data-note] elements of a section's results from a
 * response and its request: an empty note is hidden, a row whose
 * portfolio note is set gets class is-chosen. No notes block: nothing.
 */
export function showNotes(section, body, request) {
  const block = section.querySelector('script[data-note-texts]');
  if (!block) return;
  if (body) last.set(section, { body, request });
  const shown = last.get(section);
  if (!shown) return;
  let texts;
  try {
    texts = JSON.parse(block.textContent || '{}') || {};
  } catch {
    return;
  }
  const notes = ideaNotes(texts, shown.request, shown.body);
  for (const el of section.querySelectorAll('[data-note]')) {
    const text = notes[el.getAttribute('data-note')] || '';
    el.textContent = text;
    if (el.tagName !== 'TD') el.hidden = text === '';
  }
  for (const tr of section.querySelectorAll('[data-note-row]')) {
    tr.classList.toggle('is-chosen', !!notes[tr.getAttribute('data-note-row') + '.portfolio']);
  }
}
