// Value formats of the page contract (site/FRONTEND.md "Results templates and
// values"), the same names and rules as the Go side (internal/site numfmt),
// written with Intl.NumberFormat in the reader's locale and currency:
//
//   int        rounded, grouped                  31234 -> "31,234"
//   dec1..3    fixed decimals, grouped           1.25 -> "1.3" (dec1)
//   pct..pct2  x100, 0..2 decimals, "%"          0.052 -> "5.2%" (pct1)
//   money      currency, 0 decimals from 100 up  99.5 -> "$99.50", 1234 -> "$1,234",
//              and for whole amounts             96 -> "$96" (not "$96.00")
//   k          compact currency                  351234 -> "$351k", -1234567 -> "-$1.2M"
//   sig3       3 significant digits              0.012345 -> "0.0123"
//   plain      up to 4 significant digits        1234.5 -> "1,235"
//   date       as is
//   pvalue     a p-value with its name       0.0321 -> "p = 0.0321", below 0.0001 "p < 0.0001"
//   change1    relative change in words      0.068 -> "6.8% higher", -0.068 -> "6.8% lower"
//   points     difference of rates, signed   0.005 -> "+0.50 points"
//   days, weeks, months  count and noun      1 -> "1 day", 12 -> "12 days" (Intl.PluralRules)
//
// null, undefined and non-finite numbers give "—": NaN, Infinity, "null" or
// "undefined" are never shown. Strings are shown as they are; booleans as
// "yes"/"no".

/** The text shown for a missing value. */
export const DASH = '\u2014';

/** The formats, as in Go's site.Formats. */
export const FORMATS = ['int', 'dec1', 'dec2', 'dec3', 'pct', 'pct1', 'pct2', 'money', 'k', 'sig3', 'plain', 'date', 'pvalue', 'change1', 'points', 'days', 'weeks', 'months'];

/** P_FLOOR: smaller p-values are written "p < 0.0001". */
const P_FLOOR = 0.0001;

/** UNIT_NOUNS: the singular and plural of the count formats (the page's words are English). */
const UNIT_NOUNS = { days: ['day', 'days'], weeks: ['week', 'weeks'], months: ['month', 'months'] };
const englishPlural = new Intl.PluralRules('en-US');

const cache = new Map();

/** nf returns a cached Intl.NumberFormat; sign is never shown on zero. */
function nf(locale, options) {
  const key = locale + '|' + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { signDisplay: 'negative', ...options });
    cache.set(key, f);
  }
  return f;
}

/**
 * validSettings returns {locale, currency} usable by Intl: an unknown
 * locale becomes "en-US", an unknown currency "USD".
 */
export function validSettings(locale, currency) {
  let loc = 'en-US';
  if (typeof locale === 'string' && locale.length > 0 && locale.length <= 35) {
    try {
      loc = Intl.NumberFormat.supportedLocalesOf([locale]).length ? Intl.getCanonicalLocales(locale)[0] : 'en-US';
    } catch {
      loc = 'en-US';
    }
  }
  let cur = 'USD';
  if (typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency)) {
    try {
      new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() });
      cur = currency.toUpperCase();
    } catch {
      cur = 'USD';
    }
  }
  return { locale: loc, currency: cur };
}

/**
 * formatValue writes a JSON value in one of FORMATS for the given settings
 * ({locale, currency}; default en-US and USD).
 */
export function formatValue(value, format, settings = {}) {
  if (value === null || value === undefined) return DASH;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value !== 'number') return DASH;
  return formatNumber(value, format, settings);
}

/** formatNumber writes a number in one of FORMATS (see formatValue). */
export function formatNumber(x, format, settings = {}) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return DASH;
  const locale = settings.locale || 'en-US';
  const currency = settings.currency || 'USD';
  switch (format) {
    case 'int':
      return fixed(locale, x, 0);
    case 'dec1':
      return fixed(locale, x, 1);
    case 'dec2':
      return fixed(locale, x, 2);
    case 'dec3':
      return fixed(locale, x, 3);
    case 'pct':
    case 'pct1':
    case 'pct2': {
      const d = format === 'pct' ? 0 : Number(format[3]);
      return nf(locale, { style: 'percent', minimumFractionDigits: d, maximumFractionDigits: d }).format(x);
    }
    case 'money':
      return money(locale, currency, x);
    case 'k':
      return compact(locale, currency, x);
    case 'sig3':
      return nf(locale, { maximumSignificantDigits: 3 }).format(x);
    case 'date':
      return String(x);
    case 'pvalue':
      return x < P_FLOOR ? 'p < ' + fixed(locale, P_FLOOR, 4) : 'p = ' + nf(locale, { maximumSignificantDigits: 3 }).format(x);
    case 'change1': {
      const s = fixed(locale, Math.abs(x) * 100, 1);
      if (s === fixed(locale, 0, 1)) return 'no different';
      return nf(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(x)) + (x < 0 ? ' lower' : ' higher');
    }
    case 'points': {
      const s = nf(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(x * 100);
      return s + ' points';
    }
    case 'days':
    case 'weeks':
    case 'months': {
      const n = Math.round(x);
      const [one, many] = UNIT_NOUNS[format];
      return fixed(locale, n, 0) + ' ' + (englishPlural.select(n) === 'one' ? one : many);
    }
    default: // plain
      return nf(locale, { maximumSignificantDigits: 4 }).format(x);
  }
}

function fixed(locale, x, d) {
  return nf(locale, { minimumFractionDigits: d, maximumFractionDigits: d }).format(x);
}

function money(locale, currency, x) {
  const d = Math.abs(x) >= 100 || Math.round(Math.abs(x) * 100) % 100 === 0 ? 0 : 2;
  return nf(locale, { style: 'currency', currency, minimumFractionDigits: d, maximumFractionDigits: d }).format(x);
}

// compact writes "$1.2M" from a million up (one decimal), "$351k" from a
// thousand up (no decimals; 999,600 becomes "$1.0M"), else money. The
// suffix follows the number, wherever the locale puts the currency sign.
function compact(locale, currency, x) {
  const ax = Math.abs(x);
  let scaled;
  let d;
  let suffix;
  if (ax >= 1e6 || Math.round(ax / 1e5) >= 10) {
    scaled = x / 1e6;
    d = 1;
    suffix = 'M';
  } else if (ax >= 1e3) {
    scaled = x / 1e3;
    d = 0;
    suffix = 'k';
    if (Math.round(ax / 1e3) >= 1000) {
      scaled = x / 1e6;
      d = 1;
      suffix = 'M';
    }
  } else {
    return money(locale, currency, x);
  }
  const parts = nf(locale, { style: 'currency', currency, minimumFractionDigits: d, maximumFractionDigits: d }).formatToParts(scaled);
  let last = -1;
  parts.forEach((p, i) => {
    if (p.type === 'integer' || p.type === 'fraction' || p.type === 'decimal' || p.type === 'group') last = i;
  });
  return parts.map((p, i) => (i === last ? p.value + suffix : p.value)).join('');
}

/**
 * goJSON writes a value as Go's json.Marshal does (data-value attributes):
 * exponents with at least two digits ("1e-07"), and <, >, & and the line
 * separators escaped in strings.
 */
export function goJSON(value) {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'null';
    return String(value).replace(/e([+-])(\d)$/, 'e$10$2');
  }
  if (value !== null && typeof value === 'object') {
    if (Array.isArray(value)) return '[' + value.map(goJSON).join(',') + ']';
    return '{' + Object.keys(value).map((k) => goJSON(k) + ':' + goJSON(value[k])).join(',') + '}';
  }
  const s = JSON.stringify(value);
  if (s === undefined) return 'null';
  return s.replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
