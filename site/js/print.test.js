// The printed report's pure parts: a value written with its unit as the
// form shows it, and the scenario's URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { currencyFirst, withUnit, scenarioURL, scenarioQuery } from './print.js';

test('the currency symbol goes where the locale writes it', () => {
  // CLDR: en-US "$1.00", de-DE "1,00 €", fr-FR "1,00 €", ja-JP "￥1", en-GB "£1.00".
  for (const [locale, currency, first] of [
    ['en-US', 'USD', true],
    ['en-GB', 'GBP', true],
    ['ja-JP', 'JPY', true],
    ['de-DE', 'EUR', false],
    ['fr-FR', 'EUR', false],
  ]) {
    assert.equal(currencyFirst(locale, currency), first, `${locale} ${currency}`);
  }
  assert.equal(currencyFirst('en-US', 'not a currency'), true, 'a bad code falls back to before');
});

test('withUnit writes a value with its unit', () => {
  const nb = '\u00a0';
  for (const [value, unit, money, locale, currency, want] of [
    ['5', '%', false, 'en-US', 'USD', `5${nb}%`],
    ['14', 'days', false, 'en-US', 'USD', `14${nb}days`],
    ['100', '$', true, 'en-US', 'USD', '$100'],
    ['100', '€', true, 'de-DE', 'EUR', `100${nb}€`],
    ['5000', '', false, 'en-US', 'USD', '5000'],
    ['proportion', '', false, 'en-US', 'USD', 'proportion'],
  ]) {
    assert.equal(withUnit(value, unit, money, locale, currency), want, `${value} ${unit} ${locale}`);
  }
});

test('scenarioURL: the page itself, or the calculator page with the inputs', () => {
  const cases = [
    {
      what: "a calculator page's widget: the page's address (its inputs are in the query), without the fragment",
      in: { href: 'https://roikit.example/calculators/roi/?monthly_cost=2500#method', primary: true, embed: false, calcPage: '/calculators/roi/', query: '', params: '?monthly_cost=2500' },
      want: 'https://roikit.example/calculators/roi/?monthly_cost=2500',
    },
    {
      what: "an embed: the calculator page with the widget's inputs and the reader's currency, not the embed's theme, accent or hide",
      in: {
        href: 'https://roikit.example/embed/roi/?theme=dark&accent=red&hide=seed&currency=EUR&monthly_cost=2500',
        primary: true,
        embed: true,
        calcPage: 'https://roikit.example/calculators/roi/',
        query: 'monthly_cost=2500',
        params: '?theme=dark&accent=red&hide=seed&currency=EUR&monthly_cost=2500',
      },
      want: 'https://roikit.example/calculators/roi/?monthly_cost=2500&currency=EUR',
    },
    {
      what: "a guide's widget: the calculator page with the widget's inputs and locale",
      in: { href: 'https://roikit.example/guides/ab-test-design/?locale=de-DE#plan', primary: false, embed: false, calcPage: '/calculators/samplesize/', query: 'mde=0.2&alpha=0.1', params: '?locale=de-DE' },
      want: 'https://roikit.example/calculators/samplesize/?mde=0.2&alpha=0.1&locale=de-DE',
    },
    {
      what: 'a widget at its defaults: the bare calculator page',
      in: { href: 'https://roikit.example/guides/x/', primary: false, embed: false, calcPage: '/calculators/clv/', query: '', params: '' },
      want: 'https://roikit.example/calculators/clv/',
    },
  ];
  for (const c of cases) assert.equal(scenarioURL(c.in), c.want, c.what);
});

test("scenarioQuery: a widget's values that the calculator page does not start with", () => {
  const spec = { fields: [{ name: 'baseline_rate', default: 0.05 }, { name: 'mde', default: 0.1 }, { name: 'metric', default: 'proportion' }, { name: 'control_share' }] };
  const q = scenarioQuery({ baseline_rate: 0.02, mde: 0.1, metric: 'proportion', control_share: 0.4, daily_visitors: 6600 }, spec);
  assert.equal(q.toString(), 'baseline_rate=0.02&control_share=0.4&daily_visitors=6600', 'against the defaults');
  assert.equal(scenarioQuery({ mde: 0.1 }, spec).toString(), '', 'at the defaults: nothing');
  const start = { daily_visitors: 6600, baseline_rate: 0.03 };
  assert.equal(scenarioQuery({ baseline_rate: 0.03, mde: 0.2, daily_visitors: 6600 }, spec, start).toString(), 'mde=0.2', 'against the starting request, then the defaults');
  assert.equal(scenarioQuery({ baseline_rate: 0.05 }, spec, start).toString(), 'baseline_rate=0.05', 'a default that differs from the start is kept');
});
