// A calculator's form spec, as the site build writes it beside each widget
// (<script type="application/json" data-calc-spec>, from calc's field
// specs): each field's name, default and show_when clauses.
// condHolds is the page's evaluator of calc's conditions (calc.Cond): it
// must agree with Go's Cond.Holds, and spec.test.js checks it on every
// condition of every calculator (cases written by internal/site's tests
// from the Go evaluator).

/** readSpec parses the spec block of a widget section; {fields: []} when it has none. */
export function readSpec(section) {
  const el = section && section.querySelector('script[data-calc-spec]');
  try {
    const spec = el ? JSON.parse(el.textContent || '{}') : {};
    if (spec && Array.isArray(spec.fields)) return spec;
  } catch {
    /* a broken block: no conditions, no defaults */
  }
  return { fields: [] };
}

/** fieldOf returns the spec of the named field, or null. */
export function fieldOf(spec, name) {
  return spec.fields.find((f) => f.name === name) || null;
}

/**
 * valueIn returns a field's value in a request (contract values), or its
 * default when the request leaves it out; undefined when it has neither.
 */
export function valueIn(spec, request, name) {
  if (Object.prototype.hasOwnProperty.call(request, name)) return request[name];
  const f = fieldOf(spec, name);
  return f && f.default !== undefined ? f.default : undefined;
}

/**
 * condHolds evaluates a condition's clauses ([{field, in}]) on a request:
 * every clause holds when its field's value (the request's, else the
 * default) is one of in, or, with in empty, when the field has a value.
 * No clauses: it holds.
 */
export function condHolds(clauses, request, spec) {
  for (const cl of clauses || []) {
    const v = valueIn(spec, request, cl.field);
    if (v === undefined || v === null) return false;
    // Values compare as text, as Go's condText writes them: strings as
    // they are, true/false, numbers in their shortest form.
    if (cl.in && cl.in.length && !cl.in.includes(String(v))) return false;
  }
  return true;
}

/** shown reports whether the named field is shown for a request (its show_when holds). */
export function shown(spec, request, name) {
  const f = fieldOf(spec, name);
  return !f || condHolds(f.show_when, request, spec);
}

/**
 * unitOf returns how the named field is shown for a request: {unit, scale,
 * label}, from its unit cases (unit_when, the first that holds) or its
 * unit, and the spec's units table ({scale: 100, label: "%"} for
 * fractions). Go's Field.UnitFor is the reference; spec.test.js checks
 * the cases.
 */
export function unitOf(spec, request, name) {
  const f = fieldOf(spec, name);
  let unit = (f && f.unit) || '';
  for (const c of (f && f.unit_when) || []) {
    if (condHolds(c.when, request, spec)) {
      unit = c.unit;
      break;
    }
  }
  const view = (spec.units && spec.units[unit]) || {};
  return { unit, scale: Number(view.scale) || 1, label: String(view.label || '') };
}

/**
 * itemOf returns the spec of an Array field's item field named as the core
 * names it ("ideas[1].expected_lift") and the item's number from 1, or null.
 */
export function itemOf(spec, name) {
  const m = /^([a-z0-9_]+)\[(\d+)\]\.([a-z0-9_]+)$/.exec(String(name || ''));
  const arr = m && fieldOf(spec, m[1]);
  const f = arr && Array.isArray(arr.items) ? arr.items.find((x) => x.name === m[3]) : null;
  return f ? { field: f, n: Number(m[2]) + 1 } : null;
}

/**
 * pageMessage returns the form's wording of a core error ({field, code,
 * message}) for the unit shown, or the core's; an item's field (a cell of
 * an Array field's table) gets its item's number in place of "{n}".
 */
export function pageMessage(spec, error, unit) {
  const item = error && error.field ? itemOf(spec, error.field) : null;
  const f = item ? item.field : error && error.field ? fieldOf(spec, error.field) : null;
  const m = f && f.messages;
  let text = null;
  if (m && error.code === 'out_of_range' && m.out_of_range && m.out_of_range[unit]) text = m.out_of_range[unit];
  else if (m && error.code === 'required' && m.required) text = m.required;
  if (text === null) return error && error.message;
  return item ? text.split('{n}').join(String(item.n)) : text;
}
