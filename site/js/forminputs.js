// A widget's inputs: their text <-> contract values (inputs.js reads the
// text in the page's locale), the notes echoing an ambiguous entry, and the
// URL query's text. Nothing is inserted as HTML. Used by widget.js.
import { scaleOf, parseText, parseNumber, toDisplay, displayText, echoText } from './inputs.js';
import { settings } from './settings.js';

/** scaleExponent is the power of ten an input shows its value at (data-scale="100": 2). */
export function scaleExponent(input) {
  return scaleOf(input.getAttribute('data-scale'));
}

/**
 * inputValue returns the contract value of an input: undefined when empty
 * (the field is absent), a number for numeric text, and the text itself
 * when it is not a number, so the core names the problem.
 */
export function inputValue(input) {
  const type = input.getAttribute('data-type') || 'string';
  if (input.type === 'checkbox') return input.checked;
  if (input.tagName === 'SELECT') {
    if (input.value === '') return undefined;
    if (type === 'number' || type === 'integer') {
      const n = Number(input.value);
      return Number.isFinite(n) ? n : input.value;
    }
    if (type === 'boolean') return input.value === 'true';
    return input.value;
  }
  return parseText(input.value, type, scaleExponent(input), { locale: settings.locale, currency: input.getAttribute('data-unit') === 'currency' });
}

/** isNumeric: a text input of a number field. */
export function isNumeric(input) {
  const type = input.getAttribute('data-type');
  return input.tagName === 'INPUT' && input.type === 'text' && (type === 'number' || type === 'integer');
}

/**
 * showEcho writes beside a numeric input how the reader's entry was read
 * ("= 200,000"), or hides the note (clear: the page wrote the value).
 */
export function showEcho(input, clear = false) {
  const wrap = input.closest('[data-field-wrap]');
  const echo = wrap && wrap.querySelector('[data-role="echo"]');
  if (!echo) return;
  const text = !clear && isNumeric(input) ? echoText(input.value, input.getAttribute('data-type'), scaleExponent(input), input.getAttribute('data-unit') || '', settings) : '';
  if (echo.textContent !== text) echo.textContent = text;
  echo.hidden = text === '';
}

/** relocalize rewrites a numeric text from one locale's writing to another's ("2.5" -> "2,5"); other text is kept. */
export function relocalize(text, from, to) {
  const read = parseNumber(text, from, { percent: true, currency: true });
  return read && text.trim() !== '' ? displayText(read.text, 0, to) : text;
}

/** queryText writes an input's value for the URL query (contract values). */
export function queryText(input) {
  const v = inputValue(input);
  return v === undefined ? '' : String(v);
}

export function isDefault(input) {
  if (input.type === 'checkbox') return input.checked === input.defaultChecked;
  if (input.tagName === 'SELECT') {
    const def = Array.from(input.options).find((o) => o.defaultSelected) || input.options[0];
    return !def || input.value === def.value;
  }
  return input.value === input.defaultValue;
}

/** setInput puts a URL value into an input: text only, never markup. */
export function setInput(input, raw) {
  if (input.type === 'checkbox') {
    if (raw === 'true' || raw === 'false') input.checked = raw === 'true';
    return;
  }
  if (input.tagName === 'SELECT') {
    if (Array.from(input.options).some((o) => o.value === raw)) input.value = raw;
    return; // a value the list does not offer is ignored
  }
  input.value = toDisplay(raw.slice(0, 200000), input.getAttribute('data-type') || 'string', scaleExponent(input), settings.locale);
}
