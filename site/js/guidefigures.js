// A guide's inline figures ({{ID.PATH|FORMAT}}: elements with data-field,
// data-format, data-value and data-calc-ref="ID", site/FRONTEND.md) follow
// the widget of their calc block: after each of its valid answers (the
// widget's roikit:result event) a figure shows the answer's value in its
// format, so the prose and the widget never disagree. A figure whose text
// differs from the one written in the guide is marked (class
// figure--updated, a title and a note for screen readers after it); when
// it comes back to the written-in text (the reader restored the block's
// inputs) it loses the mark. The written-in value stays in
// data-written-value: printing shows it (beforeprint/afterprint), as does
// the page without JavaScript, which never changes the figures.
//
// The figure's data-value always holds the value shown, so settings.js's
// reformat (another currency) writes the figure's current value.
import { getPath } from './results.js';
import { format, parseDataValue } from './settings.js';
import { goJSON } from './format.js';

/** UPDATED is the class of a figure that shows a value other than the written-in one. */
export const UPDATED = 'figure--updated';

/**
 * figureUpdate decides what a figure shows for a widget's new value:
 * {raw, text, updated}. raw is the data-value to write (the written-in raw
 * JSON when the text comes back to the written-in text, so the guide's own
 * value is kept exactly); updated says whether the text differs from the
 * written-in text. fmt is the figure's data-format; formatFn(value, fmt)
 * writes a value.
 */
export function figureUpdate(writtenRaw, value, fmt, formatFn) {
  const written = parseRaw(writtenRaw);
  const v = value === undefined ? null : value;
  const writtenText = formatFn(written, fmt);
  const text = formatFn(v, fmt);
  if (text === writtenText) return { raw: writtenRaw, text: writtenText, updated: false };
  return { raw: goJSON(v), text, updated: true };
}

function parseRaw(raw) {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** noteText says where the figure's value came from, relative to the widget. */
export function noteText(figure, section) {
  // DOCUMENT_POSITION_PRECEDING (2): the section comes before the figure.
  const above = (figure.compareDocumentPosition(section) & 2) !== 0;
  return `updated from the calculator ${above ? 'above' : 'below'}`;
}

/** noteOf returns the figure's screen-reader note (the element right after it), or null. */
function noteOf(figure) {
  const next = figure.nextElementSibling;
  return next && next.getAttribute('data-role') === 'figure-note' ? next : null;
}

function mark(figure, section) {
  const text = noteText(figure, section);
  figure.classList.add(UPDATED);
  figure.title = text.charAt(0).toUpperCase() + text.slice(1);
  let note = noteOf(figure);
  if (!note) {
    note = document.createElement('span');
    note.className = 'visually-hidden';
    note.setAttribute('data-role', 'figure-note');
    figure.after(note);
  }
  note.textContent = ` (${text})`;
}

function unmark(figure) {
  figure.classList.remove(UPDATED);
  figure.removeAttribute('title');
  const note = noteOf(figure);
  if (note) note.remove();
}

/** follow writes a widget's answer (body) into its figures. */
export function follow(section, figures, body) {
  for (const fig of figures) {
    const u = figureUpdate(fig.getAttribute('data-written-value'), getPath(body, fig.getAttribute('data-field')), fig.getAttribute('data-format'), format);
    const before = fig.textContent;
    fig.setAttribute('data-value', u.raw);
    fig.textContent = u.text;
    if (!u.updated) {
      unmark(fig);
      continue;
    }
    mark(fig, section);
    if (before !== u.text) flash(fig);
  }
}

/** flash plays the figure's highlight again (a new value); none under prefers-reduced-motion. */
function flash(fig) {
  if (typeof fig.getAnimations !== 'function') return;
  for (const a of fig.getAnimations()) {
    a.cancel();
    a.play();
  }
}

/**
 * initGuideFigures makes the figures under root that refer to a widget
 * follow it. Figures of hidden calc blocks (no widget) stay as written.
 */
export function initGuideFigures(root = document) {
  const byID = new Map();
  for (const fig of root.querySelectorAll('[data-calc-ref][data-field][data-value]')) {
    const id = fig.getAttribute('data-calc-ref');
    if (!byID.has(id)) byID.set(id, []);
    byID.get(id).push(fig);
  }
  const all = [];
  for (const [id, figures] of byID) {
    const section = root.querySelector(`section[data-calc][data-calc-id="${CSS.escape(id)}"]`);
    if (!section) continue;
    for (const fig of figures) fig.setAttribute('data-written-value', fig.getAttribute('data-value'));
    section.addEventListener('roikit:result', (e) => {
      if (e.detail && e.detail.body) follow(section, figures, e.detail.body);
    });
    all.push(...figures);
  }
  if (all.length === 0) return;
  // A printout keeps the guide's written-in figures (and no marks).
  window.addEventListener('beforeprint', () => {
    for (const fig of all) fig.textContent = format(parseRaw(fig.getAttribute('data-written-value')), fig.getAttribute('data-format'));
  });
  window.addEventListener('afterprint', () => {
    for (const fig of all) fig.textContent = format(parseDataValue(fig), fig.getAttribute('data-format'));
  });
}
