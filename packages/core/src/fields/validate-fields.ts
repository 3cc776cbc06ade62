import { issue, type Issue } from '../errors.js';
import type { PathSegment } from '../types.js';
import type { Field, FieldList } from './model.js';
import { isFieldType } from './create.js';
import { visibleString } from './near-miss.js';

/**
 * Check a field list a person designed: duplicate sibling names and empty names (errors), names
 * with leading/trailing or invisible whitespace, unknown types, enums that don't match the type
 * (warnings). Paths are field-name paths; `params.fieldId` names the field for the UI.
 */
export function validateFields(list: FieldList): Issue[] {
  const issues: Issue[] = [];
  const walk = (fields: readonly Field[], path: PathSegment[]): void => {
    const seen = new Map<string, Field>();
    const ids = new Set<string>();
    for (const f of fields) {
      const p = [...path, f.name];
      const params = { fieldId: f.id };
      if (ids.has(f.id)) issues.push(issue('fields/duplicate-id', `Two fields share the id "${f.id}".`, { path: p, params }));
      ids.add(f.id);
      if (typeof f.name !== 'string' || f.name === '') {
        issues.push(issue('fields/empty-name', 'A field has no name: every field needs the exact key it has in the payload.', { path, params }));
      } else {
        const prev = seen.get(f.name);
        if (prev) issues.push(issue('fields/duplicate-name', `Two fields are named ${visibleString(f.name)}; names must be unique among siblings.`, { path: p, params: { ...params, otherId: prev.id } }));
        else seen.set(f.name, f);
        if (f.name !== f.name.trim()) {
          issues.push(
            issue('fields/whitespace', `The name ${visibleString(f.name)} starts or ends with whitespace; payload keys must match it exactly, spaces included.`, {
              severity: 'warning',
              path: p,
              params,
              suggestion: f.name.trim(),
            }),
          );
        }
        if (/[\u0000-\u001f\u007f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/.test(f.name)) {
          issues.push(issue('fields/invisible', `The name ${visibleString(f.name)} contains an invisible or control character.`, { severity: 'warning', path: p, params }));
        }
      }
      if (!isFieldType(f.type)) issues.push(issue('fields/type', `Field ${visibleString(String(f.name))} has an unknown type ${JSON.stringify(f.type)}.`, { path: p, params }));
      if (f.enum !== undefined && (!Array.isArray(f.enum) || f.enum.length === 0)) {
        issues.push(issue('fields/enum', `Field ${visibleString(f.name)} has an empty list of allowed values: no value could match.`, { severity: 'warning', path: p, params }));
      }
      if (f.type === 'object' && f.properties) walk(f.properties, p);
      if (f.type === 'array') {
        // Through arrays of arrays: one index per level.
        let item = f.of;
        const at = [...p, 0];
        while (item !== undefined && item.type === 'array') {
          item = item.of;
          at.push(0);
        }
        if (item !== undefined && item.type === 'object' && item.properties) walk(item.properties, at);
      }
    }
  };
  walk(list, []);
  return issues;
}
