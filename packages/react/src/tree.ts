import { innermostItem } from '@fieldkit/core';
import type { Field, FieldList, Issue } from '@fieldkit/core';

/** One visible line of the designer's tree. */
export interface TreeRow {
  field: Field;
  /** 1-based nesting level (aria-level). */
  level: number;
  /** The id children are added under: the field's own id for objects, the item's id for arrays of objects. */
  childParentId: string | null;
  /** Id of the parent the field lives in (null = root; may be an array item's id). */
  parentId: string | null;
  /** Position among siblings (0-based) and their count. */
  index: number;
  setSize: number;
  /** Field names from the root, array items skipped: the key path people and checkKeys use. */
  path: string[];
  /** Has children that can be shown. */
  expandable: boolean;
  expanded: boolean;
}

/** The children a field shows in the tree: an object's properties or the item properties of an array of objects (or of arrays of them). */
export function childrenOf(field: Field): { parentId: string; list: Field[] } | undefined {
  const inner = innermostItem(field);
  if (inner !== undefined && inner.type === 'object' && inner.properties) return { parentId: inner.id, list: inner.properties };
  return undefined;
}

/** A map: an object field whose keys are free (`additionalProperties` schema) and that has no properties. */
export function isMapField(field: Field): boolean {
  const ap = field.extra?.additionalProperties;
  return field.type === 'object' && field.properties === undefined && ap !== undefined && ap !== false;
}

/** The id new children go under: an object (not a map), or the item of an array of objects. */
export function childParentOf(field: Field): string | null {
  if (field.type === 'object') return isMapField(field) ? null : field.id;
  if (field.type === 'array') {
    const inner = innermostItem(field);
    if (inner !== undefined && inner.type === 'object') return inner.id;
  }
  return null;
}

/**
 * Flatten the visible part of the tree into rows (depth-first, in order), skipping the children
 * of collapsed fields. Linear in the number of visible rows plus collapsed subtrees' roots.
 */
export function flattenTree(fields: FieldList, collapsed: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const visit = (list: Field[], level: number, parentId: string | null, prefix: string[]): void => {
    for (let i = 0; i < list.length; i++) {
      const field = list[i]!;
      const kids = childrenOf(field);
      const expanded = kids !== undefined && !collapsed.has(field.id);
      const path = [...prefix, field.name];
      rows.push({
        field,
        level,
        parentId,
        childParentId: childParentOf(field),
        index: i,
        setSize: list.length,
        path,
        expandable: kids !== undefined,
        expanded,
      });
      if (kids && expanded) visit(kids.list, level + 1, kids.parentId, path);
    }
  };
  visit(fields, 1, null, []);
  return rows;
}

/** Key of a name path, safe for any key text (JSON of the array). */
export function pathKey(path: readonly (string | number)[]): string {
  return JSON.stringify(path.filter((s): s is string => typeof s === 'string'));
}

/**
 * Group key-check issues by the field they belong to (by name path, array indexes dropped).
 * A near-miss (`keys/near-miss`) sits on the field it was probably meant to be: the issue's
 * parent path plus its `suggestion`; other issues sit on the field at their path, or on the
 * nearest ancestor that exists.
 */
export function issuesByPath(issues: readonly Issue[]): Map<string, Issue[]> {
  const out = new Map<string, Issue[]>();
  for (const i of issues) {
    const names = i.path.filter((s): s is string => typeof s === 'string');
    const target = i.code === 'keys/near-miss' && i.suggestion !== undefined ? [...names.slice(0, -1), i.suggestion] : names;
    const key = pathKey(target);
    const list = out.get(key);
    if (list) list.push(i);
    else out.set(key, [i]);
  }
  return out;
}

/** The field id an issue names (`params.fieldId`, set by checkKeys, body and schema issues), if any. */
export function issueFieldId(i: Issue): string | undefined {
  const id = i.params?.fieldId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Place issues on rows: by `params.fieldId` when the issue names a field that exists (exact even
 * when names repeat across arrays), else by name path ({@link issuesByPath}). Issues that fit no
 * field are returned as `unmatched`.
 */
export function placeIssues(fields: FieldList, issues: readonly Issue[]): { byId: Map<string, Issue[]>; unmatched: Issue[] } {
  const byId = new Map<string, Issue[]>();
  const unmatched: Issue[] = [];
  if (issues.length === 0) return { byId, unmatched };
  const all = flattenTree(fields, new Set());
  const ids = new Set(all.map((r) => r.field.id));
  const idByPath = new Map(all.map((r) => [pathKey(r.path), r.field.id] as const));
  const push = (id: string, i: Issue): void => {
    const l = byId.get(id);
    if (l) l.push(i);
    else byId.set(id, [i]);
  };
  const rest: Issue[] = [];
  for (const i of issues) {
    const id = issueFieldId(i);
    if (id !== undefined && ids.has(id)) push(id, i);
    else rest.push(i);
  }
  for (const [key, list] of issuesByPath(rest)) {
    const id = idByPath.get(key);
    if (id !== undefined) for (const i of list) push(id, i);
    else unmatched.push(...list);
  }
  return { byId, unmatched };
}
