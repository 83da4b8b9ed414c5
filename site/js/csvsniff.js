// Reading a CSV file's header on the page (the clvfit widget's column
// mapping): the delimiter detected by the same rule as the core's reader
// (calc.SniffCSV; checked against site/js/testdata/csvsniff.json, which
// the core's Go test writes), the header's columns, and guesses of which column holds
// the customer id, the date and the amount from names as exports in several
// languages write them.

/** DELIMITERS are the candidates, in the order that breaks ties. */
export const DELIMITERS = [',', ';', '\t', '|'];

/** SNIFF_RECORDS is how many records (the header included) decide the delimiter. */
const SNIFF_RECORDS = 10;

/**
 * records splits text into at most max non-empty records of fields
 * separated by delim, as the core's splitRecords (calc/csvformat.go): a
 * field starting with a double quote runs to the closing quote ("" inside
 * is a quote; line breaks inside do not end the record), what follows the
 * closing quote up to the delimiter is kept; a record ends at \n, \r\n
 * or a lone \r; empty lines are skipped. Fields are not trimmed.
 */
export function records(s, delim, max = Infinity) {
  const recs = [];
  let rec = null;
  let field = '';
  let i = 0;
  const endField = () => {
    (rec = rec || []).push(field);
    field = '';
  };
  while (i < s.length && recs.length < max) {
    if (s[i] === '"') {
      i++;
      while (i < s.length) {
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += s[i++];
      }
    }
    while (i < s.length) {
      const ch = s[i];
      if (ch === '\r' && s[i + 1] === '\n') {
        i++; // \r\n: the \n ends the record
        continue;
      }
      if (ch === delim || ch === '\n' || ch === '\r') break;
      field += ch;
      i++;
    }
    endField();
    if (i < s.length && s[i] !== '\n' && s[i] !== '\r') {
      i++; // a delimiter: another field follows
      if (i === s.length) endField();
      continue;
    }
    i++;
    if (rec.length > 1 || rec[0] !== '') recs.push(rec);
    rec = null;
  }
  if (rec && recs.length < max && (rec.length > 1 || rec[0] !== '')) recs.push(rec);
  return recs;
}

const trimAll = (fields) => fields.map((f) => f.trim());

/** splitCSVLine splits one CSV line into trimmed fields by delim (quotes honoured). */
export function splitCSVLine(line, delim = ',') {
  const r = records(line, delim, 1);
  return r.length ? trimAll(r[0]) : [''];
}

/**
 * sniffCSV detects a CSV text's delimiter and reads its header, by the
 * core's rule (calc.SniffCSV):
 *  1. a leading byte-order mark is dropped;
 *  2. a first line "sep=X" (Excel's hint), X one of , ; tab |, sets the
 *     delimiter; the header is the line after it;
 *  3. otherwise the text is split into records (see records) with each
 *     candidate (comma, semicolon, tab, pipe), the first 10 records used;
 *  4. a candidate counts when its header has at least 2 fields; the one
 *     with the most records after the header having as many fields as the
 *     header wins, then the one with the most header fields, then the
 *     first in the order comma, semicolon, tab, pipe;
 *  5. no candidate counts (one column): comma.
 * partial: the text is the first part of a longer file, so its last line,
 * cut off, is left out. It returns {delimiter, header} (the header's
 * fields trimmed of spaces).
 */
export function sniffCSV(text, partial = false) {
  let head = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const cut = Math.max(head.lastIndexOf('\n'), head.lastIndexOf('\r'));
  if (partial && cut > 0) head = head.slice(0, cut + 1);
  const sep = /^sep=([,;\t|])(\r\n|\r|\n|$)/.exec(head);
  if (sep) {
    const recs = records(head.slice(sep[0].length), sep[1], 1);
    return { delimiter: sep[1], header: recs.length ? trimAll(recs[0]) : [] };
  }
  let best = null;
  for (const d of DELIMITERS) {
    const recs = records(head, d, SNIFF_RECORDS);
    if (!recs.length || recs[0].length < 2) continue;
    const match = recs.slice(1).filter((r) => r.length === recs[0].length).length;
    if (!best || match > best.match || (match === best.match && recs[0].length > best.header.length)) best = { d, match, header: recs[0] };
  }
  if (!best) {
    const recs = records(head, ',', 1);
    return { delimiter: ',', header: recs.length ? trimAll(recs[0]) : [] };
  }
  return { delimiter: best.d, header: trimAll(best.header) };
}

/** headerOf returns the column names of a CSV text's header, its delimiter detected (empty names left out). */
export function headerOf(text, partial = false) {
  return sniffCSV(text, partial).header.filter((h) => h !== '');
}

/**
 * normalizeName writes a column name for matching: lower case, accents
 * dropped, runs of other than letters and digits as one "_" ("Created
 * (UTC)" -> "created_utc", "E-Mail" -> "e_mail").
 */
export function normalizeName(name) {
  return String(name)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

// Names by role, best first: exact (normalized) names, then patterns. The
// customer comes before an e-mail, which comes before a bare "id" (in a
// Shopify or Stripe export "Id" is the order's or the payment's).
const NAMES = {
  id_column: {
    exact: [
      'customer_id', 'customerid', 'customer_no', 'customer_number', 'customer', 'customer_user_id', 'customer_user',
      'client_id', 'clientid', 'client', 'id_client', 'numero_client', 'no_client',
      'kunden_id', 'kundenid', 'kundennummer', 'kundennr', 'kunden_nr', 'kunde', 'kunde_id',
      'cliente', 'id_cliente', 'cliente_id', 'numero_cliente', 'klant', 'klantnummer', 'klant_id',
      'user_id', 'userid', 'user_pseudo_id', 'user', 'member_id', 'buyer_id', 'buyer', 'contact_id', 'account_id',
      'email', 'e_mail', 'customer_email', 'billing_email', 'email_address', 'mail', 'courriel', 'correo', 'correo_electronico',
      'cust_id', 'custid',
    ],
    patterns: [/(^|_)(customer|client|kunde|kunden|cliente|klant)(_|$)/, /^(customer|client|kunde|kunden|cliente|klant)/, /e_?mail|courriel|correo/, /(^|_)(user|member|buyer)(_|$)/, /^id$/],
  },
  date_column: {
    exact: [
      'order_date', 'orderdate', 'date', 'purchase_date', 'transaction_date', 'invoice_date', 'sale_date', 'created_at', 'created',
      'created_utc', 'created_date', 'date_created', 'order_created_at', 'paid_at', 'processed_at', 'event_date',
      'bestelldatum', 'datum', 'kaufdatum', 'rechnungsdatum', 'auftragsdatum', 'belegdatum',
      'fecha', 'fecha_pedido', 'fecha_de_pedido', 'fecha_compra', 'fecha_de_compra',
      'date_de_commande', 'date_commande', 'date_achat', 'date_de_la_commande',
      'data', 'data_ordine', 'data_pedido', 'besteldatum', 'orderdatum',
      'timestamp', 'day', 'time', 'datetime',
    ],
    patterns: [/date|datum|fecha/, /(^|_)(created|paid|ordered|purchased)(_|$)/, /time/],
  },
  amount_column: {
    exact: [
      'amount', 'total', 'order_total', 'total_price', 'total_amount', 'revenue', 'purchase_revenue', 'event_value_in_usd',
      'sales', 'net_sales', 'gross_sales', 'value', 'price', 'spend', 'monetary', 'monetary_value', 'subtotal',
      'umsatz', 'betrag', 'gesamtbetrag', 'summe', 'gesamtsumme', 'bruttobetrag', 'rechnungsbetrag', 'preis',
      'importe', 'importe_total', 'total_pedido', 'monto', 'montant', 'montant_total', 'montant_ttc', 'prix', 'totaal', 'bedrag',
    ],
    patterns: [/amount|total|revenue|umsatz|betrag|summe|importe|monto|montant|bedrag|sales|price|preis|prix|value/],
  },
};

// Amount-like names that are not what a customer spent on an order.
const NOT_AMOUNT = /tax|steuer|shipping|versand|discount|rabatt|refund|fee|currency|wahrung|count|quantity|menge|id$/;

/** guessColumn picks the header's column for a role (id_column, date_column, amount_column), or ''. */
export function guessColumn(header, role) {
  const names = NAMES[role];
  if (!names) return '';
  const norm = header.map(normalizeName);
  for (const want of names.exact) {
    const i = norm.indexOf(want);
    if (i >= 0) return header[i];
  }
  for (const p of names.patterns) {
    const i = norm.findIndex((n) => p.test(n) && !(role === 'amount_column' && NOT_AMOUNT.test(n)) && !(role === 'id_column' && /date|datum|fecha|amount|total/.test(n)));
    if (i >= 0) return header[i];
  }
  return '';
}

/**
 * guessColumns guesses the three roles together, no column for two roles
 * (the id first, then the date, then the amount): {id_column, date_column,
 * amount_column}, '' where nothing fits.
 */
export function guessColumns(header) {
  const out = {};
  let rest = header.slice();
  for (const role of ['id_column', 'date_column', 'amount_column']) {
    out[role] = guessColumn(rest, role);
    rest = rest.filter((h) => h !== out[role]);
  }
  return out;
}

/**
 * fileProblem says why a chosen file cannot be a transaction log, from its
 * size, its first bytes as text (head) and the header sniffCSV read there,
 * or '' when it may be one: an empty file, binary data (zero bytes, as in
 * a spreadsheet saved as UTF-16 "Unicode text" too), or a header of one
 * column (a log needs a customer id and a date). The core gives the same
 * reasons for a file sent to it.
 */
export function fileProblem(head, size, name, header) {
  if (size === 0 || head.replace(/^\ufeff/, '').trim() === '') {
    return `${name} is empty: choose a CSV file with a header row naming the columns, then one row per purchase.`;
  }
  if (head.includes('\u0000')) {
    return `${name} is not a CSV text file: it holds zero bytes, as binary files do (and spreadsheets saved as UTF-16 "Unicode text"). Save it as CSV (UTF-8) and choose that file.`;
  }
  const cols = header.filter((h) => h !== '');
  const need = 'a transaction log needs a header row naming at least a customer id and a date column, separated by commas, semicolons, tabs or pipes.';
  if (cols.length === 0) return `${name} has no column names in its first line: ${need}`;
  if (cols.length === 1) return `${name} has one column ("${cols[0].slice(0, 40)}"): ${need}`;
  return '';
}
