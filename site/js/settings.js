// The reader's settings: locale and currency (site/FRONTEND.md, "Settings").
// They come from the query (locale, currency), then from localStorage, then
// from the browser; a currency select on calculator pages changes them.
// format() writes a value in one of the page contract's formats with them.
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
  if (typeof location === 'undefined') return validSettings('en-US', 'USD'); // not a page: the tests under Node
  const q = new URLSearchParams(location.search);
  let saved = {};
  try {
    saved = JSON.parse((storage() && storage().getItem(SETTINGS_KEY)) || '{}') || {};
  } catch {
    saved = {};
  }
  return validSettings(q.get('locale') || saved.locale || navigator.language, q.get('currency') || saved.currency || 'USD');
}

/** settings is the page's {locale, currency}. */
export const settings = loadSettings();

function saveSettings() {
  try {
    const s = storage();
    if (s) s.setItem(SETTINGS_KEY, JSON.stringify({ currency: settings.currency }));
  } catch {
    /* storage full or denied: the setting lasts for this page */
  }
}

/** format writes a JSON value in a format of the page contract (default plain). */
export function format(value, fmt) {
  return formatValue(value, fmt || 'plain', settings);
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

/** reformat rewrites every formatted value under root for the current settings. */
export function reformat(root) {
  for (const el of root.querySelectorAll('[data-field][data-value]')) {
    const fmt = el.getAttribute('data-format');
    if (fmt) el.textContent = format(parseDataValue(el), fmt);
  }
}

/**
 * initSettings wires the currency selects and formats the page's values;
 * onChange() runs after the reader picks another currency.
 */
export function initSettings(onChange) {
  for (const select of document.querySelectorAll('select[data-setting="currency"]')) {
    if (!Array.from(select.options).some((o) => o.value === settings.currency)) {
      const o = document.createElement('option');
      o.value = settings.currency;
      o.textContent = settings.currency;
      select.appendChild(o);
    }
    select.value = settings.currency;
    select.addEventListener('change', () => {
      Object.assign(settings, validSettings(settings.locale, select.value));
      saveSettings();
      reformat(document);
      if (onChange) onChange();
    });
  }
  reformat(document);
}
