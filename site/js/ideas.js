// The editor of a calculator's Array field (site/templates/widget.html,
// "array"): the prioritize page's ideas as an editable table, one row per
// item and one input per item field, whose rows become the request's array.
// Rows are added, duplicated, removed and moved with buttons; rows pasted
// from a spreadsheet fill the table from the cell pasted into; CSV files
// import and export the items; the URL holds them in ideasrows.js' compact
// form. Cells are named FIELD[N].ITEM (data-cell-wrap), as the core names
// their errors, so results.js' showErrors marks the cell.
//
// The widget (widget.js) uses arrayEditors(widget): values(), readQuery(),
// writeQuery(), localize(). Text goes in through input.value and
// textContent only.
import { scaleOf, parseText, toDisplay } from './inputs.js';
import { settings } from './settings.js';
import { encodeRows, decodeRows, parseTSV, headerColumns, toCSV, fromCSV } from './ideasrows.js';
import { showNotes } from './ideanotes.js';
import { scenarioFiles } from './ideasfile.js';

/** MAX_ROWS caps the rows a paste, a file or a URL adds (the core allows fewer and says so). */
const MAX_ROWS = 50;

const ROW_ACTIONS = [
  ['up', '↑', (n) => `Move row ${n} up`],
  ['down', '↓', (n) => `Move row ${n} down`],
  ['duplicate', '⊕', (n) => `Duplicate row ${n}`],
  ['remove', '✕', (n) => `Remove row ${n}`],
];

function cellValue(input, locale = settings.locale) {
  const type = input.getAttribute('data-type') || 'string';
  return parseText(input.value, type, scaleOf(input.getAttribute('data-scale')), { locale, currency: input.getAttribute('data-unit') === 'currency' });
}

export class ArrayEditor {
  /** wrap: the [data-array] element; onChange(): the items changed. */
  constructor(wrap, onChange) {
    this.wrap = wrap;
    this.name = wrap.getAttribute('data-array');
    this.onChange = onChange;
    this.body = wrap.querySelector('[data-array-rows]');
    this.status = wrap.querySelector('[data-role="array-status"]');
    this.prefix = (wrap.closest('section[data-calc]')?.getAttribute('data-calc-id') || 'calc') + '-' + this.name;
    this.columns = Array.from(wrap.querySelectorAll('th[data-col]')).map((th) => ({
      name: th.getAttribute('data-col'),
      label: th.firstChild ? th.firstChild.textContent.trim() : th.getAttribute('data-col'),
      type: th.getAttribute('data-type') || 'string',
      unit: th.getAttribute('data-unit') || '',
      scale: th.getAttribute('data-scale') || '',
      inputmode: th.getAttribute('data-inputmode') || 'text',
    }));
    this.names = this.columns.map((c) => c.name);
    for (const tr of this.rows()) tr.lastElementChild.replaceChildren(...this.actionButtons());
    this.renumber();
    this.startQuery = encodeRows(this.items('en-US'), this.names); // the build writes cells in en-US
    this.body.addEventListener('input', (e) => this.edited(e));
    this.body.addEventListener('click', (e) => this.clicked(e));
    this.body.addEventListener('paste', (e) => this.pasted(e));
    wrap.querySelector('[data-array-action="add"]').addEventListener('click', () => this.add());
    wrap.querySelector('[data-array-action="export"]').addEventListener('click', () => this.exportCSV());
    wrap.querySelector('[data-array-action="import"]').addEventListener('change', (e) => this.importCSV(e.target));
  }

  rows() {
    return Array.from(this.body.querySelectorAll('tr[data-array-row]'));
  }

  /** items are the rows' contract values (an empty cell leaves the field out). */
  items(locale) {
    return this.rows().map((tr) => {
      const item = {};
      for (const input of tr.querySelectorAll('[data-cell]')) {
        const v = cellValue(input, locale);
        if (v !== undefined) item[input.getAttribute('data-cell')] = v;
      }
      return item;
    });
  }

  actionButtons() {
    return ROW_ACTIONS.map(([action, sign]) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'button button--icon';
      b.setAttribute('data-row-action', action);
      b.textContent = sign;
      return b;
    });
  }

  /** newRow is an empty row: one input per column and the row's buttons. */
  newRow() {
    const tr = document.createElement('tr');
    tr.setAttribute('data-array-row', '');
    for (const c of this.columns) {
      const td = document.createElement('td');
      const input = document.createElement('input');
      input.className = 'input input--cell';
      input.type = 'text';
      input.autocomplete = 'off';
      input.setAttribute('inputmode', c.inputmode);
      input.setAttribute('data-cell', c.name);
      input.setAttribute('data-type', c.type);
      if (c.unit) input.setAttribute('data-unit', c.unit);
      if (c.scale) input.setAttribute('data-scale', c.scale);
      const err = document.createElement('p');
      err.className = 'error-message';
      err.hidden = true;
      const hiddenWord = document.createElement('span');
      hiddenWord.className = 'visually-hidden';
      hiddenWord.textContent = 'Error:';
      const text = document.createElement('span');
      text.setAttribute('data-error-text', '');
      err.append(hiddenWord, ' ', text);
      td.append(input, err);
      tr.appendChild(td);
    }
    const actions = document.createElement('td');
    actions.className = 'array-actions';
    actions.append(...this.actionButtons());
    tr.appendChild(actions);
    return tr;
  }

  /** renumber names each row's cells after its place: FIELD[N].ITEM, ids, labels, buttons. */
  renumber() {
    const rows = this.rows();
    rows.forEach((tr, n) => {
      tr.querySelectorAll('td[data-cell-wrap], td:not(.array-actions)').forEach((td) => {
        const input = td.querySelector('[data-cell]');
        if (!input) return;
        const col = input.getAttribute('data-cell');
        const c = this.columns.find((x) => x.name === col);
        td.setAttribute('data-cell-wrap', `${this.name}[${n}].${col}`);
        input.id = `${this.prefix}-${n}-${col}`;
        input.setAttribute('aria-label', `${c ? c.label : col}, row ${n + 1}`);
        const err = td.querySelector('.error-message');
        if (err) {
          err.id = input.id + '-error';
          input.setAttribute('aria-describedby', err.id);
        }
      });
      for (const b of tr.querySelectorAll('[data-row-action]')) {
        const act = ROW_ACTIONS.find((a) => a[0] === b.getAttribute('data-row-action'));
        b.setAttribute('aria-label', act[2](n + 1));
        b.title = act[2](n + 1);
        b.disabled = (act[0] === 'up' && n === 0) || (act[0] === 'down' && n === rows.length - 1) || (act[0] === 'remove' && rows.length === 1);
      }
    });
  }

  /** setRows puts items into the table, one row each: contract values (a URL, a file) or text as typed (a paste). */
  setRows(items, contract) {
    const rows = items.slice(0, MAX_ROWS).map((item) => {
      const tr = this.newRow();
      this.fill(tr, item, contract);
      return tr;
    });
    if (!rows.length) rows.push(this.newRow());
    this.body.replaceChildren(...rows);
    this.renumber();
  }

  fill(tr, item, contract) {
    for (const input of tr.querySelectorAll('[data-cell]')) {
      const v = item[input.getAttribute('data-cell')];
      if (v === undefined) continue;
      const type = input.getAttribute('data-type') || 'string';
      input.value = contract ? toDisplay(String(v), type, scaleOf(input.getAttribute('data-scale')), settings.locale) : String(v);
    }
  }

  edited(e) {
    if (e.target && e.target.hasAttribute && e.target.hasAttribute('data-cell')) this.onChange();
  }

  clicked(e) {
    const b = e.target.closest && e.target.closest('[data-row-action]');
    if (!b) return;
    const tr = b.closest('tr');
    const action = b.getAttribute('data-row-action');
    if (action === 'up' && tr.previousElementSibling) tr.previousElementSibling.before(tr);
    else if (action === 'down' && tr.nextElementSibling) tr.nextElementSibling.after(tr);
    else if (action === 'duplicate') {
      const copy = this.newRow();
      tr.querySelectorAll('[data-cell]').forEach((input, j) => {
        copy.querySelectorAll('[data-cell]')[j].value = input.value;
      });
      const name = copy.querySelector('[data-cell="name"]');
      if (name && name.value) name.value += ' (copy)';
      tr.after(copy);
      this.done(copy.querySelector('[data-cell]'), 'Row duplicated.');
      return;
    } else if (action === 'remove' && this.rows().length > 1) {
      const next = tr.nextElementSibling || tr.previousElementSibling;
      tr.remove();
      this.done(next.querySelector('[data-cell]'), 'Row removed.');
      return;
    }
    this.done(b.disabled ? tr.querySelector('[data-cell]') : null, action === 'up' || action === 'down' ? 'Row moved.' : '');
    if (!b.disabled) b.focus();
  }

  /** done renumbers the rows after a change, focuses focusEl, says what happened and recomputes. */
  done(focusEl, message) {
    this.renumber();
    if (focusEl) focusEl.focus();
    this.say(message);
    this.onChange();
  }

  say(text) {
    if (this.status) this.status.textContent = text;
  }

  add() {
    const tr = this.newRow();
    this.body.appendChild(tr);
    this.done(tr.querySelector('[data-cell]'), 'Row added.');
  }

  /**
   * pasted: text with tabs or line breaks is spreadsheet rows; they fill
   * the table from the cell pasted into, adding rows as needed; with a
   * header row naming the columns, each pasted row replaces a whole row.
   */
  pasted(e) {
    const cell = e.target && e.target.closest && e.target.closest('[data-cell]');
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    if (!cell || !/[\t\n]/.test(text.replace(/\r?\n$/, ''))) return; // one value: an ordinary paste
    e.preventDefault();
    let grid = parseTSV(text).slice(0, MAX_ROWS);
    const startCol = this.names.indexOf(cell.getAttribute('data-cell'));
    let cols = grid.length ? headerColumns(grid[0], this.columns) : null;
    const header = !!cols;
    if (header) grid = grid.slice(1);
    else cols = grid.length ? grid[0].map((_, j) => startCol + j) : [];
    const rows = this.rows();
    let at = rows.indexOf(cell.closest('tr'));
    for (const line of grid) {
      let tr = this.rows()[at];
      if (!tr) {
        tr = this.newRow();
        this.body.appendChild(tr);
      }
      const inputs = tr.querySelectorAll('[data-cell]');
      if (header) inputs.forEach((input) => (input.value = '')); // named columns: the row is the pasted one
      line.forEach((v, j) => {
        if (cols[j] >= 0 && cols[j] < inputs.length) inputs[cols[j]].value = v.trim();
      });
      at++;
    }
    this.done(null, `Pasted ${grid.length} row${grid.length === 1 ? '' : 's'}.`);
  }

  exportCSV() {
    const blob = new Blob([toCSV(this.items(), this.names)], { type: 'text/csv' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = this.name + '.csv';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    this.say('CSV exported.');
  }

  async importCSV(input) {
    const file = input.files && input.files[0];
    if (!file) return;
    try {
      const items = fromCSV(await file.text(), this.columns, MAX_ROWS);
      this.setRows(items, true);
      this.say(`Imported ${items.length} row${items.length === 1 ? '' : 's'} from ${file.name}.`);
      this.onChange();
    } catch (err) {
      this.say(`${file.name} could not be read: ${err.message}`);
    }
    input.value = '';
  }

  query() {
    return encodeRows(this.items(), this.names);
  }

  readQuery(params) {
    if (params.has(this.name)) this.setRows(decodeRows(params.get(this.name), this.names, MAX_ROWS), true);
  }

  writeQuery(params) {
    const q = this.query();
    if (q === this.startQuery) params.delete(this.name);
    else params.set(this.name, q);
  }

  /** localize rewrites the numeric cells typed in the previous locale in the current one. */
  localize(previous) {
    for (const input of this.body.querySelectorAll('[data-cell]')) {
      const type = input.getAttribute('data-type');
      if (type !== 'number' && type !== 'integer') continue;
      const k = scaleOf(input.getAttribute('data-scale'));
      const v = parseText(input.value, type, k, { locale: previous.locale, currency: input.getAttribute('data-unit') === 'currency' });
      if (typeof v === 'number') input.value = toDisplay(String(v), type, k, settings.locale);
    }
  }
}

/**
 * arrayEditors makes the Array fields of a widget's section editable; a
 * change recomputes as a typed input does (widget.js). It returns what the
 * widget asks of them together.
 */
export function arrayEditors(widget) {
  const eds = Array.from(widget.section.querySelectorAll('[data-array]')).map(
    (wrap) =>
      new ArrayEditor(wrap, () => {
        widget.lastInput = performance.now();
        if (widget.primary) widget.queryDirty = true;
        widget.run();
      }),
  );
  if (!widget.section.hasAttribute('data-plan')) for (const e of eds) scenarioFiles(widget, e); // the plan saves itself (planfiles.js)
  // The results' notes (why an idea cannot be tested, the portfolio) follow each answer.
  widget.section.addEventListener('roikit:result', (e) => showNotes(widget.section, e.detail.body, e.detail.request));
  return {
    editors: eds,
    values: () => Object.fromEntries(eds.map((e) => [e.name, e.items()])),
    readQuery: (params) => eds.forEach((e) => e.readQuery(params)),
    writeQuery: (params) => eds.forEach((e) => e.writeQuery(params)),
    localize: (previous) => {
      eds.forEach((e) => e.localize(previous));
      showNotes(widget.section); // their numbers in the new locale
    },
    load: (values) => eds.forEach((e) => Array.isArray(values[e.name]) && e.setRows(values[e.name], true)),
  };
}
