import { useMemo, useState, useSyncExternalStore } from 'react';
import type { FieldList } from '@fieldkit/core';
import { createDesignerStore, DEFAULT_DESIGNER_STORE_OPTIONS } from './designerStore.js';
import type { DesignerActions, DesignerStore } from './designerStore.js';

/** Options of {@link useSchemaDesigner}. */
export interface UseSchemaDesignerOptions {
  /** Controlled list: when set, the designer shows this list and reports edits through `onChange`. */
  value?: FieldList;
  /** Starting list for uncontrolled use (read once, on mount). */
  defaultValue?: FieldList;
  /** Called with the new list after every edit, undo and redo. */
  onChange?: (fields: FieldList) => void;
  /** Undo steps kept (older ones are dropped). */
  historyLimit?: number;
}

/** Defaults of {@link UseSchemaDesignerOptions}. */
export const DEFAULT_SCHEMA_DESIGNER_OPTIONS = {
  defaultValue: [] as FieldList,
  historyLimit: DEFAULT_DESIGNER_STORE_OPTIONS.historyLimit,
} as const;

/** What {@link useSchemaDesigner} returns: the current list, history flags and edit actions. */
export interface SchemaDesignerController extends DesignerActions {
  fields: FieldList;
  canUndo: boolean;
  canRedo: boolean;
  /** The underlying store (stable for the component's life). */
  store: DesignerStore;
}

/**
 * The schema designer as a hook: a thin adapter over a store created once (TanStack's
 * pattern). Works controlled (`value` + `onChange`) and uncontrolled (`defaultValue`), with
 * bounded undo/redo; every action applies one of the pure edit operations of `@fieldkit/core`.
 * When a controlled `value` is replaced from outside (another document, another event type),
 * undo/redo history is dropped: it belonged to the previous list.
 *
 * @example
 * const designer = useSchemaDesigner({ defaultValue: fields, onChange: save });
 * designer.add({ name: 'email', type: 'email' });
 * designer.undo();
 */
export function useSchemaDesigner(options: UseSchemaDesignerOptions = {}): SchemaDesignerController {
  const [store] = useState(() =>
    createDesignerStore(options.value ?? options.defaultValue ?? DEFAULT_SCHEMA_DESIGNER_OPTIONS.defaultValue, {
      historyLimit: options.historyLimit ?? DEFAULT_SCHEMA_DESIGNER_OPTIONS.historyLimit,
    }),
  );
  // Refreshed during render, like useReactTable's setOptions: actions read the latest value/onChange.
  store.setOptions({ value: options.value, onChange: options.onChange });
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);
  const fields = options.value ?? state.fields;
  // History belongs to the document the store edited; a value swapped in by the host starts afresh.
  const stale = options.value !== undefined && options.value !== state.fields;
  return useMemo(
    () => ({
      fields,
      canUndo: state.past.length > 0 && !stale,
      canRedo: state.future.length > 0 && !stale,
      store,
      add: store.add,
      remove: store.remove,
      rename: store.rename,
      retype: store.retype,
      update: store.update,
      toggleOptional: store.toggleOptional,
      toggleNullable: store.toggleNullable,
      move: store.move,
      moveBy: store.moveBy,
      nest: store.nest,
      wrapInArray: store.wrapInArray,
      replace: store.replace,
      apply: store.apply,
      undo: store.undo,
      redo: store.redo,
      clearHistory: store.clearHistory,
    }),
    [fields, state, store, stale],
  );
}

