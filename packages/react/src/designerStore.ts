import {
  addField,
  createField,
  moveField,
  nestFields,
  removeField,
  renameField,
  retypeField,
  toggleNullable,
  toggleOptional,
  updateField,
  wrapInArray,
} from '@fieldkit/core';
import type { Field, FieldList, FieldType } from '@fieldkit/core';

/** Options of {@link createDesignerStore}. */
export interface DesignerStoreOptions {
  /** How many undo steps are kept; older steps are dropped. */
  historyLimit?: number;
}

/** Defaults of {@link DesignerStoreOptions}. */
export const DEFAULT_DESIGNER_STORE_OPTIONS: Required<DesignerStoreOptions> = {
  historyLimit: 100,
};

/** What the store holds: the current list plus bounded undo/redo stacks. */
export interface DesignerState {
  fields: FieldList;
  /** Older lists, oldest first. */
  past: FieldList[];
  /** Lists undone, the next redo last. */
  future: FieldList[];
}

/** Where a field goes: a parent (null = root; an object field's id, or an array's item id) and an index in it. */
export interface FieldPlace {
  parentId: string | null;
  index: number;
}

/**
 * The edit actions a designer offers. Every action applies a pure operation of
 * `@fieldkit/core` to the current list; an operation that changes nothing (an unknown id,
 * an invalid move) records no history and calls no onChange.
 */
export interface DesignerActions {
  /** Add a field (a fresh `createField` when given a partial) at a place; default: end of the root. */
  add(field: Partial<Field> & { name: string }, at?: { parentId?: string | null; index?: number }): Field;
  remove(id: string): void;
  rename(id: string, name: string): void;
  retype(id: string, type: FieldType): void;
  update(id: string, patch: Partial<Omit<Field, 'id'>>): void;
  toggleOptional(id: string): void;
  toggleNullable(id: string): void;
  move(id: string, to: FieldPlace): void;
  /** Move a field up (-1) or down (+1) among its siblings. */
  moveBy(id: string, delta: number): void;
  /** Wrap sibling fields into a new object field called `name`. */
  nest(ids: string[], name: string): void;
  wrapInArray(id: string): void;
  /** Replace the whole list (an import, a paste) as one undoable step. */
  replace(fields: FieldList): void;
  /** Apply any pure list transformation as one undoable step. */
  apply(fn: (fields: FieldList) => FieldList): void;
  undo(): void;
  redo(): void;
  /** Forget undo/redo history (e.g. after loading a new document). */
  clearHistory(): void;
}

/**
 * The designer's core object, created once per component (TanStack's pattern): plain state,
 * subscribe/getSnapshot for useSyncExternalStore, and options the hook refreshes each render
 * (the controlled value and the caller's onChange).
 */
export interface DesignerStore extends DesignerActions {
  getState(): DesignerState;
  subscribe(listener: () => void): () => void;
  /** Called by the hook each render: a controlled `value` overrides the stored list. */
  setOptions(opts: { value?: FieldList; onChange?: (fields: FieldList) => void }): void;
  /** The list the user sees: the controlled value when there is one, else the stored list. */
  current(): FieldList;
  /** True when the controlled value changed from outside: undo/redo are off until the next edit starts a new history. */
  historyStale(): boolean;
}

/** Siblings of a field and the id of their parent (null for root), or undefined when not found. */
export function siblingsOf(list: FieldList, id: string): { parentId: string | null; siblings: Field[]; index: number } | undefined {
  const visit = (fields: Field[], parentId: string | null): ReturnType<typeof siblingsOf> => {
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      if (f.id === id) return { parentId, siblings: fields, index: i };
      if (f.properties) {
        const r = visit(f.properties, f.id);
        if (r) return r;
      }
      // Array items (through arrays of arrays) have no siblings; an object item's properties do.
      for (let it = f.of; it !== undefined; it = it.of) {
        if (it.id === id) return undefined;
        if (it.properties) {
          const r = visit(it.properties, it.id);
          if (r) return r;
        }
      }
    }
    return undefined;
  };
  return visit(list, null);
}

/** Create a designer store starting from `initial`. */
export function createDesignerStore(initial: FieldList, options: DesignerStoreOptions = {}): DesignerStore {
  const limit = Math.max(0, options.historyLimit ?? DEFAULT_DESIGNER_STORE_OPTIONS.historyLimit);
  let state: DesignerState = { fields: initial, past: [], future: [] };
  let controlled: FieldList | undefined;
  let onChange: ((fields: FieldList) => void) | undefined;
  const listeners = new Set<() => void>();

  const current = (): FieldList => controlled ?? state.fields;
  // A controlled value the store didn't produce (the host loaded another document, switched event
  // type…) makes the history stale: undoing would apply another document's past to this one.
  const stale = (): boolean => controlled !== undefined && controlled !== state.fields;
  const emit = (): void => {
    for (const l of listeners) l();
  };
  const set = (next: DesignerState, changed: boolean): void => {
    state = next;
    // A controlled parent sees the new list at once through onChange; the stored list follows it
    // so undo works whether or not the parent passes the value back.
    if (controlled !== undefined && changed) controlled = next.fields;
    emit();
    if (changed) onChange?.(next.fields);
  };
  const commit = (next: FieldList): void => {
    const cur = current();
    if (next === cur) return;
    const past = [...(stale() ? [] : state.past), cur];
    if (past.length > limit) past.splice(0, past.length - limit);
    set({ fields: next, past, future: [] }, true);
  };
  const run = (fn: (list: FieldList) => FieldList): void => commit(fn(current()));

  const store: DesignerStore = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setOptions(opts) {
      controlled = opts.value;
      onChange = opts.onChange;
    },
    current,
    historyStale: stale,
    add(partial, at) {
      const field = partial.id !== undefined && partial.type !== undefined ? (partial as Field) : createField(partial);
      run((l) => addField(l, field, at));
      return field;
    },
    remove: (id) => run((l) => removeField(l, id)),
    rename: (id, name) => run((l) => renameField(l, id, name)),
    retype: (id, type) => run((l) => retypeField(l, id, type)),
    update: (id, patch) => run((l) => updateField(l, id, patch)),
    toggleOptional: (id) => run((l) => toggleOptional(l, id)),
    toggleNullable: (id) => run((l) => toggleNullable(l, id)),
    move: (id, to) => run((l) => moveField(l, id, to)),
    moveBy(id, delta) {
      run((l) => {
        const where = siblingsOf(l, id);
        if (!where) return l;
        const index = where.index + delta;
        if (index < 0 || index >= where.siblings.length) return l;
        return moveField(l, id, { parentId: where.parentId, index });
      });
    },
    nest: (ids, name) => run((l) => nestFields(l, ids, name)),
    wrapInArray: (id) => run((l) => wrapInArray(l, id)),
    replace: (fields) => commit(fields),
    apply: (fn) => run(fn),
    undo() {
      const prev = state.past[state.past.length - 1];
      if (prev === undefined || stale()) return;
      set({ fields: prev, past: state.past.slice(0, -1), future: [...state.future, current()] }, true);
    },
    redo() {
      const next = state.future[state.future.length - 1];
      if (next === undefined || stale()) return;
      set({ fields: next, past: [...state.past, current()], future: state.future.slice(0, -1) }, true);
    },
    clearHistory() {
      set({ fields: current(), past: [], future: [] }, false);
    },
  };
  return store;
}
