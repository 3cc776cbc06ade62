import { describe, expect, it } from 'vitest';
import type { JSONSchemaObject } from '@fieldkit/core';
import { createDriftChecker, findDrift } from './drift.js';

const schema: JSONSchemaObject = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    email: { type: 'string' },
    count: { type: 'integer' },
    price: { type: 'number' },
    note: { type: ['string', 'null'] },
    items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] } },
    dataFields: { type: 'object', additionalProperties: { type: 'string' } },
  },
  required: ['email', 'count'],
};

describe('findDrift', () => {
  it('finds nothing in a conforming payload (integers are numbers, null where nullable)', () => {
    expect(findDrift(schema, { email: 'a', count: 1, price: 3, note: null, items: [{ sku: 'x' }], dataFields: { any: 'thing' } })).toEqual([]);
  });

  it('reports added fields, changed types and missing required fields with paths', () => {
    const d = findDrift(schema, { email: 5, price: 'free', campaignId: 7, items: [{ sku: 'a', qty: 1 }, { qty: 2 }] });
    const byKind = (k: string) => d.filter((x) => x.kind === k).map((x) => x.path);
    expect(byKind('added').sort()).toEqual([['campaignId'], ['items', 0, 'qty']]);
    expect(byKind('type-changed')).toEqual(expect.arrayContaining([['email'], ['price']]));
    expect(byKind('missing')).toEqual(expect.arrayContaining([['count'], ['items', 1, 'sku']]));
    expect(d.find((x) => x.path[0] === 'email')).toMatchObject({ expected: 'string', actual: 'integer' });
  });

  it('reports a new field in array elements once, not once per element', () => {
    const d = findDrift(schema, { email: 'a', count: 1, items: Array.from({ length: 100 }, () => ({ sku: 's', extra: 1 })) });
    expect(d).toHaveLength(1);
  });

  it('treats __proto__ and constructor as plain keys', () => {
    const payload = JSON.parse('{"email":"a","count":1,"__proto__":{"x":1},"constructor":2}') as unknown;
    expect(findDrift(schema, payload).map((x) => x.path)).toEqual(expect.arrayContaining([['__proto__'], ['constructor']]));
    const protoSchema = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}}}') as JSONSchemaObject;
    expect(findDrift(protoSchema, JSON.parse('{"__proto__":1}'))).toMatchObject([{ kind: 'type-changed', path: ['__proto__'] }]);
  });

  it('picks the variant of a discriminated schema and flags unknown event types', () => {
    const disc: JSONSchemaObject = {
      'x-fieldkit-discriminator': 'eventName',
      oneOf: [{ $ref: '#/$defs/EmailSend' }, { $ref: '#/$defs/EmailOpen' }],
      $defs: {
        EmailSend: { type: 'object', properties: { eventName: { const: 'emailSend' }, campaignId: { type: 'integer' } }, required: ['eventName', 'campaignId'] },
        EmailOpen: { type: 'object', properties: { eventName: { const: 'emailOpen' }, ip: { type: 'string' } }, required: ['eventName'] },
      },
    };
    expect(findDrift(disc, { eventName: 'emailOpen', ip: '1.2.3.4' })).toEqual([]);
    expect(findDrift(disc, { eventName: 'emailSend' })).toMatchObject([{ kind: 'missing', path: ['campaignId'] }]);
    expect(findDrift(disc, { eventName: 'smsSend' })).toMatchObject([{ kind: 'unknown-type', actual: '"smsSend"' }]);
  });

  it('stops at maxItems', () => {
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    expect(findDrift(schema, { email: 'a', count: 1, ...wide }, { maxItems: 10 })).toHaveLength(10);
  });
});

describe('createDriftChecker', () => {
  it('adds validator constraints (enum, format) the structural walk does not see, once per path', () => {
    const s: JSONSchemaObject = {
      type: 'object',
      properties: { plan: { type: 'string', enum: ['free', 'pro'] }, email: { type: 'string', format: 'email' }, n: { type: 'integer' } },
      required: ['plan'],
    };
    const check = createDriftChecker(s);
    expect(check({ plan: 'pro', email: 'a@b.io', n: 1 })).toEqual([]);
    const d = check({ plan: 'enterprise', email: 'not-an-email', n: 'x', extra: true });
    expect(d.filter((x) => x.kind === 'constraint').map((x) => x.path)).toEqual(expect.arrayContaining([['plan'], ['email']]));
    // n is reported once, as type-changed, not again by the validator.
    expect(d.filter((x) => x.path[0] === 'n')).toMatchObject([{ kind: 'type-changed' }]);
    expect(d.find((x) => x.path[0] === 'extra')?.kind).toBe('added');
  });
});
