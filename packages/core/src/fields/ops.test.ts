import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addField,
  createField,
  findField,
  moveField,
  nestFields,
  removeField,
  renameField,
  retypeField,
  schemaToFields,
  toggleNullable,
  toggleOptional,
  updateField,
  validateFields,
  wrapInArray,
  fieldsToSchema,
} from './index.js';
import type { Field, FieldList } from './model.js';
import { rootSchemaArb } from './schema-arbitrary.test-util.js';

function sample(): FieldList {
  return [
    createField({ name: 'email', type: 'email', stats: { seen: 3, total: 3 }, examples: ['a@b.co'] }),
    createField({
      name: 'user',
      type: 'object',
      properties: [createField({ name: 'firstName' }), createField({ name: 'age', type: 'integer', optional: true })],
    }),
    createField({ name: 'items', type: 'array', of: createField({ name: '', type: 'object', properties: [createField({ name: 'sku' })] }) }),
  ];
}

/** Every field in the tree (depth first), including array items. */
function all(list: readonly Field[]): Field[] {
  const out: Field[] = [];
  const walk = (fs: readonly Field[]) => {
    for (const f of fs) {
      out.push(f);
      if (f.properties) walk(f.properties);
      for (let it = f.of; it; it = it.of) {
        out.push(it);
        if (it.properties) walk(it.properties);
      }
    }
  };
  walk(list);
  return out;
}

const listArb = rootSchemaArb.map((s) => {
  const r = schemaToFields(s);
  if (!r.ok) throw new Error('arbitrary schema must convert');
  return r.value;
});

describe('edit operations', () => {
  it('never mutate their input and return it unchanged when invalid', () => {
    const list = sample();
    const frozen = JSON.stringify(list);
    const [email, user] = list;
    expect(renameField(list, email!.id, 'user')).toBe(list); // duplicate sibling name
    expect(renameField(list, email!.id, '')).toBe(list);
    expect(renameField(list, 'nope', 'x')).toBe(list);
    expect(addField(list, createField({ name: 'email' }))).toBe(list);
    expect(addField(list, createField({ name: 'x' }), { parentId: email!.id })).toBe(list); // not a container
    expect(moveField(list, user!.id, { parentId: user!.properties![0]!.id, index: 0 })).toBe(list);
    expect(moveField(list, user!.id, { parentId: user!.id, index: 0 })).toBe(list);
    expect(retypeField(list, email!.id, 'bogus' as never)).toBe(list);
    expect(nestFields(list, [email!.id, user!.properties![0]!.id], 'x')).toBe(list); // not siblings
    expect(nestFields(list, [email!.id], 'user')).toBe(list); // clash with a staying sibling
    toggleOptional(list, email!.id);
    updateField(list, email!.id, { label: 'E-mail' });
    expect(JSON.stringify(list)).toBe(frozen);
  });

  it('rename keeps stats and examples; renaming back restores the original', () => {
    fc.assert(
      fc.property(listArb, fc.nat(), fc.string({ minLength: 1, maxLength: 6 }), (list, pick, name) => {
        const fields = all(list).filter((f) => f.name !== '');
        if (fields.length === 0) return;
        const f = fields[pick % fields.length]!;
        const renamed = renameField(list, f.id, name);
        if (renamed === list) return;
        const loc = findField(renamed, f.id)!;
        expect(loc.field.name).toBe(name);
        expect(loc.field.stats).toEqual(f.stats);
        expect(loc.field.examples).toEqual(f.examples);
        expect(renameField(renamed, f.id, f.name)).toEqual(list);
      }),
      { numRuns: 200 },
    );
  });

  it('move preserves the multiset of fields', () => {
    fc.assert(
      fc.property(listArb, fc.nat(), fc.nat(), fc.integer({ min: -1, max: 6 }), (list, a, b, index) => {
        const fields = all(list);
        if (fields.length === 0) return;
        const f = fields[a % fields.length]!;
        const containers = fields.filter((c) => c.type === 'object' && c.properties);
        const parentId = b % (containers.length + 1) === 0 ? null : containers[(b % (containers.length + 1)) - 1]!.id;
        const moved = moveField(list, f.id, { parentId, index });
        const ids = (l: FieldList) => all(l).map((x) => x.id).sort();
        expect(ids(moved)).toEqual(ids(list));
        if (moved !== list) expect(findField(moved, f.id)!.parent?.id ?? null).toBe(parentId);
      }),
      { numRuns: 200 },
    );
  });

  it('add then remove is the identity; toggles are involutions', () => {
    fc.assert(
      fc.property(listArb, fc.nat(), (list, pick) => {
        const nf = createField({ name: '\u0000new' });
        const added = addField(list, nf, { index: pick % (list.length + 1) });
        expect(added.length).toBe(list.length + 1);
        expect(removeField(added, nf.id)).toEqual(list);
        const fields = all(list);
        if (fields.length === 0) return;
        const f = fields[pick % fields.length]!;
        expect(toggleOptional(toggleOptional(list, f.id), f.id)).toEqual(list);
        expect(toggleNullable(toggleNullable(list, f.id), f.id)).toEqual(list);
      }),
      { numRuns: 150 },
    );
  });

  it('works on array items and their properties', () => {
    const list = sample();
    const items = list[2]!;
    const itemId = items.of!.id;
    const withName = addField(list, createField({ name: 'name' }), { parentId: itemId });
    expect(findField(withName, items.id)!.field.of!.properties!.map((p) => p.name)).toEqual(['sku', 'name']);
    const viaArray = addField(list, createField({ name: 'qty', type: 'integer' }), { parentId: items.id, index: 0 });
    expect(viaArray[2]!.of!.properties!.map((p) => p.name)).toEqual(['qty', 'sku']);
    const retyped = retypeField(list, itemId, 'string');
    expect(retyped[2]!.of).toMatchObject({ type: 'string' });
    expect(retyped[2]!.of!.properties).toBeUndefined();
    expect(findField(list, items.of!.properties![0]!.id)!.path).toEqual(['items', 'sku']);
  });

  it('works through arrays of arrays: items at every level, and the properties of the innermost object', () => {
    // grid: { sku }[][]
    const inner = createField({ name: '', type: 'object', properties: [createField({ name: 'sku' })] });
    const mid = createField({ name: '', type: 'array', of: inner });
    const list: FieldList = [createField({ name: 'grid', type: 'array', of: mid })];
    const grid = list[0]!;
    expect(findField(list, mid.id)).toMatchObject({ field: mid, parent: grid, path: ['grid'] });
    expect(findField(list, inner.id)).toMatchObject({ field: inner, parent: mid, path: ['grid'] });
    expect(findField(list, inner.properties![0]!.id)).toMatchObject({ parent: inner, path: ['grid', 'sku'] });
    // Children go under the innermost object, whether the array or the item is named.
    const viaItem = addField(list, createField({ name: 'qty', type: 'integer' }), { parentId: inner.id });
    const viaArray = addField(list, createField({ name: 'qty', type: 'integer' }), { parentId: grid.id, index: 0 });
    expect(viaItem[0]!.of!.of!.properties!.map((p) => p.name)).toEqual(['sku', 'qty']);
    expect(viaArray[0]!.of!.of!.properties!.map((p) => p.name)).toEqual(['qty', 'sku']);
    // Rename, retype and update reach the nested item and its properties.
    const sku = inner.properties![0]!.id;
    expect(renameField(list, sku, 'code')[0]!.of!.of!.properties![0]!.name).toBe('code');
    const strings = retypeField(list, inner.id, 'string');
    expect(fieldsToSchema(strings).properties).toEqual({ grid: { type: 'array', items: { type: 'array', items: { type: 'string' } } } });
    const deeper = retypeField(list, inner.id, 'array');
    expect(deeper[0]!.of!.of!.type).toBe('array');
    expect(deeper[0]!.of!.of!.of).toMatchObject({ type: 'string' });
    expect(updateField(list, mid.id, { nullable: true })[0]!.of!.nullable).toBe(true);
    // Removing the nested item leaves an array of anything; the rest of the list is untouched.
    const removed = removeField(list, inner.id);
    expect(removed[0]!.of!.of).toBeUndefined();
    expect(list[0]!.of!.of).toBe(inner);
    // The round trip through JSON Schema keeps the levels.
    const r = schemaToFields(fieldsToSchema(viaItem));
    expect(r.ok && fieldsToSchema(r.value)).toEqual(fieldsToSchema(viaItem));
    // validateFields finds a duplicate inside, with one index per array level.
    const dup = addField(list, createField({ name: 'sku2' }), { parentId: inner.id });
    const clash = updateField(dup, dup[0]!.of!.of!.properties![1]!.id, { name: 'x' });
    const twice = updateField(clash, inner.properties![0]!.id, { name: 'x' });
    expect(twice).toBe(clash); // refused: a sibling has that name
    const bad = [{ ...grid, of: { ...mid, of: { ...inner, properties: [createField({ name: 'a' }), createField({ name: 'a' })] } } }];
    expect(validateFields(bad).map((i) => i.path)).toContainEqual(['grid', 0, 0, 'a']);
  });

  it('retype to array creates an item with an id; retype clears keywords that pinned the old type', () => {
    const list = [createField({ name: 'when', type: 'string', extra: { format: 'hostname', minLength: 2 } })];
    const arr = retypeField(list, list[0]!.id, 'array');
    expect(arr[0]!.of).toMatchObject({ type: 'string', name: '' });
    expect(arr[0]!.of!.id).toBeTruthy();
    expect(arr[0]!.extra).toEqual({ minLength: 2 });
    const dt = retypeField(list, list[0]!.id, 'date-time');
    expect(fieldsToSchema(dt).properties!.when).toEqual({ type: 'string', format: 'date-time', minLength: 2 });
  });

  it('nests siblings into an object and wraps a field in an array', () => {
    const list = sample();
    const nested = nestFields(list, [list[0]!.id, list[2]!.id], 'contact');
    expect(nested.map((f) => f.name)).toEqual(['contact', 'user']);
    expect(nested[0]!.properties!.map((f) => f.name)).toEqual(['email', 'items']);
    const wrapped = wrapInArray(list, list[0]!.id);
    expect(wrapped[0]).toMatchObject({ name: 'email', type: 'array', stats: { seen: 3, total: 3 }, of: { type: 'email', name: '' } });
    expect(fieldsToSchema(wrapped).properties!.email).toEqual({ type: 'array', items: { type: 'string', format: 'email', examples: ['a@b.co'] }, 'x-fieldkit-stats': { seen: 3, total: 3 } });
  });

  it('updateField patches attributes, refuses duplicate names and removes undefined keys', () => {
    const list = sample();
    const u = updateField(list, list[0]!.id, { label: 'E-mail', hint: 'who', nullable: true, enum: ['a@b.co'] });
    expect(u[0]).toMatchObject({ label: 'E-mail', hint: 'who', nullable: true, enum: ['a@b.co'] });
    expect(updateField(list, list[0]!.id, { name: 'user' })).toBe(list);
    const cleared = updateField(u, list[0]!.id, { label: undefined });
    expect('label' in cleared[0]!).toBe(false);
  });
});

describe('validateFields', () => {
  it('reports duplicates, empty names and whitespace with paths', () => {
    const list: FieldList = [
      createField({ name: 'a' }),
      createField({ name: 'a' }),
      createField({ name: '' }),
      createField({ name: 'obj', type: 'object', properties: [createField({ name: ' plan ' }), createField({ name: 'email\u200b' })] }),
    ];
    const issues = validateFields(list);
    expect(issues.map((i) => [i.code, i.severity, i.path])).toEqual([
      ['fields/duplicate-name', 'error', ['a']],
      ['fields/empty-name', 'error', []],
      ['fields/whitespace', 'warning', ['obj', ' plan ']],
      ['fields/invisible', 'warning', ['obj', 'email\u200b']],
    ]);
    expect(issues[3]!.message).toBe('The name "email\\u200B" contains an invisible or control character.');
    expect(validateFields(sample())).toEqual([]);
  });
});
