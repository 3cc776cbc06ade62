import { describe, expect, it } from 'vitest';
import * as root from './index.js';
import * as inferOnly from './infer-only.js';

describe('@fieldkit/core/infer', () => {
  it('re-exports the inference API as the very same functions as the root entry', () => {
    for (const name of ['createInferrer', 'inferrerFromState', 'inferSchema', 'inferSchemaFromText', 'tryInferSchemaFromText', 'issue', 'formatIssue', 'ok', 'fail'] as const) {
      expect(typeof inferOnly[name]).toBe('function');
      expect(inferOnly[name]).toBe(root[name]);
    }
  });

  it('leaves out the field-list and request-body modules', () => {
    const names = new Set(Object.keys(inferOnly));
    expect(names.has('schemaToFields')).toBe(false);
    expect(names.has('buildRequestBody')).toBe(false);
    expect(Object.keys(root)).toEqual(expect.arrayContaining(['schemaToFields', 'buildRequestBody']));
  });
});
