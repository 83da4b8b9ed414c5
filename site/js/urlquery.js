// The address's inputs (site/FRONTEND.md "URL options"): what a page does
// with the fields its query sets beyond putting each value in its input.
import { setInput } from './forminputs.js';

/**
 * EXCLUSIVE are groups of fields a request gives one of, not both
 * (calc/clv.go: a lifespan or a retention rate). A page pre-fills one of
 * them; an address that sets another clears the pre-filled one, so that
 * /calculators/clv/?lifespan_years=2.5 works as written.
 */
export const EXCLUSIVE = [['lifespan_years', 'retention_rate']];

/** exclusiveCleared returns the fields to clear when the query sets the names given (a Set). */
export function exclusiveCleared(names) {
  const out = [];
  for (const group of EXCLUSIVE) {
    const set = group.filter((n) => names.has(n));
    if (set.length === 1) out.push(...group.filter((n) => n !== set[0]));
  }
  return out;
}

/**
 * applyQuery puts the query's values into a section's [data-input] fields
 * (choices first: they decide the units of the numbers), but the names in
 * skip, and clears the exclusive fields the query does not set. Used by
 * widgets whose form is not a Widget's (clvfit).
 */
export function applyQuery(section, params, skip = []) {
  const inputs = Array.from(section.querySelectorAll('[data-input]')).filter((el) => !skip.includes(el.getAttribute('data-input')));
  for (const pass of [true, false]) {
    for (const el of inputs) {
      const name = el.getAttribute('data-input');
      if ((el.tagName === 'SELECT' || el.type === 'checkbox') === pass && params.has(name)) setInput(el, params.get(name));
    }
  }
  for (const name of exclusiveCleared(new Set(params.keys()))) {
    for (const el of inputs) if (el.getAttribute('data-input') === name) setInput(el, '');
  }
}
