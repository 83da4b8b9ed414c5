import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exclusiveCleared } from './urlquery.js';

test('exclusiveCleared clears the other field of a pair the query sets one of', () => {
  const cases = [
    [['lifespan_years'], ['retention_rate']],
    [['retention_rate', 'discount_rate'], ['lifespan_years']],
    [['lifespan_years', 'retention_rate'], []], // both: the calculator says "not both"
    [['average_order_value'], []],
    [[], []],
  ];
  for (const [names, want] of cases) assert.deepEqual(exclusiveCleared(new Set(names)), want, names.join(','));
});
