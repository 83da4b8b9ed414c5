// The clvfit page's side of the Scenarios panel (scenarios.js,
// site/FRONTEND.md "Scenarios on the clvfit page"): what the panel asks of a
// page's primary widget (widget.js: values, request, requestFor, load,
// input, spec, start), for a widget whose input is a transactions file. A
// scenario holds the fit's options (every input of the form but the file:
// the column mapping, date format, decimal separator, strict, observation
// and holdout ends, time unit, horizon, discount rate, gross margin), never
// the file; file() is the File the page holds, which the comparison fits
// with each pinned scenario's options (scenariocompare.js).
//
// Events on the section: roikit:file when another file is loaded (the
// comparison runs again on it), roikit:fitted after each fit of the page.
import { inputValue, setInput, showEcho } from './forminputs.js';
import { readSpec } from './spec.js';

/** NOT_OPTIONS: the form's fields a scenario does not hold (the file's text; the mapping's are read from its selects). */
const NOT_OPTIONS = ['transactions_csv', 'summary_csv', 'id_column', 'date_column', 'amount_column', 'predictions'];

/**
 * clvfitScenarioHost returns the object the Scenarios panel works with on
 * the clvfit page. page: {mapping (the mapping fieldset), file() ({blob,
 * kind} or null), refit() (a promise settled once the loaded file is
 * fitted again; resolved at once without a file)}.
 */
export function clvfitScenarioHost(section, page) {
  const options = () => Array.from(section.querySelectorAll('[data-input]')).filter((el) => !NOT_OPTIONS.includes(el.getAttribute('data-input')));
  const selects = () => Array.from(page.mapping.querySelectorAll('select[data-map]'));
  const host = {
    name: section.getAttribute('data-calc'),
    section,
    primary: true,
    spec: readSpec(section),
    start: {}, // a comparison link carries every option
    file: page.file,
    input: (name) => section.querySelector(`[data-input="${CSS.escape(name)}"]`),

    /** values: the options of the form and of the mapping (the mapping only with a file loaded: without one it is empty). */
    values() {
      const req = {};
      for (const el of options()) {
        const v = inputValue(el);
        if (v !== undefined) req[el.getAttribute('data-input')] = v;
      }
      if (page.file()) for (const sel of selects()) req[sel.getAttribute('data-map')] = sel.value;
      return req;
    },
    request() {
      return host.requestFor(host.values());
    },
    /** requestFor: the contract request of a scenario's options (every customer's prediction is not asked for). */
    requestFor(values) {
      const req = { ...values };
      for (const name of ['transactions_csv', 'summary_csv', 'predictions']) delete req[name];
      return req;
    },

    /**
     * load puts a scenario's options in the form (an absent one at its
     * default) and the mapping (a column the file has), and fits the loaded
     * file with them; the promise settles once it is fitted.
     */
    load(values) {
      for (const el of options()) {
        const v = values[el.getAttribute('data-input')];
        const def = el.tagName === 'SELECT' ? (Array.from(el.options).find((o) => o.defaultSelected) || el.options[0] || {}).value : '';
        if (el.type === 'checkbox') el.checked = v === undefined ? el.defaultChecked : v === true;
        else setInput(el, v === undefined || v === null ? def || '' : String(v));
        showEcho(el, true);
      }
      for (const sel of selects()) {
        const v = values[sel.getAttribute('data-map')];
        if (typeof v === 'string' && Array.from(sel.options).some((o) => o.value === v)) sel.value = v;
      }
      return page.refit();
    },
  };
  return host;
}
