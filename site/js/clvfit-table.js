// The clvfit widget's tables (site/js/clvfit.js): the customers, sortable by
// P(alive), expected purchases and CLV, and the rows of the file that could
// not be read. Text goes through textContent only, never markup.

/** TABLE_ROWS is how many customers the table shows; the download holds every one. */
export const TABLE_ROWS = 100;

/**
 * topRows returns up to limit predictions, largest key first (a missing
 * value last), ties in the order of the response (the file's).
 */
export function topRows(predictions, key, limit = TABLE_ROWS) {
  return predictions
    .map((r, i) => [r, i])
    .sort((x, y) => {
      const a = x[0][key] ?? -Infinity;
      const b = y[0][key] ?? -Infinity;
      return b - a || x[1] - y[1];
    })
    .slice(0, limit)
    .map(([r]) => r);
}

/**
 * renderCustomers writes the top customers by key into tbody (the customer
 * as the row's header cell) and marks the sorted column's header
 * (aria-sort, and the sort buttons' pressed state) in table.
 */
export function renderCustomers(table, tbody, predictions, key, fmt) {
  tbody.textContent = '';
  for (const r of topRows(predictions, key)) {
    const tr = document.createElement('tr');
    const cells = [
      [r.customer_id, null],
      [r.frequency, 'int'],
      [r.p_alive, 'pct1'],
      [r.expected_purchases, 'dec2'],
      [r.clv, 'money'],
    ];
    cells.forEach(([v, f], i) => {
      const td = document.createElement(i === 0 ? 'th' : 'td');
      if (i === 0) td.setAttribute('scope', 'row');
      td.textContent = f ? fmt(v ?? null, f) : String(v);
      tr.append(td);
    });
    tbody.append(tr);
  }
  for (const btn of table.querySelectorAll('[data-sort]')) {
    const on = btn.getAttribute('data-sort') === key;
    const th = btn.closest('th');
    if (th) th.setAttribute('aria-sort', on ? 'descending' : 'none');
  }
}

/**
 * skippedText is the sentence over the skipped-row table: "3 of 1,204 rows
 * could not be read and were left out." (total: the rows of the file,
 * those read and those skipped).
 */
export function skippedText(count, total, fmt) {
  const n = fmt(count, 'int');
  const rows = count === 1 ? 'row' : 'rows';
  const of = total > count ? `${n} of ${fmt(total, 'int')} ${count === 1 && total === 1 ? 'row' : 'rows'}` : `${n} ${rows}`;
  const verb = count === 1 ? 'was' : 'were';
  return `${of} could not be read and ${verb} left out.`;
}

/**
 * renderSkipped shows the response's skipped rows ({count, rows: [{line,
 * reason}]}, the first 20) in block: its sentence, and a table of line and
 * reason; rowsRead is the response's rows (those read). No skipped rows:
 * the block is hidden and emptied.
 */
export function renderSkipped(block, skipped, rowsRead, fmt) {
  const text = block.querySelector('[data-role=clvfit-skipped-text]');
  const tbody = block.querySelector('[data-role=clvfit-skipped-rows]');
  const more = block.querySelector('[data-role=clvfit-skipped-more]');
  tbody.textContent = '';
  const count = skipped && Number(skipped.count) > 0 ? Number(skipped.count) : 0;
  block.hidden = count === 0;
  if (!count) {
    text.textContent = '';
    if (more) more.textContent = '';
    return;
  }
  const rows = Array.isArray(skipped.rows) ? skipped.rows : [];
  text.textContent = skippedText(count, (Number(rowsRead) || 0) + count, fmt);
  for (const r of rows) {
    const tr = document.createElement('tr');
    const line = document.createElement('th');
    line.setAttribute('scope', 'row');
    line.textContent = fmt(r.line, 'int');
    const reason = document.createElement('td');
    reason.textContent = String(r.reason ?? '');
    tr.append(line, reason);
    tbody.append(tr);
  }
  if (more) more.textContent = count > rows.length ? `The first ${fmt(rows.length, 'int')} are listed.` : '';
}
