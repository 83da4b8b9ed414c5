// node --test site/js/: the clvfit widget's CSV helpers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headerOf, splitCSVLine, guessColumn, predictionsCSV } from './clvfit.js';

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

test('predictionsCSV quotes and leaves nulls empty', () => {
  const csv = predictionsCSV([{ customer_id: 'a,b', frequency: 2, recency: 30.43, T: 38.86, p_alive: 0.7266, expected_purchases: 1.226, clv: null }]);
  assert.equal(csv, 'customer_id,frequency,recency,T,monetary_value,p_alive,expected_purchases,expected_average_spend,clv\n"a,b",2,30.43,38.86,,0.7266,1.226,,\n');
});
