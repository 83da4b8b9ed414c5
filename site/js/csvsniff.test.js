// node --test site/js/: the page's CSV sniffing and column guesses
// (csvsniff.js), the delimiter checked against the core's rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sniffCSV, headerOf, splitCSVLine, records, guessColumn, guessColumns, normalizeName, fileProblem } from './csvsniff.js';

const CASES = fileURLToPath(new URL('./testdata/csvsniff.json', import.meta.url));

test('sniffCSV detects the delimiter and reads the header', () => {
  const cases = [
    ['customer_id,date,amount\n1,2024-01-02,3\n', ',', ['customer_id', 'date', 'amount']],
    ['Kunde;Bestelldatum;Umsatz\r\nK1;01.02.2024;1.020,00\r\nK2;03.02.2024;12,50\r\n', ';', ['Kunde', 'Bestelldatum', 'Umsatz']],
    ['id\tdate\tamount\n1\t2024-01-02\t3,50\n', '\t', ['id', 'date', 'amount']],
    ['id|date|amount\n1|2024-01-02|3.50\n', '|', ['id', 'date', 'amount']],
    // quoted fields hold other candidates; a byte-order mark is dropped
    ['\uFEFF"Name","Email","Total"\n"#1001","a;b@x.com","1,020.00"\n', ',', ['Name', 'Email', 'Total']],
    // a decimal comma in a semicolon file: the comma gives records of other lengths than the header
    ['a;b;c\nx;1,5;2\ny;3;4,25\n', ';', ['a', 'b', 'c']],
    // a quoted line break inside a record
    ['id,note,amount\n1,"two\nlines",3\n', ',', ['id', 'note', 'amount']],
    // one column: the comma
    ['customer\nA\n', ',', ['customer']],
  ];
  for (const [text, delim, header] of cases) {
    const got = sniffCSV(text);
    assert.equal(got.delimiter, delim, JSON.stringify(text));
    assert.deepEqual(got.header, header, JSON.stringify(text));
  }
  // A slice of a larger file ends inside a record, which is not counted.
  assert.equal(sniffCSV('a;b;c\n1;2;3\n4;5', true).delimiter, ';');
  assert.deepEqual(headerOf('\uFEFFcustomer_id,"date",amount\r\n1,1997-01-01,3\n'), ['customer_id', 'date', 'amount']);
  assert.deepEqual(splitCSVLine('"a,""b""",c'), ['a,"b"', 'c']);
  assert.deepEqual(splitCSVLine('a;"b;c"', ';'), ['a', 'b;c']);
  assert.deepEqual(records('a,b\n\n1,2\r\n', ','), [['a', 'b'], ['1', '2']]);
  // Excel's "sep=" line
  assert.deepEqual(sniffCSV('sep=;\r\na;b\n1;2\n'), { delimiter: ';', header: ['a', 'b'] });
});

test('sniffCSV agrees with the core on its cases (testdata/csvsniff.json)', (t) => {
  if (!existsSync(CASES)) {
    t.skip('site/js/testdata/csvsniff.json is absent: the core\'s Go test writes it (go test ./calc -run Sniff -update)');
    return;
  }
  const data = JSON.parse(readFileSync(CASES, 'utf8'));
  const cases = Array.isArray(data) ? data : data.cases;
  assert.ok(Array.isArray(cases) && cases.length > 0, 'csvsniff.json holds no cases');
  for (const c of cases) {
    const text = c.text ?? c.input;
    const want = c.delimiter ?? c.delim;
    const header = c.header ?? c.columns;
    assert.equal(typeof text, 'string', `a case without text: ${JSON.stringify(c)}`);
    const got = sniffCSV(text);
    assert.equal(got.delimiter, want, `delimiter of ${JSON.stringify(text.slice(0, 80))}`);
    if (header) assert.deepEqual(got.header, header, `header of ${JSON.stringify(text.slice(0, 80))}`);
  }
});

test('normalizeName', () => {
  for (const [in_, want] of [
    ['Created (UTC)', 'created_utc'],
    ['E-Mail', 'e_mail'],
    ['Date de commande', 'date_de_commande'],
    ['  Customer ID ', 'customer_id'],
    ['Währung', 'wahrung'],
  ]) assert.equal(normalizeName(in_), want);
});

test('guessColumn maps names from exports in several languages', () => {
  // [header, role, want]
  const cases = [
    [['customer', 'day', 'x'], 'id_column', 'customer'],
    [['ID', 'order_date', 'revenue'], 'id_column', 'ID'],
    [['ID', 'order_date', 'revenue'], 'date_column', 'order_date'],
    [['ID', 'order_date', 'revenue'], 'amount_column', 'revenue'],
    [['date', 'id'], 'amount_column', ''],
    [['Kunde', 'Bestelldatum', 'Umsatz'], 'id_column', 'Kunde'],
    [['Kunde', 'Bestelldatum', 'Umsatz'], 'date_column', 'Bestelldatum'],
    [['Kunde', 'Bestelldatum', 'Umsatz'], 'amount_column', 'Umsatz'],
    [['Kundennummer', 'Datum', 'Betrag'], 'id_column', 'Kundennummer'],
    [['Kundennummer', 'Datum', 'Betrag'], 'date_column', 'Datum'],
    [['Kundennummer', 'Datum', 'Betrag'], 'amount_column', 'Betrag'],
    [['E-Mail', 'Datum', 'Betrag'], 'id_column', 'E-Mail'],
    [['cliente', 'fecha', 'importe'], 'id_column', 'cliente'],
    [['cliente', 'fecha', 'importe'], 'date_column', 'fecha'],
    [['cliente', 'fecha', 'importe'], 'amount_column', 'importe'],
    [['Client', 'Date de commande', 'Montant'], 'id_column', 'Client'],
    [['Client', 'Date de commande', 'Montant'], 'date_column', 'Date de commande'],
    [['Client', 'Date de commande', 'Montant'], 'amount_column', 'Montant'],
    [['user_id', 'created_at', 'total_price'], 'id_column', 'user_id'],
    [['user_id', 'created_at', 'total_price'], 'date_column', 'created_at'],
    [['user_id', 'created_at', 'total_price'], 'amount_column', 'total_price'],
    // Shopify orders: "Name" is the order number, "Id" the order's id; the customer is the e-mail
    [['Name', 'Email', 'Financial Status', 'Paid at', 'Subtotal', 'Shipping', 'Taxes', 'Total', 'Created at', 'Id'], 'id_column', 'Email'],
    [['Name', 'Email', 'Financial Status', 'Paid at', 'Subtotal', 'Shipping', 'Taxes', 'Total', 'Created at', 'Id'], 'date_column', 'Created at'],
    [['Name', 'Email', 'Financial Status', 'Paid at', 'Subtotal', 'Shipping', 'Taxes', 'Total', 'Created at', 'Id'], 'amount_column', 'Total'],
    // WooCommerce
    [['Order ID', 'Order Date', 'Order Status', 'Customer User ID', 'Billing Email', 'Order Total Amount'], 'id_column', 'Customer User ID'],
    [['Order ID', 'Order Date', 'Order Status', 'Customer User ID', 'Billing Email', 'Order Total Amount'], 'date_column', 'Order Date'],
    [['Order ID', 'Order Date', 'Order Status', 'Customer User ID', 'Billing Email', 'Order Total Amount'], 'amount_column', 'Order Total Amount'],
    // Stripe payments: "id" is the payment's
    [['id', 'Created (UTC)', 'Amount', 'Amount Refunded', 'Currency', 'Customer ID', 'Customer Email'], 'id_column', 'Customer ID'],
    [['id', 'Created (UTC)', 'Amount', 'Amount Refunded', 'Currency', 'Customer ID', 'Customer Email'], 'date_column', 'Created (UTC)'],
    [['id', 'Created (UTC)', 'Amount', 'Amount Refunded', 'Currency', 'Customer ID', 'Customer Email'], 'amount_column', 'Amount'],
    // GA4 / BigQuery
    [['event_date', 'transaction_id', 'user_pseudo_id', 'purchase_revenue'], 'id_column', 'user_pseudo_id'],
    [['event_date', 'transaction_id', 'user_pseudo_id', 'purchase_revenue'], 'date_column', 'event_date'],
    [['event_date', 'transaction_id', 'user_pseudo_id', 'purchase_revenue'], 'amount_column', 'purchase_revenue'],
    // Not amounts: taxes, shipping, a count
    [['customer', 'date', 'Tax Amount', 'Shipping Total', 'item_count'], 'amount_column', ''],
    [['a', 'b'], 'date_column', ''],
    [['a', 'b'], 'id_column', ''],
  ];
  for (const [header, role, want] of cases) assert.equal(guessColumn(header, role), want, `${role} of ${header.join(', ')}`);
});

test('guessColumns gives no column two roles', () => {
  assert.deepEqual(guessColumns(['customer_date', 'x']), { id_column: '', date_column: 'customer_date', amount_column: '' });
  assert.deepEqual(guessColumns(['Kunde', 'Bestelldatum', 'Umsatz']), { id_column: 'Kunde', date_column: 'Bestelldatum', amount_column: 'Umsatz' });
});

test('fileProblem: an empty, binary or one-column file is not a transaction log (issue 15)', () => {
  const check = (text, size = text.length) => fileProblem(text, size, 'f.csv', sniffCSV(text).header);
  assert.match(check(''), /^f\.csv is empty: choose a CSV file with a header row/);
  assert.match(check('\ufeff\r\n \n'), /^f\.csv is empty/);
  assert.match(check('\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR'), /^f\.csv is not a CSV text file: it holds zero bytes/);
  assert.match(check('\u00ff\u00fec\u0000u\u0000s\u0000t\u0000,\u0000d\u0000\r\u0000\n\u0000'), /not a CSV text file.*UTF-16/);
  assert.equal(check('customer\n1\n'), 'f.csv has one column ("customer"): a transaction log needs a header row naming at least a customer id and a date column, separated by commas, semicolons, tabs or pipes.');
  assert.match(check(',,\n1,2,3\n'), /^f\.csv has no column names in its first line/);
  assert.equal(check('id;date\r1;2024-03-01\r'), '');
  assert.equal(check('customer_id,date\n'), '');
});
