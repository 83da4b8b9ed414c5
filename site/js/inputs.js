// Input text <-> contract values (site/FRONTEND.md, "Inputs"): a form shows
// rates, shares and lifts in percent and differences of rates in points
// (data-scale="100"); the request, the URL and data-value carry the
// contract's values. Numbers are read in the page's locale: "2,5" and
// "200.000" in de-DE, "2.5" and "200,000" in en-US; "10%" and "10 %" on a
// percent field; "€1,200" on a money field. Pure functions, tested with
// node --test (inputs.test.js).

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

const sepCache = new Map();

/**
 * separators returns the locale's decimal and group separators, as
 * Intl.NumberFormat writes them: {decimal: ",", group: "."} for de-DE.
 */
export function separators(locale) {
  let s = sepCache.get(locale);
  if (!s) {
    const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1234567.5);
    const part = (type, fallback) => (parts.find((p) => p.type === type) || { value: fallback }).value;
    s = { decimal: part('decimal', '.'), group: part('group', ',') };
    sepCache.set(locale, s);
  }
  return s;
}

/** SPACES: characters read as thousands separators wherever they are typed (fr-FR, de-CH, sv-SE). */
const SPACES = /[\s\u00a0\u202f'\u2019]/g;
const CURRENCY_SIGNS = /^[$€£¥₹]|[$€£¥₹]$/g;

/** groupsValid: "1,234,567" (or Indian "12,34,567") splits into valid thousands groups. */
function groupsValid(intText, sep) {
  const groups = intText.split(sep);
  if (groups[0].length < 1 || groups[0].length > 3) return false;
  const last = groups.length - 1;
  return groups.slice(1).every((g, i) => g.length === 3 || (i + 1 < last && g.length === 2));
}

/** groupLike: "200.000" or "1,500": one separator with 1-3 digits before and exactly 3 after. */
function groupLike(digits, sep) {
  const i = digits.indexOf(sep);
  return i >= 1 && i <= 3 && digits.length - i - 1 === 3 && /^\d+$/.test(digits.slice(0, i) + digits.slice(i + 1));
}

/**
 * parseNumber reads a number typed in a form, in the given locale.
 * opts: {percent: a trailing "%" is allowed, currency: a leading or
 * trailing currency sign or code is allowed}. It returns {text, ambiguous}
 * where text is the number in plain JavaScript form ("-1234.5", "1e6"),
 * or null when the entry is not a number. ambiguous: the entry has one
 * "." or "," that the other convention reads as a thousands separator
 * ("200.000", "1,500"), or the locale's group separator used as a decimal
 * ("2.5" in de-DE): the form echoes the value read.
 *
 * Rules: both "." and "," present -> the last is the decimal separator;
 * one of them several times -> thousands groups; once -> the locale
 * decides (its decimal separator is one; its group separator is one when
 * followed by exactly three digits, else a decimal). Spaces and
 * apostrophes between digits are thousands separators.
 */
export function parseNumber(input, locale, opts = {}) {
  let t = String(input).trim().replace(/\u2212/g, '-');
  if (opts.percent) t = t.replace(/\s*%$/, '');
  if (opts.currency) t = t.replace(/^[A-Z]{3}\s*|\s*[A-Z]{3}$/g, '').replace(CURRENCY_SIGNS, '').trim();
  let sign = '';
  if (/^[+-]/.test(t)) {
    sign = t[0] === '-' ? '-' : '';
    t = t.slice(1);
  }
  if (opts.currency) t = t.replace(CURRENCY_SIGNS, '').trim(); // "-$5"
  let exp = '';
  const e = /^([\d.]+)(e[+-]?\d+)$/i.exec(t);
  if (e) {
    t = e[1];
    exp = e[2];
  }
  const spaced = /\d[\s\u00a0\u202f'\u2019]\d/.test(t);
  t = t.replace(SPACES, '');
  if (!/^[\d.,]+$/.test(t) || !/\d/.test(t)) return null;
  const { decimal, group } = separators(locale);
  const dots = t.split('.').length - 1;
  const commas = t.split(',').length - 1;
  let dec = '';
  let grp = '';
  let ambiguous = false;
  if (dots && commas) {
    dec = t.lastIndexOf('.') > t.lastIndexOf(',') ? '.' : ',';
    grp = dec === '.' ? ',' : '.';
  } else if (dots + commas > 1) {
    grp = dots ? '.' : ',';
  } else if (dots + commas === 1) {
    const s = dots ? '.' : ',';
    const looksGrouped = groupLike(t, s) && !spaced;
    if (s === decimal) {
      dec = s;
      ambiguous = looksGrouped;
    } else if (s === group && looksGrouped) {
      grp = s;
      ambiguous = true;
    } else {
      dec = s; // "2.5" in de-DE: not a thousands group, so a decimal
      ambiguous = s === group;
    }
  }
  let [intPart, frac = ''] = dec ? t.split(dec) : [t];
  if (dec && t.split(dec).length !== 2) return null;
  if (grp) {
    if (!groupsValid(intPart, grp)) return null;
    intPart = intPart.split(grp).join('');
  }
  if (/[.,]/.test(intPart + frac) || (intPart === '' && frac === '')) return null;
  if (exp && (grp || dec === ',')) return null;
  return { text: sign + (intPart || '0') + (frac ? '.' + frac : '') + exp, ambiguous };
}

/**
 * parseText returns the contract value of an input's text for a field of
 * type (number, integer, boolean, string, text) shown times 10^k, read in
 * opts.locale (default en-US; opts as parseNumber's): undefined when empty
 * (the field is absent), a finite number for numeric text, else the text
 * itself, so that the core names the problem ("must be a number, not
 * text").
 */
export function parseText(value, type, k, opts = {}) {
  const text = String(value).trim();
  if (text === '') return undefined;
  if (type === 'number' || type === 'integer') {
    const read = parseNumber(text, opts.locale || 'en-US', { percent: k > 0, ...opts });
    if (read) {
      const n = shift(read.text, -k);
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

const nfCache = new Map();
function nf(locale, options) {
  const key = locale + '|' + JSON.stringify(options);
  let f = nfCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    nfCache.set(key, f);
  }
  return f;
}

/**
 * displayText writes a contract value as an input shows it, times 10^k,
 * in the locale, thousands grouped and every digit kept: 0.052 with k = 2
 * -> "5.2"; 200000 -> "200,000" (en-US) or "200.000" (de-DE).
 */
export function displayText(value, k, locale) {
  const n = Number(shift(String(value), k).toPrecision(15));
  if (!Number.isFinite(n)) return String(value);
  if (Math.abs(n) >= 1e21) return String(n);
  return nf(locale, { maximumFractionDigits: 12, useGrouping: true }).format(n);
}

/** toDisplay writes a contract value's text (from a URL) as input text in the locale. */
export function toDisplay(raw, type, k, locale = 'en-US') {
  if ((type === 'number' || type === 'integer') && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw)) {
    return displayText(raw, k, locale);
  }
  return raw;
}

/**
 * echoText is what a form writes beside a numeric input so that a misread
 * is visible ("= 200,000 (200 thousand)"), or "" when the entry reads as
 * written. unit: the field's unit (fraction, points, currency, ...);
 * settings: {locale, currency}. The echo appears when the entry is
 * ambiguous (parseNumber) or differs from the value written back in the
 * locale ("200000" -> "= 200,000"; "2.5" in de-DE -> "= 2,5").
 */
export function echoText(text, type, k, unit, settings) {
  const locale = settings.locale || 'en-US';
  const t = String(text).trim();
  if (t === '' || (type !== 'number' && type !== 'integer')) return '';
  const read = parseNumber(t, locale, { percent: k > 0, currency: unit === 'currency' });
  if (!read) return '';
  const shown = Number(read.text);
  const value = shift(read.text, -k);
  if (!Number.isFinite(shown) || !Number.isFinite(value)) return '';
  const plain = displayText(read.text, 0, locale);
  const bare = t.replace(/\s*%$/, '').replace(CURRENCY_SIGNS, '').trim();
  if (!read.ambiguous && bare === plain) return '';
  let out;
  if (unit === 'fraction') out = nf(locale, { style: 'percent', maximumFractionDigits: 12 }).format(value);
  else if (unit === 'points') out = plain + ' points';
  else if (unit === 'currency') out = nf(locale, { style: 'currency', currency: settings.currency || 'USD', minimumFractionDigits: 0, maximumFractionDigits: 12 }).format(shown);
  else out = plain;
  if (read.ambiguous && Math.abs(shown) >= 1000) out += ' (' + nf(locale, { notation: 'compact', compactDisplay: 'long', maximumFractionDigits: 3 }).format(shown) + ')';
  return '= ' + out;
}
