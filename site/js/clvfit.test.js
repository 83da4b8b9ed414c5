// node --test site/js/: the clvfit widget's CSV helpers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headerOf, splitCSVLine, guessColumn } from './clvfit.js';

test('headerOf reads the first line, without a byte-order mark or quotes', () => {
  assert.deepEqual(headerOf('\uFEFFcustomer_id,"date",amount\r\n1,1997-01-01,3\n'), ['customer_id', 'date', 'amount']);
  assert.deepEqual(headerOf('date,id'), ['date', 'id']);
  assert.deepEqual(splitCSVLine('"a,""b""",c'), ['a,"b"', 'c']);
});

test('guessColumn maps common names', () => {
  const h = ['ID', 'order_date', 'revenue'];
  assert.equal(guessColumn(h, 'id_column'), 'ID');
  assert.equal(guessColumn(h, 'date_column'), 'order_date');
  assert.equal(guessColumn(h, 'amount_column'), 'revenue');
  assert.equal(guessColumn(['date', 'id'], 'amount_column'), '');
});
