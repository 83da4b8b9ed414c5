// A section's results view (site/FRONTEND.md, "A calculator widget"): a
// response's values, warnings and errors written into the section's
// elements, for the calculator widgets (widget.js) and the clvfit widget
// (clvfit.js). Text goes through textContent only, never markup.
import { goJSON, DASH } from './format.js';
import { format } from './settings.js';
import { engineError } from './engine.js';


/** getPath follows a dotted path (data-field) into a response. */
export function getPath(obj, path) {
  let v = obj;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, part)) return undefined;
    v = v[part];
  }
  return v;
}

function present(v) {
  return v !== undefined && v !== null && v !== false;
}

/** visibleText is el's text without the text of hidden descendants. */
export function visibleText(el) {
  let out = '';
  for (const n of el.childNodes) {
    if (n.nodeType === Node.TEXT_NODE) out += n.nodeValue;
    else if (n.nodeType === Node.ELEMENT_NODE && !n.hidden && !n.classList.contains('visually-hidden')) out += visibleText(n);
  }
  return out;
}

/**
 * showValues writes a response into root: each [data-field] gets its
 * data-value (the value's JSON as Go writes it) and its text in its
 * data-format; [data-if]/[data-unless] show or hide; the warnings list
 * (under list, when given) is rewritten.
 */
export function showValues(root, body, list) {
  for (const el of root.querySelectorAll('[data-field]')) {
    if (el.hasAttribute('data-calc-ref') || el.closest('[data-chart]')) continue;
    const v = getPath(body, el.getAttribute('data-field'));
    const value = v === undefined ? null : v;
    el.setAttribute('data-value', goJSON(value));
    el.textContent = el.hasAttribute('data-format') || typeof value !== 'object' || value === null ? format(value, el.getAttribute('data-format')) : DASH;
  }
  for (const el of root.querySelectorAll('[data-if]')) el.hidden = !present(getPath(body, el.getAttribute('data-if')));
  for (const el of root.querySelectorAll('[data-unless]')) el.hidden = present(getPath(body, el.getAttribute('data-unless')));
  if (list) {
    list.replaceChildren();
    for (const w of Array.isArray(body.warnings) ? body.warnings : []) {
      const li = document.createElement('li');
      li.setAttribute('data-code', String(w.code || ''));
      li.textContent = String(w.message || '');
      list.appendChild(li);
    }
    list.hidden = list.children.length === 0;
  }
}

/**
 * showErrors puts each error ({field, code, message}) next to its field in
 * section, the others (and those of hidden fields) in its error summary;
 * fields without an error are cleared. It returns the errors summarised.
 */
export function showErrors(section, errors) {
  const byField = new Map();
  const general = [];
  for (const e of errors) {
    const field = String((e && e.field) || '');
    const f = CSS.escape(field); // an Array field's cell: data-cell-wrap="ideas[1].expected_lift" (ideas.js)
    const wrap = field ? section.querySelector(`[data-field-wrap="${f}"], [data-cell-wrap="${f}"]`) : null;
    if (wrap && !wrap.hidden && !byField.has(field)) byField.set(field, e);
    else general.push(e);
  }
  for (const wrap of section.querySelectorAll('[data-field-wrap], [data-cell-wrap]')) {
    const e = byField.get(wrap.getAttribute('data-field-wrap') || wrap.getAttribute('data-cell-wrap'));
    const msg = wrap.querySelector('.error-message');
    const text = msg && (msg.querySelector('[data-error-text]') || msg);
    const input = wrap.hasAttribute('data-array') ? null : wrap.querySelector('[data-input], [data-cell]');
    wrap.classList.toggle('field--error', !!e);
    if (msg) msg.hidden = !e;
    if (text && text !== msg) text.textContent = e ? String(e.message) : '';
    if (input) {
      if (e) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }
  const summary = section.querySelector('[data-role="error-summary"]');
  if (summary) {
    summary.replaceChildren();
    if (general.length) {
      const h = document.createElement('p');
      h.className = 'error-summary__title';
      h.textContent = 'There is a problem';
      const ul = document.createElement('ul');
      for (const e of general) {
        const li = document.createElement('li');
        li.textContent = String((e && e.message) || 'The inputs could not be used.');
        ul.appendChild(li);
      }
      summary.append(h, ul);
    }
    summary.hidden = general.length === 0;
  }
  return general;
}

/** parseAnswer reads a result's response JSON; an unreadable one is an engine error. */
export function parseAnswer(response) {
  try {
    return JSON.parse(response);
  } catch {
    return engineError('The calculator returned an unreadable answer.');
  }
}
