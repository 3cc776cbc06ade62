import type { FieldType, PathSegment } from '@fieldkit/core';

/**
 * A form's values: a tree mirroring the fields (objects keyed by exact field names, arrays as
 * arrays, leaves as what inputs hold). Objects are built with defineProperty on null-prototype
 * objects, so keys like `__proto__` are plain data.
 */
export type FormValue = string | number | boolean | null | undefined | FormValue[] | FormObject;
/** An object node of a {@link FormValue} tree. */
export interface FormObject {
  [key: string]: FormValue;
}

function isObject(v: unknown): v is FormObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function define(o: FormObject, key: string, value: FormValue): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A new null-prototype object holding the same own enumerable entries as `o`. */
function cloneObject(o: FormObject | undefined): FormObject {
  const out = Object.create(null) as FormObject;
  if (o) for (const k of Object.keys(o)) define(out, k, o[k]);
  return out;
}

/** Read the value at `path` (undefined when absent). */
export function getIn(root: FormValue, path: readonly PathSegment[]): FormValue {
  let cur: FormValue = root;
  for (const seg of path) {
    if (typeof seg === 'number') cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = isObject(cur) && Object.prototype.hasOwnProperty.call(cur, seg) ? cur[seg] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** A copy of `root` with `value` at `path`, creating objects/arrays on the way; `undefined` deletes. */
export function setIn(root: FormValue, path: readonly PathSegment[], value: FormValue): FormValue {
  if (path.length === 0) return value;
  const [seg, ...rest] = path as [PathSegment, ...PathSegment[]];
  if (typeof seg === 'number') {
    const arr = Array.isArray(root) ? root.slice() : [];
    arr[seg] = setIn(arr[seg], rest, value);
    return arr;
  }
  const obj = cloneObject(isObject(root) ? root : undefined);
  const next = setIn(isObject(root) && Object.prototype.hasOwnProperty.call(root, seg) ? root[seg] : undefined, rest, value);
  if (next === undefined) delete obj[seg];
  else define(obj, seg, next);
  return obj;
}

/** A copy of `root` with the array item at `path` + `index` removed. */
export function removeAt(root: FormValue, path: readonly PathSegment[], index: number): FormValue {
  const arr = getIn(root, path);
  if (!Array.isArray(arr)) return root;
  return setIn(root, path, arr.filter((_, i) => i !== index));
}

/** The HTML input a field type is edited with. */
export function inputKind(type: FieldType): 'text' | 'email' | 'url' | 'number' | 'date' | 'time' | 'datetime-local' | 'checkbox' | 'json' | 'null' {
  switch (type) {
    case 'email':
      return 'email';
    case 'uri':
      return 'url';
    case 'integer':
    case 'number':
      return 'number';
    case 'date':
      return 'date';
    case 'time':
      return 'time';
    case 'date-time':
    case 'iso-date-time':
    case 'date-time-space':
    case 'unix-time':
    case 'unix-time-ms':
      return 'datetime-local';
    case 'boolean':
      return 'checkbox';
    case 'any':
    case 'object':
    case 'array':
      return 'json';
    case 'null':
      return 'null';
    default:
      return 'text';
  }
}

const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?$/;

/**
 * Turn what a date/time picker holds into the text (or number) the field's format wants.
 * Pickers give local wall-clock time without offset (`2024-05-01T09:30`): `date-time`,
 * `date-time-space` and unix times read it in the browser's time zone (and write UTC);
 * `iso-date-time` keeps the wall clock; `time` gets a `Z`.
 * Anything that isn't a picker value is returned unchanged (the core reports it).
 */
export function pickerToValue(type: FieldType, raw: string): string | number {
  if (type === 'time') return /^\d{2}:\d{2}$/.test(raw) ? `${raw}:00Z` : /^\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(raw) ? `${raw}Z` : raw;
  const m = LOCAL.exec(raw);
  if (!m) return raw;
  const wall = `${m[1]}T${m[2]}${m[3] ?? ':00'}`;
  switch (type) {
    case 'iso-date-time':
      return wall;
    case 'date-time-space': {
      // Iterable's style: UTC with an explicit offset, `2024-05-01 12:00:00 +00:00`.
      const t = new Date(wall).getTime();
      return Number.isNaN(t) ? raw : `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} +00:00`;
    }
    case 'date-time':
    case 'unix-time':
    case 'unix-time-ms': {
      const t = new Date(wall).getTime();
      if (Number.isNaN(t)) return raw;
      if (type === 'unix-time') return Math.floor(t / 1000);
      if (type === 'unix-time-ms') return t;
      return new Date(t).toISOString();
    }
    default:
      return raw;
  }
}

/** Key of a data path for matching issues to inputs (indices included). */
export function dataPathKey(path: readonly PathSegment[]): string {
  return JSON.stringify(path);
}
