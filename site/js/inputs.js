// Input text <-> contract values (site/FRONTEND.md: inputs show fractions as
// percentages with data-scale="100"; the request, the URL and data-value
// carry the contract's values). Pure functions, tested with node --test.

/** NUMBER_RE accepts plain and en-US grouped decimals, with an exponent. */
const NUMBER_RE = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d*)?(e[+-]?\d+)?$/i;

/** scaleOf returns k for a data-scale of 10^k (1, 10, 100, ...), else 0. */
export function scaleOf(attr) {
  const s = Number(attr || '1');
  const k = Math.round(Math.log10(s));
  return Number.isFinite(k) && k >= 0 && k <= 6 && Math.pow(10, k) === s ? k : 0;
}

/** shift returns the decimal text times 10^k, without binary rounding: "5.2", -2 -> 0.052. */
export function shift(text, k) {
  const m = /^([^e]*)(?:e([+-]?\d+))?$/i.exec(text);
  if (!m) return NaN;
  if (k === 0) return Number(text);
  return Number(m[1] + 'e' + (Number(m[2] || 0) + k));
}

/** isNumberText reports whether text is a number as a reader types it. */
export function isNumberText(text) {
  return NUMBER_RE.test(text) && /\d/.test(text);
}

/**
 * parseText returns the contract value of an input's text for a field of
 * type (number, integer, boolean, string, text) shown times 10^k:
 * undefined when empty (the field is absent), a finite number for numeric
 * text, else the text itself, so that the core names the problem ("must be a
 * number, not text").
 */
export function parseText(value, type, k) {
  const text = String(value).trim();
  if (text === '') return undefined;
  if (type === 'number' || type === 'integer') {
    const clean = text.replace(/[\s\u00a0]/g, '');
    if (isNumberText(clean)) {
      const n = shift(clean.replace(/,/g, ''), -k);
      if (Number.isFinite(n)) return n;
    }
    return text;
  }
  if (type === 'boolean') {
    if (text === 'true') return true;
    if (text === 'false') return false;
    return text;
  }
  return String(value); // string, text: as typed (CSV keeps its spacing)
}

/** toDisplay writes a contract value's text (from a URL) as input text. */
export function toDisplay(raw, type, k) {
  if ((type === 'number' || type === 'integer') && k !== 0 && isNumberText(raw)) {
    const n = shift(raw.replace(/,/g, ''), k);
    if (Number.isFinite(n)) return String(Number(n.toPrecision(15)));
  }
  return raw;
}
