/**
 * Bugs (F5, F8, F11): enums were inferred from values that merely repeat in a small stream:
 * repository names and logins, label names and colours, file paths, product and Slack user ids,
 * currency codes. Held-out deliveries with a new repository, customer or currency then failed.
 * Genuinely closed sets (GitHub `sender.type`, card `funding`) still become enums.
 */
import { expect, it } from 'vitest';
import { inferSchema, type JSONSchemaObject } from '@fieldkit/core';

it('repeating ids, names, paths and currency codes are plain strings; closed sets stay enums', () => {
  const samples = Array.from({ length: 12 }, (_, i) => ({
    repository: { name: ['widgets', 'docs', 'hello-world'][i % 3], owner: { login: ['acme', 'octo-org'][i % 2] } },
    product: ['prod_PqB7mXzL2kV9aC', 'prod_QwE4rT6yU8iO1p'][i % 2],
    user: ['U02AB3CD4EF', 'U03GH5IJ6KL', 'U04MN7OP8QR'][i % 3],
    modified: [['README.md', 'src/index.ts'][i % 2]],
    currency: ['usd', 'eur'][i % 2],
    funding: ['credit', 'debit'][i % 2],
  }));
  const p = inferSchema(samples).properties as Record<string, JSONSchemaObject>;
  const repo = p.repository!.properties as Record<string, JSONSchemaObject>;
  expect(repo.name!.enum).toBeUndefined();
  expect((repo.owner!.properties as Record<string, JSONSchemaObject>).login!.enum).toBeUndefined();
  for (const k of ['product', 'user', 'currency']) expect(p[k]!.enum, k).toBeUndefined();
  expect((p.modified!.items as JSONSchemaObject).enum).toBeUndefined();
  expect(p.funding!.enum).toEqual(['credit', 'debit']);
});
