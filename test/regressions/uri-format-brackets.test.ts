/**
 * Bug: the inferrer wrote `format: "uri"` for GitHub bot URLs such as
 * `https://api.github.com/users/dependabot[bot]`, which ajv-formats' `uri` rejects (square brackets
 * are legal only around an IP-literal host), so samples failed the schema inferred from them.
 * A format may be written only when the validator accepts every value it was inferred from.
 */
import { describe, expect, it } from 'vitest';
import { inferSchema, isUri, type JSONSchemaObject } from '@fieldkit/core';
import { failingSamples } from '../helpers/ajv.js';

const URLS_AJV_REJECTS = [
  'https://api.github.com/users/dependabot[bot]',
  'https://api.github.com/users/dependabot[bot]/repos',
  'https://shop.example.com/search?filter[status]=open&page[size]=10',
];

describe('uri format and square brackets', () => {
  for (const url of URLS_AJV_REJECTS) {
    it(`no uri format for ${url}`, () => {
      expect(isUri(url)).toBe(false);
      const samples = [{ url }, { url }, { url: 'https://api.github.com/users/octocat' }];
      const schema = inferSchema(samples);
      expect(((schema.properties as Record<string, JSONSchemaObject>).url).format).toBeUndefined();
      expect(failingSamples(schema, samples)).toEqual([]);
    });
  }

  it('still writes uri for percent-encoded brackets (what GitHub really sends)', () => {
    const samples = [{ url: 'https://api.github.com/users/dependabot%5Bbot%5D' }, { url: 'https://api.github.com/users/renovate%5Bbot%5D/repos' }];
    const schema = inferSchema(samples);
    expect(((schema.properties as Record<string, JSONSchemaObject>).url).format).toBe('uri');
    expect(failingSamples(schema, samples)).toEqual([]);
  });
});
