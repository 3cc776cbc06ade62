/**
 * Bug (F3): Stripe timestamps named `current_period_end`, `trial_start`, `billing_cycle_anchor`,
 * `period: {start, end}` stayed plain integers while `cancel_at` and `start_date` in the same object
 * got `unix-time`: the key-name evidence only knew *_at/*time/*date.
 */
import { expect, it } from 'vitest';
import { inferSchema, type JSONSchemaObject } from '@fieldkit/core';

it('epoch seconds under *_start / *_end / *_anchor and period.start/end are unix-time', () => {
  const t = 1714564800;
  const samples = [0, 1, 2].map((i) => ({ current_period_start: t + i, current_period_end: t + 30 * 86400 + i, trial_end: t + i, billing_cycle_anchor: t - i, period: { start: t + i, end: t + 86400 + i } }));
  const p = inferSchema(samples).properties as Record<string, JSONSchemaObject>;
  for (const k of ['current_period_start', 'current_period_end', 'trial_end', 'billing_cycle_anchor']) expect(p[k]!.format, k).toBe('unix-time');
  const period = p.period!.properties as Record<string, JSONSchemaObject>;
  expect([period.start!.format, period.end!.format]).toEqual(['unix-time', 'unix-time']);
});
