export { buildRequestBody } from './build.js';
export { exampleBody, FORMAT_EXAMPLE_VALUES } from './example.js';
export { valuesFromPaths, parseValuePath, escapeValuePathSegment } from './values.js';
export { PRESETS, PRESET_TABLE, getPreset, presetFields, buildPresetBody, type RequestPreset } from './presets.js';
