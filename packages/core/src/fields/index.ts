export { createField, newFieldId, FIELD_TYPES, FORMAT_TYPES, isFieldType, baseJsonType } from './create.js';
export { schemaToFields, schemaToFieldsWithRoot, listVariants, type FieldDocument, type SchemaVariant } from './from-schema.js';
export { fieldsToSchema, fieldToSchema, DEFAULT_FIELDS_TO_SCHEMA_OPTIONS, type FieldsToSchemaOptions } from './to-schema.js';
export {
  addField,
  removeField,
  renameField,
  retypeField,
  updateField,
  toggleOptional,
  toggleNullable,
  moveField,
  nestFields,
  wrapInArray,
  findField,
  innermostItem,
  type FieldLocation,
} from './ops.js';
export { validateFields } from './validate-fields.js';
export { findNearMiss, NearMissIndex, visibleString, nameWords, namingStyle, damerau, type NearMiss } from './near-miss.js';
export { checkKeys, isIterableDate, DEFAULT_CHECK_KEYS_OPTIONS, type CheckKeysOptions } from './keys.js';
export { fieldsFromWorkato, fieldsToWorkato, workatoExportLosses, workatoType, WORKATO_KEYWORD, type WorkatoField } from './workato.js';
export { MAX_NESTING, findTooDeep } from './schema-util.js';
