// The reader's settings: locale and currency (site/FRONTEND.md, "Settings").
// They come from the query (locale, currency), then from localStorage, then
// from the browser; the locale and currency selects of calculator pages
// change them and write them into the page's URL, so a copied link keeps
// them. format() writes a value in one of the page contract's formats with
// them; reformat() rewrites every value, money default, currency sign and
// currency name under an element.
import { formatValue, validSettings } from './format.js';

const SETTINGS_KEY = 'roikit:settings';

function storage() {
  try {
    return window.localStorage; // throws in a sandboxed iframe
  } catch {
    return null;
  }
}

function loadSettings() {
  if (typeof location === 'undefined') return { ...validSettings('en-US', 'USD'), chosen: false }; // not a page: the tests under Node
  const q = new URLSearchParams(location.search);
  let saved = {};
  try {
    saved = JSON.parse((storage() && storage().getItem(SETTINGS_KEY)) || '{}') || {};
  } catch {
    saved = {};
  }
  const locale = q.get('locale') || saved.locale;
  const s = validSettings(locale || navigator.language, q.get('currency') || saved.currency || 'USD');
  // chosen: the locale was picked (in the URL or a select), not the browser's.
  return { ...s, chosen: !!locale };
}

/** settings is the page's {locale, currency, chosen}. */
export const settings = loadSettings();

function saveSettings() {
  try {
    const s = storage();
    if (s) s.setItem(SETTINGS_KEY, JSON.stringify({ currency: settings.currency, locale: settings.chosen ? settings.locale : undefined }));
  } catch {
    /* storage full or denied: the setting lasts for this page */
  }
}

/** format writes a JSON value in a format of the page contract (default plain). */
export function format(value, fmt) {
  return formatValue(value, fmt || 'plain', settings);
}

/** currencySymbol is the sign the locale writes for the currency: "$", "€", "CA$". */
export function currencySymbol(s = settings) {
  const parts = new Intl.NumberFormat(s.locale, { style: 'currency', currency: s.currency }).formatToParts(1);
  return (parts.find((p) => p.type === 'currency') || { value: s.currency }).value;
}

/** currencyNoun names one unit of the currency in the page's words: "US dollar", "euro". */
export function currencyNoun(s = settings) {
  const parts = new Intl.NumberFormat('en-US', { style: 'currency', currency: s.currency, currencyDisplay: 'name', maximumFractionDigits: 0 }).formatToParts(1);
  return (parts.find((p) => p.type === 'currency') || { value: s.currency }).value;
}

/** parseDataValue reads an element's data-value (JSON; the text itself when it is not JSON). */
export function parseDataValue(el) {
  const raw = el.getAttribute('data-value');
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * reformat rewrites, under root, every formatted value ([data-field]
 * [data-value] with data-format), money written in the page's text
 * ([data-money]: "Default: $0"), currency sign ([data-currency-symbol]) and
 * currency name ([data-currency-noun]) for the current settings.
 */
export function reformat(root) {
  for (const el of root.querySelectorAll('[data-field][data-value]')) {
    const fmt = el.getAttribute('data-format');
    if (fmt) el.textContent = format(parseDataValue(el), fmt);
  }
  for (const el of root.querySelectorAll('[data-money]')) {
    const v = Number(el.getAttribute('data-money'));
    // A whole amount is written whole ("0 €", not "0,00 €").
    el.textContent = Number.isInteger(v)
      ? new Intl.NumberFormat(settings.locale, { style: 'currency', currency: settings.currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(v)
      : format(v, 'money');
  }
  const symbol = currencySymbol();
  for (const el of root.querySelectorAll('[data-currency-symbol]')) el.textContent = symbol;
  const noun = currencyNoun();
  for (const el of root.querySelectorAll('[data-currency-noun]')) el.textContent = noun;
}

/** addOption adds value to a select that lacks it (a setting from the URL or the browser) and selects it. */
export function addOption(select, value, label) {
  if (!Array.from(select.options).some((o) => o.value === value)) {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }
  select.value = value;
}

/** localeLabel names a locale in its own language, with a sample number: "Deutsch (Deutschland) · 1.234,5". */
function localeLabel(locale) {
  let name = locale;
  try {
    name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) || locale;
  } catch {
    /* no display names: the tag */
  }
  return name + ' \u00b7 ' + new Intl.NumberFormat(locale).format(1234.5);
}

/** writeSettingsQuery puts the chosen settings into the page's URL (a copied link keeps them). */
function writeSettingsQuery() {
  const url = new URL(location.href);
  url.searchParams.set('locale', settings.locale);
  if (settings.currency !== 'USD' || url.searchParams.has('currency')) url.searchParams.set('currency', settings.currency);
  try {
    history.replaceState(history.state, '', url.href);
  } catch {
    /* sandboxed iframe: the URL cannot change */
  }
}

/**
 * initSettings wires the locale and currency selects and formats the
 * page's values; onChange(previous) runs after the reader picks another
 * locale or currency, with the settings before the change.
 */
export function initSettings(onChange) {
  const change = (next) => {
    const previous = { ...settings };
    Object.assign(settings, validSettings(next.locale, next.currency));
    if (next.locale !== previous.locale) settings.chosen = true;
    saveSettings();
    if (settings.chosen || settings.currency !== 'USD') writeSettingsQuery();
    reformat(document);
    if (onChange) onChange(previous);
  };
  for (const select of document.querySelectorAll('select[data-setting="currency"]')) {
    addOption(select, settings.currency, settings.currency);
    select.addEventListener('change', () => change({ locale: settings.locale, currency: select.value }));
  }
  for (const select of document.querySelectorAll('select[data-setting="locale"]')) {
    for (const o of select.options) o.textContent = localeLabel(o.value);
    addOption(select, settings.locale, localeLabel(settings.locale));
    select.addEventListener('change', () => change({ locale: select.value, currency: settings.currency }));
  }
  reformat(document);
}
