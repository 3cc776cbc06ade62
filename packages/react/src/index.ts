/**
 * @fieldkit/react: embeddable React components over @fieldkit/core — the schema designer
 * (hook + view), the sample wizard and the request body builder. Styles are scoped (`.fk-…`)
 * and injected once per document or shadow root; theme with the `--fk-*` CSS variables.
 * Works with React 18 and 19.
 */
export { useSchemaDesigner, DEFAULT_SCHEMA_DESIGNER_OPTIONS } from './useSchemaDesigner.js';
export type { UseSchemaDesignerOptions, SchemaDesignerController } from './useSchemaDesigner.js';
export { createDesignerStore, DEFAULT_DESIGNER_STORE_OPTIONS, siblingsOf } from './designerStore.js';
export type { DesignerStore, DesignerStoreOptions, DesignerState, DesignerActions, FieldPlace } from './designerStore.js';
export { SchemaDesigner, DEFAULT_SCHEMA_DESIGNER_PROPS, formatExample } from './SchemaDesigner.js';
export type { SchemaDesignerProps } from './SchemaDesigner.js';
export { flattenTree, issuesByPath, pathKey, placeIssues, issueFieldId, isMapField, childrenOf } from './tree.js';
export type { TreeRow } from './tree.js';
export { FIELD_TYPE_OPTIONS } from './fieldTypes.js';
export { JsonWizard, DEFAULT_JSON_WIZARD_PROPS } from './JsonWizard.js';
export type { JsonWizardOptions, JsonWizardProps } from './JsonWizard.js';
export { JsonEditor } from './JsonEditor.js';
export type { JsonEditorProps } from './JsonEditor.js';
export { analyzeSamples, issuesToDiagnostics, splitJsonValues, DEFAULT_ANALYZE_OPTIONS } from './analyzeSamples.js';
export type { AnalyzeOptions, SampleAnalysis, TextDiagnostic } from './analyzeSamples.js';
export { RequestBodyBuilder, DEFAULT_REQUEST_BODY_BUILDER_PROPS, toCurl } from './RequestBodyBuilder.js';
export type { RequestBodyBuilderProps } from './RequestBodyBuilder.js';
export { FIELDKIT_CSS, injectFieldkitStyles, useFieldkitStyles, DEFAULT_THEME } from './styles.js';
export type { Theme } from './styles.js';
export { defineFieldkitDesigner, DEFAULT_FIELDKIT_DESIGNER_TAG } from './customElement.js';
export type { FieldkitDesignerChangeDetail, FieldkitDesignerElement, FieldkitDesignerErrorDetail } from './customElement.js';
export { pickerToValue } from './formValues.js';
export type { FormValue, FormObject } from './formValues.js';
export { copyText } from './clipboard.js';
