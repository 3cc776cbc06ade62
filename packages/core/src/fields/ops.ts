import type { Field, FieldList, FieldType } from './model.js';
import { FORMAT_TYPES, createField, isFieldType } from './create.js';
import { ownKeys } from './schema-util.js';

/**
 * Edit operations on a field list. All are pure: they return a new list (unchanged subtrees are
 * shared) and never mutate their input. Fields are addressed by id. An operation that can't apply
 * (unknown id, duplicate sibling name, moving a field into itself…) returns the input list itself,
 * so `next === list` tells a caller that nothing happened.
 */

/** Where a field sits: the field, its parent (the object field or array item holding it; for an array item, the array; null at the root) and the names on the way. */
export interface FieldLocation {
  field: Field;
  parent: Field | null;
  /** Names from the root to the field (array items are not named: their fields continue the array's path). */
  path: string[];
  /** Position among its siblings. */
  index: number;
}

/**
 * The item an array finally holds, through arrays of arrays (`number[][]` → the number item), or
 * undefined when some level's item is unset; a non-array field is its own item.
 */
export function innermostItem(f: Field): Field | undefined {
  let it: Field | undefined = f;
  while (it !== undefined && it.type === 'array') it = it.of;
  return it;
}

/** Children of a container: an object's properties, or the properties of an array's (arrays' …) object items. */
function childrenOf(f: Field): Field[] | undefined {
  const inner = innermostItem(f);
  return inner !== undefined && inner.type === 'object' ? inner.properties : undefined;
}

function withChildren(f: Field, children: Field[]): Field {
  if (f.type === 'object') return { ...f, properties: children };
  if (f.type === 'array' && f.of) return { ...f, of: withChildren(f.of, children) };
  return f;
}

/** Find a field by id anywhere in the tree (objects and arrays of objects). */
export function findField(list: FieldList, id: string): FieldLocation | undefined {
  const walk = (fields: readonly Field[], parent: Field | null, path: string[]): FieldLocation | undefined => {
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      if (f.id === id) return { field: f, parent, path: [...path, f.name], index: i };
      const kids = childrenOf(f);
      if (kids) {
        const hit = walk(kids, innermostItem(f)!, [...path, f.name]);
        if (hit) return hit;
      }
      // Array items, through arrays of arrays: each item's parent is the array holding it.
      for (let holder = f, it = f.type === 'array' ? f.of : undefined; it !== undefined; holder = it, it = it.type === 'array' ? it.of : undefined) {
        if (it.id === id) return { field: it, parent: holder, path: [...path, f.name], index: 0 };
      }
    }
    return undefined;
  };
  return walk(list, null, []);
}

/** Apply `fn` to the sibling list containing `parentId`'s children (root when null). */
function mapSiblings(list: FieldList, parentId: string | null, fn: (siblings: Field[]) => Field[] | undefined): FieldList {
  if (parentId === null) return fn(list) ?? list;
  let changed = false;
  const walk = (fields: Field[]): Field[] => {
    let out: Field[] | undefined;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      let next = f;
      const kids = childrenOf(f);
      if (f.id === parentId || (f.type === 'array' && innermostItem(f)?.id === parentId)) {
        if (kids) {
          const r = fn(kids);
          if (r) {
            next = withChildren(f, r);
            changed = true;
          }
        }
      } else if (kids) {
        const r = walk(kids);
        if (r !== kids) next = withChildren(f, r);
      }
      if (next !== f) {
        out ??= fields.slice();
        out[i] = next;
      }
    }
    return out ?? fields;
  };
  const r = walk(list);
  return changed ? r : list;
}

/** Replace the field with `id` by `fn(field)` (undefined = refuse). */
function mapField(list: FieldList, id: string, fn: (f: Field, siblings: Field[]) => Field | undefined): FieldList {
  const loc = findField(list, id);
  if (!loc) return list;
  if (loc.parent && loc.parent.type === 'array' && loc.parent.of?.id === id) {
    const item = fn(loc.field, []);
    if (!item) return list;
    return mapField(list, loc.parent.id, (p) => ({ ...p, of: item }));
  }
  return mapSiblings(list, loc.parent ? loc.parent.id : null, (sibs) => {
    const i = sibs.findIndex((s) => s.id === id);
    if (i < 0) return undefined;
    const next = fn(sibs[i]!, sibs);
    if (!next) return undefined;
    const out = sibs.slice();
    out[i] = next;
    return out;
  });
}

function nameTaken(siblings: readonly Field[], name: string, exceptId?: string): boolean {
  return siblings.some((s) => s.name === name && s.id !== exceptId);
}

/**
 * Add a field under `at.parentId` (an object field, or an array of objects; root when null/absent)
 * at `at.index` (end when absent; clamped). Refused when a sibling already has that name, the id is
 * already used, or the parent can't hold fields.
 */
export function addField(list: FieldList, field: Field, at: { parentId?: string | null; index?: number } = {}): FieldList {
  if (typeof field.name !== 'string' || findField(list, field.id)) return list;
  const parentId = at.parentId ?? null;
  if (parentId !== null) {
    const p = findField(list, parentId);
    if (!p) return list;
    const f = p.field;
    if (innermostItem(f)?.type !== 'object') return list;
    if (f.type === 'object' && !f.properties) return mapField(list, parentId, (pf) => (nameTaken([], field.name) ? undefined : { ...pf, properties: [field] }));
  }
  return mapSiblings(list, parentId, (sibs) => {
    if (nameTaken(sibs, field.name)) return undefined;
    const i = at.index === undefined ? sibs.length : Math.max(0, Math.min(sibs.length, Math.trunc(at.index)));
    const out = sibs.slice();
    out.splice(i, 0, field);
    return out;
  });
}

/** Remove the field with `id` (and its children). */
export function removeField(list: FieldList, id: string): FieldList {
  const loc = findField(list, id);
  if (!loc) return list;
  if (loc.parent?.type === 'array' && loc.parent.of?.id === id) return mapField(list, loc.parent.id, (p) => ({ ...p, of: undefined }));
  return mapSiblings(list, loc.parent ? loc.parent.id : null, (sibs) => sibs.filter((s) => s.id !== id));
}

/** Rename a field. Stats and examples stay. Refused for a name a sibling already has or an empty name. */
export function renameField(list: FieldList, id: string, name: string): FieldList {
  if (typeof name !== 'string' || name === '') return list;
  return mapField(list, id, (f, sibs) => (f.name === name ? undefined : nameTaken(sibs, name, id) ? undefined : { ...f, name }));
}

/** Keywords in `extra` that pin a type; they go when a person picks a new type. */
const TYPE_KEYWORDS = ['type', 'format', 'anyOf', 'oneOf', 'const', 'items', 'prefixItems', 'properties', 'additionalProperties', 'required'];

/**
 * Change a field's type. Going to `object` starts an empty property list (kept when the field was
 * already an object); going to `array` keeps nothing of the old item; formats (`date-time`…) are types.
 * Extra keywords that pinned the old type (`type`, `format`, `anyOf`…) are dropped; others stay.
 */
export function retypeField(list: FieldList, id: string, type: FieldType): FieldList {
  if (!isFieldType(type)) return list;
  return mapField(list, id, (f) => {
    if (f.type === type && !(f.extra && TYPE_KEYWORDS.some((k) => f.extra && Object.prototype.hasOwnProperty.call(f.extra, k)))) return undefined;
    const next: Field = { ...f, type };
    if (type !== 'object') delete next.properties;
    else next.properties = f.type === 'object' && f.properties ? f.properties : [];
    if (type !== 'array') delete next.of;
    else if (f.type !== 'array' || !f.of) next.of = createField({ name: '', type: 'string' });
    if (f.extra) {
      const extra: typeof f.extra = {};
      for (const k of ownKeys(f.extra)) if (!TYPE_KEYWORDS.includes(k)) Object.defineProperty(extra, k, { value: f.extra[k], enumerable: true, writable: true, configurable: true });
      if (ownKeys(extra).length > 0) next.extra = extra;
      else delete next.extra;
    }
    if (next.enum && baseOf(type) !== baseOf(f.type)) delete next.enum;
    return next;
  });
}

function baseOf(t: FieldType): string {
  return FORMAT_TYPES[t] ?? t;
}

/**
 * Change a field's editable attributes (label, hint, optional, nullable, enum, examples, extra…).
 * A `name` in the patch goes through the same duplicate check as {@link renameField}; a `type`
 * through {@link retypeField}. `id` can't be patched.
 */
export function updateField(list: FieldList, id: string, patch: Partial<Omit<Field, 'id'>>): FieldList {
  const loc = findField(list, id);
  if (!loc || typeof patch !== 'object' || patch === null) return list;
  let next = list;
  const { name, type, ...rest } = patch as Partial<Field>;
  delete (rest as Partial<Field>).id;
  if (name !== undefined && name !== loc.field.name) {
    next = renameField(next, id, name);
    if (next === list) return list;
  }
  if (type !== undefined && type !== loc.field.type) {
    const r = retypeField(next, id, type);
    if (r === next) return list;
    next = r;
  }
  if (Object.keys(rest).length === 0) return next;
  return mapField(next, id, (f) => {
    const out: Field = { ...f };
    for (const k of Object.keys(rest) as (keyof Field)[]) {
      const v = rest[k as keyof typeof rest];
      if (v === undefined) delete out[k];
      else (out as unknown as Record<string, unknown>)[k] = v;
    }
    return out;
  });
}

/** Flip `optional` (required ↔ optional). */
export function toggleOptional(list: FieldList, id: string): FieldList {
  return mapField(list, id, (f) => ({ ...f, optional: !f.optional }));
}

/** Flip `nullable`. */
export function toggleNullable(list: FieldList, id: string): FieldList {
  return mapField(list, id, (f) => ({ ...f, nullable: !f.nullable }));
}

/**
 * Move a field to `to.parentId` (root when null) at `to.index` (position in the list after the
 * field has been taken out; clamped). Refused when the target is the field itself or inside it,
 * or when a sibling there already has the name.
 */
export function moveField(list: FieldList, id: string, to: { parentId: string | null; index: number }): FieldList {
  const loc = findField(list, id);
  if (!loc || (loc.parent?.type === 'array' && loc.parent.of?.id === id)) return list;
  if (to.parentId !== null) {
    if (to.parentId === id || findField([loc.field], to.parentId)) return list;
    if (!findField(list, to.parentId)) return list;
  }
  const removed = removeField(list, id);
  const added = addField(removed, loc.field, { parentId: to.parentId, index: to.index });
  return added === removed ? list : added;
}

/**
 * Wrap sibling fields into a new object field called `name`, placed where the first of them was.
 * Refused unless all ids are siblings, or when `name` clashes with a sibling that stays.
 */
export function nestFields(list: FieldList, ids: string[], name: string): FieldList {
  if (ids.length === 0 || typeof name !== 'string' || name === '') return list;
  const locs = ids.map((i) => findField(list, i));
  if (locs.some((l) => !l)) return list;
  const parent = locs[0]!.parent;
  if (locs.some((l) => l!.parent?.id !== parent?.id || (l!.parent?.type === 'array' && l!.parent.of?.id === l!.field.id))) return list;
  const set = new Set(ids);
  return mapSiblings(list, parent ? parent.id : null, (sibs) => {
    if (sibs.some((s) => !set.has(s.id) && s.name === name)) return undefined;
    const first = sibs.findIndex((s) => set.has(s.id));
    const moved = sibs.filter((s) => set.has(s.id));
    const wrapper = createField({ name, type: 'object', properties: moved });
    const out = sibs.filter((s) => !set.has(s.id));
    out.splice(first, 0, wrapper);
    return out;
  });
}

/**
 * Turn a field into an array of what it was: `tags: string` → `tags: string[]`. The old field
 * (type, children, enum, format, extra) becomes the item; name, label, hint, optional, stats stay on the array.
 */
export function wrapInArray(list: FieldList, id: string): FieldList {
  return mapField(list, id, (f) => {
    const item: Field = { ...f, name: '', optional: false, id: createField({ name: '' }).id };
    delete item.label;
    delete item.hint;
    delete item.stats;
    const arr: Field = { id: f.id, name: f.name, type: 'array', optional: f.optional, nullable: false, of: item };
    if (f.label !== undefined) arr.label = f.label;
    if (f.hint !== undefined) arr.hint = f.hint;
    if (f.stats !== undefined) arr.stats = f.stats;
    return arr;
  });
}
