import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkKeys, createField, damerau, findNearMiss, formatIssue, NearMissIndex } from '../index.js';
import type { FieldList } from './model.js';

const fields: FieldList = [
  createField({ name: 'firstName' }),
  createField({ name: 'email', type: 'email' }),
  createField({ name: 'signup_date', type: 'date-time-space', optional: true }),
  createField({ name: 'Plan Type', optional: true }),
  createField({ name: 'phoneNumber', optional: true }),
  createField({ name: 'age', type: 'integer', optional: true }),
  createField({
    name: 'address',
    type: 'object',
    optional: true,
    properties: [createField({ name: 'city' }), createField({ name: 'zip', optional: true })],
  }),
  createField({
    name: 'items',
    type: 'array',
    optional: true,
    of: createField({ name: '', type: 'object', properties: [createField({ name: 'sku' }), createField({ name: 'price', type: 'number' })] }),
  }),
];

const messages = (payload: unknown, profile?: 'iterable') => checkKeys(fields, payload, { profile }).map((i) => [i.code, i.path, i.message, i.suggestion]);

describe('checkKeys: near misses users will read', () => {
  it('snake_case vs camelCase', () => {
    expect(messages({ first_name: 'Ada', email: 'a@b.co' })).toEqual([
      ['keys/near-miss', ['first_name'], 'Key "first_name" is not a field; did you mean "firstName"? (snake_case vs camelCase)', 'firstName'],
    ]);
  });

  it('different case, kebab-case, spaces', () => {
    expect(messages({ FirstName: 'Ada', Email: 'x', 'phone-number': '1', plan_type: 'pro' })).toEqual([
      ['keys/near-miss', ['FirstName'], 'Key "FirstName" is not a field; did you mean "firstName"? (different case)', 'firstName'],
      ['keys/near-miss', ['Email'], 'Key "Email" is not a field; did you mean "email"? (different case)', 'email'],
      ['keys/near-miss', ['phone-number'], 'Key "phone-number" is not a field; did you mean "phoneNumber"? (kebab-case vs camelCase)', 'phoneNumber'],
      ['keys/near-miss', ['plan_type'], 'Key "plan_type" is not a field; did you mean "Plan Type"? (snake_case vs spaces)', 'Plan Type'],
    ]);
  });

  it('whitespace: leading/trailing and inside', () => {
    expect(messages({ firstName: 'A', 'email ': 'x', 'Plan  Type': 'p' })).toEqual([
      ['keys/near-miss', ['email '], 'Key "email " is not a field; did you mean "email"? (leading/trailing whitespace)', 'email'],
      ['keys/near-miss', ['Plan  Type'], 'Key "Plan  Type" is not a field; did you mean "Plan Type"? (extra or unusual whitespace inside)', 'Plan Type'],
    ]);
  });

  it('invisible and look-alike characters are shown visibly', () => {
    expect(messages({ firstName: 'A', 'email\u200b': 'x' })).toEqual([
      ['keys/near-miss', ['email\u200b'], 'Key "email\\u200B" is not a field; did you mean "email"? (invisible character U+200B)', 'email'],
    ]);
    expect(messages({ firstName: 'A', 'еmail': 'x' })[0]![2]).toBe(
      'Key "еmail" is not a field; did you mean "email"? (Cyrillic "е" (U+0435) instead of Latin "e")',
    );
    expect(messages({ firstName: 'A', 'ｅｍａｉｌ': 'x' })[0]![2]).toBe('Key "ｅｍａｉｌ" is not a field; did you mean "email"? (fullwidth characters)');
    expect(messages({ firstName: 'A', 'e\u00a0mail': 'x' })[0]![2]).toBe('Key "e\\u00A0mail" is not a field; did you mean "email"? (unusual space U+00A0, spaces vs lowercase)');
    expect(messages({ firstName: 'A', firstname: 'x' })[0]![2]).toBe('Key "firstname" is not a field; did you mean "firstName"? (different case) (the payload also has "firstName")');
  });

  it('typos at Damerau distance 1–2, never for short or distant names', () => {
    expect(messages({ fristName: 'A', emial: 'x' })).toEqual([
      ['keys/near-miss', ['fristName'], 'Key "fristName" is not a field; did you mean "firstName"? (typo? 1 character different)', 'firstName'],
      ['keys/near-miss', ['emial'], 'Key "emial" is not a field; did you mean "email"? (typo? 1 character different)', 'email'],
    ]);
    expect(messages({ firstName: 'A', email: 'x', phoneNmbr: '1' })[0]![2]).toBe('Key "phoneNmbr" is not a field; did you mean "phoneNumber"? (typo? 2 characters different)');
    expect(messages({ firstName: 'A', email: 'x', ag: 1, completelyDifferent: 1 })).toEqual([
      ['keys/unknown', ['ag'], 'Key "ag" is not a field.', undefined],
      ['keys/unknown', ['completelyDifferent'], 'Key "completelyDifferent" is not a field.', undefined],
    ]);
  });

  it('reports missing required fields and recurses into objects and arrays of objects', () => {
    expect(messages({ address: { City: 'X' }, items: [{ sku: 'a', price: 1 }, { SKU: 'b' }] })).toEqual([
      ['keys/near-miss', ['address', 'City'], 'Key "City" is not a field; did you mean "city"? (different case)', 'city'],
      ['keys/near-miss', ['items', 1, 'SKU'], 'Key "SKU" is not a field; did you mean "sku"? (different case)', 'sku'],
      ['keys/missing', ['items', 1, 'price'], 'Required field "price" is missing.', undefined],
      ['keys/missing', ['firstName'], 'Required field "firstName" is missing.', undefined],
      ['keys/missing', ['email'], 'Required field "email" is missing.', undefined],
    ]);
  });

  it('an exact payload has no issues; names are never normalised', () => {
    expect(checkKeys(fields, { firstName: 'A', email: 'a@b.co', 'Plan Type': 'p', address: { city: 'c' }, items: [] })).toEqual([]);
    const exact = checkKeys([createField({ name: 'first_name' }), createField({ name: 'firstName' })], { first_name: 1, firstName: 2 });
    expect(exact).toEqual([]);
  });

  it('reads well through formatIssue', () => {
    const [i] = checkKeys(fields, { first_name: 'Ada', email: 'a@b.co' });
    expect(formatIssue(i!)).toContain('error: Key "first_name" is not a field; did you mean "firstName"? (snake_case vs camelCase) at $.first_name');
  });

  it('treats __proto__ and constructor keys as data', () => {
    const payload = JSON.parse('{"__proto__": {"x": 1}, "constructor": 1, "firstName": "a", "email": "e"}');
    expect(checkKeys(fields, payload).map((i) => [i.code, i.path])).toEqual([
      ['keys/unknown', ['__proto__']],
      ['keys/unknown', ['constructor']],
    ]);
  });

  it('refuses a payload that is not an object', () => {
    expect(checkKeys(fields, [1])[0]).toMatchObject({ code: 'keys/not-object', message: 'The payload must be a JSON object to compare its keys with the fields, not an array.' });
  });
});

describe('checkKeys: Iterable profile', () => {
  it('reports a value whose type differs from the field type and accepts Iterable dates', () => {
    const r = checkKeys(fields, { firstName: 'A', email: 'a@b.co', age: '42', signup_date: '2024-05-01 12:00:00 +00:00', items: [{ sku: 's', price: '9.5' }] }, { profile: 'iterable' });
    expect(r.map((i) => [i.code, i.path, i.message])).toEqual([
      ['keys/type-change', ['age'], 'Field "age" is an integer (long) (Iterable fixes a field\'s type by its first value), but this value is a string ("42").'],
      ['keys/type-change', ['items', 1 - 1, 'price'], 'Field "price" is a number (double) (Iterable fixes a field\'s type by its first value), but this value is a string ("9.5").'],
    ]);
    const bad = checkKeys(fields, { firstName: 'A', email: 'a@b.co', signup_date: '05/01/2024' }, { profile: 'iterable' });
    expect(bad.map((i) => i.code)).toEqual(['keys/type-change']);
    expect(checkKeys(fields, { firstName: 'A', email: 'a@b.co', signup_date: '2024-05-01T12:00:00Z' }, { profile: 'iterable' })).toEqual([]);
  });

  it('tells that a near miss would create a second field', () => {
    const [i] = checkKeys(fields, { firstname: 'A', email: 'a@b.co' }, { profile: 'iterable' });
    expect(i!.message).toBe('Key "firstname" is not a field; did you mean "firstName"? (different case) Iterable names are exact: this would create a second field.');
  });
});

describe('findNearMiss', () => {
  it('prefers the closest name', () => {
    expect(findNearMiss('emails', ['email', 'emailz2'])?.name).toBe('email');
    expect(findNearMiss('x', ['y'])).toBeUndefined();
  });
});

describe('NearMissIndex', () => {
  it('finds the same closest typo distance as a brute-force scan (indexed path, ≥48 names)', () => {
    const name = fc.stringMatching(/^[a-z]{6,10}$/);
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 60, maxLength: 80 }), fc.nat(), fc.nat(), fc.constantFrom('del', 'ins', 'sub', 'swap'), (names, pick, pos, op) => {
        const base = names[pick % names.length]!;
        const i = pos % (base.length - 1);
        const key =
          op === 'del' ? base.slice(0, i) + base.slice(i + 1) : op === 'ins' ? base.slice(0, i) + 'q' + base.slice(i) : op === 'sub' ? base.slice(0, i) + (base[i] === 'z' ? 'y' : 'z') + base.slice(i + 1) : base.slice(0, i) + base[i + 1] + base[i] + base.slice(i + 2);
        if (names.includes(key)) return;
        const found = new NearMissIndex(names).find(key);
        const brute = Math.min(...names.filter((n) => n !== key).map((n) => damerau(key, n)));
        expect(found).toBeDefined();
        expect(damerau(key, found!.name)).toBe(brute);
      }),
      { numRuns: 150 },
    );
  });
});
