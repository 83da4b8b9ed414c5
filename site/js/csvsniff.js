// Reading a CSV file's header on the page (the clvfit widget's column
// mapping): the delimiter detected by the same rule as the core's reader
// (calc; checked against site/js/testdata/csvsniff.json, which the core's
// Go test writes), the header's columns, and guesses of which column holds
// the customer id, the date and the amount from names as exports in several
// languages write them.

/** DELIMITERS are the candidates, in the order that breaks ties. */
export const DELIMITERS = [',', ';', '\t', '|'];

/** SNIFF_LINES is how many records (the header included) decide the delimiter. */
const SNIFF_LINES = 20;

/**
 * records splits text into at most max records of fields by delim: quoted
 * fields may hold the delimiter, doubled quotes and line breaks; CRLF and LF
 * end a record; a byte-order mark at the start is dropped; fields are
 * trimmed; blank lines are skipped. A last record cut off by the end of the
 * text (a slice of a larger file) is kept only when the text ends there.
 */
export function records(text, delim, max = Infinity) {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out = [];
  let rec = [];
  let cur = '';
  let quoted = false;
  let blank = true; // the record so far is empty
  const endField = () => {
    rec.push(cur.trim());
    cur = '';
  };
  const endRecord = () => {
    endField();
    if (!blank) out.push(rec);
    rec = [];
    blank = true;
  };
  for (let i = 0; i < s.length && out.length < max; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
      continue;
    }
    if (ch === '"') {
      quoted = true;
      blank = false;
    } else if (ch === delim) {
      endField();
      blank = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      endRecord();
    } else {
      cur += ch;
      if (ch.trim() !== '') blank = false;
    }
  }
  if (out.length < max) {
    if (cur.trim() !== '') blank = false;
    endRecord();
  }
  return out;
}

/** splitCSVLine splits one CSV line into trimmed fields by delim (quotes honoured). */
export function splitCSVLine(line, delim = ',') {
  const r = records(line.replace(/[\r\n]+/g, ' '), delim, 1);
  return r.length ? r[0] : [''];
}

/**
 * sniffCSV detects a CSV text's delimiter and reads its header. The rule,
 * the same as the core's: for each candidate (comma, semicolon, tab, pipe)
 * the header and the next records up to 20 are split (quotes honoured); a
 * candidate that gives the header at least two fields and every record as
 * many fields as the header is consistent; the consistent candidate with
 * the most header fields wins, ties going to the earlier candidate. When
 * none is consistent, the candidate with the most header fields (at least
 * two) wins; else the comma. The text may be the first part of a file: a
 * last record cut short is not counted (partial: the text is the first
 * part of a longer file). It returns {delimiter, header} (header: the column names, empty ones
 * dropped).
 */
export function sniffCSV(text, partial = false) {
  // A slice of a larger file may end inside a record: leave that record out.
  const cut = partial ? text.lastIndexOf('\n') : -1;
  const sample = cut > 0 ? text.slice(0, cut + 1) : text;
  let best = null;
  for (const d of DELIMITERS) {
    const recs = records(sample, d, SNIFF_LINES);
    if (!recs.length) continue;
    const n = recs[0].length;
    const consistent = n >= 2 && recs.every((r) => r.length === n);
    const score = [consistent ? 1 : 0, n];
    if (!best || score[0] > best.score[0] || (score[0] === best.score[0] && score[1] > best.score[1])) best = { d, score, header: recs[0] };
  }
  if (!best || best.score[1] < 2) {
    const recs = records(text, ',', 1);
    return { delimiter: ',', header: (recs[0] || []).filter((h) => h !== '') };
  }
  return { delimiter: best.d, header: best.header.filter((h) => h !== '') };
}

/** headerOf returns the column names of a CSV text's first record, its delimiter detected. */
export function headerOf(text, partial = false) {
  return sniffCSV(text, partial).header;
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
