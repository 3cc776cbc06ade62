import { useLayoutEffect, useEffect } from 'react';
import type { RefObject } from 'react';

/** Colour scheme of the components: fixed light/dark, or `auto` to follow prefers-color-scheme. */
export type Theme = 'light' | 'dark' | 'auto';

/** Default theme: follow the user's system setting. */
export const DEFAULT_THEME: Theme = 'auto';

const LIGHT = `
  --fk-bg: #ffffff; --fk-fg: #1b1f24; --fk-muted: #5b6470; --fk-border: #d4d9e0;
  --fk-row-hover: #f3f6fa; --fk-row-focus: #e6effc; --fk-accent: #1f6feb; --fk-accent-fg: #ffffff;
  --fk-danger: #c62828; --fk-warning: #9a6700; --fk-warning-bg: #fff6d6; --fk-error-bg: #fdecea;
  --fk-input-bg: #ffffff; --fk-bar: #2da44e; --fk-bar-bg: #e3e8ee; --fk-code-bg: #f6f8fa;
  --fk-syn-string: #0a3069; --fk-syn-number: #0550ae; --fk-syn-keyword: #8250df; --fk-syn-property: #953800; --fk-selection: #b6d7ff;`;
const DARK = `
  --fk-bg: #0d1117; --fk-fg: #e6edf3; --fk-muted: #9aa5b1; --fk-border: #30363d;
  --fk-row-hover: #161b22; --fk-row-focus: #1c2d45; --fk-accent: #4493f8; --fk-accent-fg: #0d1117;
  --fk-danger: #ff7b72; --fk-warning: #e3b341; --fk-warning-bg: #2e2610; --fk-error-bg: #3a1616;
  --fk-input-bg: #0d1117; --fk-bar: #3fb950; --fk-bar-bg: #30363d; --fk-code-bg: #161b22;
  --fk-syn-string: #a5d6ff; --fk-syn-number: #79c0ff; --fk-syn-keyword: #d2a8ff; --fk-syn-property: #ffa657; --fk-selection: #264f78;`;

/**
 * The components' whole stylesheet. Every selector starts with `.fk-`, so a host page is untouched
 * (no resets, no element selectors outside `.fk-root`). Theme through the `--fk-*` variables:
 * set them on `.fk-root` (or any ancestor with higher specificity) to restyle.
 */
export const FIELDKIT_CSS = `
.fk-root { ${LIGHT}
  --fk-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; --fk-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  --fk-radius: 6px; --fk-row-height: 36px; --fk-indent: 20px;
  color: var(--fk-fg); background: var(--fk-bg); font-family: var(--fk-font); font-size: 14px; line-height: 1.4;
  box-sizing: border-box; color-scheme: light; }
.fk-root[data-theme="dark"] { ${DARK} color-scheme: dark; }
@media (prefers-color-scheme: dark) { .fk-root[data-theme="auto"] { ${DARK} color-scheme: dark; } }
.fk-root *, .fk-root *::before, .fk-root *::after { box-sizing: border-box; }
.fk-root :focus-visible { outline: 2px solid var(--fk-accent); outline-offset: 1px; }
.fk-input, .fk-select { font: inherit; color: var(--fk-fg); background: var(--fk-input-bg); border: 1px solid var(--fk-border);
  border-radius: var(--fk-radius); padding: 3px 6px; min-width: 0; }
.fk-input[aria-invalid="true"] { border-color: var(--fk-danger); }
.fk-btn { font: inherit; color: var(--fk-fg); background: transparent; border: 1px solid var(--fk-border); border-radius: var(--fk-radius);
  padding: 3px 10px; cursor: pointer; white-space: nowrap; }
.fk-btn:hover:not(:disabled) { background: var(--fk-row-hover); }
/* A label styled as a button around a visually hidden file input shows the input's keyboard focus. */
.fk-btn:has(> .fk-sr-only:focus-visible) { outline: 2px solid var(--fk-accent); outline-offset: 1px; }
.fk-btn:disabled { opacity: .45; cursor: default; }
.fk-btn-primary { background: var(--fk-accent); color: var(--fk-accent-fg); border-color: var(--fk-accent); }
.fk-btn-primary:hover:not(:disabled) { background: var(--fk-accent); filter: brightness(1.1); }
.fk-btn-icon { padding: 2px 6px; border-color: transparent; color: var(--fk-muted); }
.fk-btn-icon:hover:not(:disabled) { color: var(--fk-fg); border-color: var(--fk-border); }
.fk-btn-danger:hover:not(:disabled) { color: var(--fk-danger); }
.fk-toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 6px 0; }
.fk-spacer { flex: 1; }
.fk-muted { color: var(--fk-muted); }
.fk-sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.fk-check { display: inline-flex; align-items: center; gap: 3px; font-size: 12px; color: var(--fk-muted); cursor: pointer; white-space: nowrap; }
.fk-header { display: grid; grid-template-columns: var(--fk-cols); gap: 6px; padding: 4px 8px; font-size: 12px; color: var(--fk-muted);
  border-bottom: 1px solid var(--fk-border); }
.fk-designer { --fk-cols: 22px minmax(180px, 2fr) 150px 100px minmax(90px, 1fr) 112px; }
.fk-type { display: flex; flex-direction: column; gap: 2px; min-width: 0; }
.fk-type .fk-select { width: 100%; }
.fk-tree { position: relative; overflow: auto; border: 1px solid var(--fk-border); border-radius: var(--fk-radius); }
.fk-tree-inner { position: relative; width: 100%; }
.fk-row { position: absolute; left: 0; width: 100%; border-bottom: 1px solid var(--fk-border); contain: layout style; }
.fk-row-main { display: grid; grid-template-columns: var(--fk-cols); gap: 6px; align-items: center; padding: 3px 8px; min-height: var(--fk-row-height); }
.fk-row:hover { background: var(--fk-row-hover); }
.fk-row:focus { outline: none; }
.fk-row:focus-visible, .fk-row[data-focused="true"]:focus-within { background: var(--fk-row-focus); }
.fk-row[data-dragover="true"] { box-shadow: inset 0 2px 0 var(--fk-accent); }
.fk-row[data-selected="true"] { background: var(--fk-row-focus); }
.fk-name { display: flex; align-items: center; gap: 4px; min-width: 0; padding-left: calc((var(--fk-level) - 1) * var(--fk-indent)); }
.fk-name .fk-input { flex: 1; font-family: var(--fk-mono); }
.fk-twisty { width: 20px; flex: none; padding: 0; border: none; background: none; color: var(--fk-muted); cursor: pointer; font: inherit; }
.fk-twisty-spacer { width: 20px; flex: none; }
.fk-handle { cursor: grab; color: var(--fk-muted); user-select: none; text-align: center; }
.fk-flags { display: flex; gap: 8px; }
.fk-stats { display: flex; flex-direction: column; gap: 2px; min-width: 0; font-size: 12px; }
.fk-stat { display: flex; flex-direction: column; gap: 2px; }
.fk-bar { display: block; height: 6px; border-radius: 3px; background: var(--fk-bar-bg); overflow: hidden; }
.fk-bar > span { display: block; height: 100%; background: var(--fk-bar); }
.fk-examples { color: var(--fk-muted); font-family: var(--fk-mono); font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.fk-actions { display: flex; gap: 2px; justify-content: flex-end; }
.fk-details { display: grid; grid-template-columns: 1fr 2fr; gap: 6px; padding: 4px 8px 8px calc(8px + 28px + (var(--fk-level) - 1) * var(--fk-indent)); }
.fk-detail-wide { grid-column: 1 / -1; }
.fk-detail-line { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 4px; align-items: center; font-size: 12px; color: var(--fk-muted); }
.fk-details label { display: flex; flex-direction: column; gap: 2px; font-size: 12px; color: var(--fk-muted); }
.fk-issues { list-style: none; margin: 0; padding: 0 8px 4px calc(8px + 28px + (var(--fk-level, 1) - 1) * var(--fk-indent)); font-size: 12px; }
.fk-issue { color: var(--fk-warning); background: var(--fk-warning-bg); border-radius: var(--fk-radius); padding: 1px 6px; margin-top: 2px;
  overflow-wrap: anywhere; }
.fk-issue[data-severity="info"] { color: var(--fk-muted); background: var(--fk-row-hover); }
.fk-issue[data-severity="error"] { color: var(--fk-danger); background: var(--fk-error-bg); }
.fk-empty { padding: 24px; text-align: center; color: var(--fk-muted); }
.fk-status { font-size: 12px; color: var(--fk-muted); }
.fk-wizard { display: flex; flex-direction: column; gap: 8px; }
.fk-drop { position: relative; border: 1px solid var(--fk-border); border-radius: var(--fk-radius); overflow: hidden; }
.fk-drop[data-dragging="true"] { border-color: var(--fk-accent); box-shadow: 0 0 0 2px var(--fk-accent); }
.fk-editor { min-height: 180px; max-height: 420px; overflow: auto; background: var(--fk-code-bg); font-family: var(--fk-mono); font-size: 13px; }
.fk-editor .cm-editor { background: var(--fk-code-bg); color: var(--fk-fg); min-height: 180px; }
.fk-editor .cm-gutters { background: var(--fk-code-bg); color: var(--fk-muted); border-right: 1px solid var(--fk-border); }
.fk-editor .cm-content { caret-color: var(--fk-fg); }
.fk-editor .cm-activeLine, .fk-editor .cm-activeLineGutter { background: var(--fk-row-hover); }
.fk-editor .cm-selectionBackground, .fk-editor .cm-focused .cm-selectionBackground { background: var(--fk-selection) !important; }
.fk-editor .cm-cursor { border-left-color: var(--fk-fg); }
.fk-editor .cm-tooltip { background: var(--fk-bg); color: var(--fk-fg); border: 1px solid var(--fk-border); }
.fk-summary { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; font-size: 13px; }
.fk-variants { display: inline-flex; flex-wrap: wrap; gap: 4px; }
.fk-chip { display: inline-block; border: 1px solid var(--fk-border); border-radius: 999px; padding: 0 8px; font-family: var(--fk-mono); font-size: 12px; }
.fk-form { display: flex; flex-direction: column; gap: 8px; }
.fk-form fieldset { border: 1px solid var(--fk-border); border-radius: var(--fk-radius); padding: 6px 10px 10px; margin: 0; display: flex; flex-direction: column; gap: 8px; min-width: 0; }
.fk-form legend { font-family: var(--fk-mono); font-size: 13px; padding: 0 4px; }
.fk-form-field { display: grid; grid-template-columns: minmax(120px, 200px) 1fr; gap: 4px 10px; align-items: start; }
.fk-form-field > label { font-family: var(--fk-mono); font-size: 13px; padding-top: 4px; overflow-wrap: anywhere; }
.fk-control { display: flex; gap: 6px; align-items: center; min-width: 0; }
.fk-control > .fk-input, .fk-control > .fk-select { flex: 1; min-width: 0; max-width: 420px; }
.fk-control > textarea.fk-input { max-width: none; font-family: var(--fk-mono); }
.fk-form-field .fk-hint { grid-column: 2; font-size: 12px; color: var(--fk-muted); }
.fk-form-field .fk-field-error { grid-column: 2; font-size: 12px; color: var(--fk-danger); }
.fk-array-item { display: flex; gap: 6px; align-items: flex-start; }
.fk-array-item > :first-child { flex: 1; min-width: 0; }
.fk-builder { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 12px; }
@media (max-width: 720px) { .fk-builder { grid-template-columns: 1fr; } }
.fk-code { margin: 0; background: var(--fk-code-bg); border: 1px solid var(--fk-border); border-radius: var(--fk-radius); padding: 8px;
  font-family: var(--fk-mono); font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 480px; overflow: auto; }
/* Narrow hosts (side panels): the designer adapts to its own width, not the viewport's. */
.fk-designer { container: fk-designer / inline-size; }
@container fk-designer (max-width: 760px) {
  .fk-header, .fk-row-main { --fk-cols: 18px minmax(120px, 2fr) 118px 100px minmax(56px, 1fr) 96px; gap: 4px; }
  .fk-examples { display: none; }
  .fk-btn-icon { padding: 2px 4px; }
}
@container fk-designer (max-width: 560px) {
  .fk-header, .fk-row-main { --fk-cols: 16px minmax(100px, 1fr) 104px 100px 0 72px; }
  .fk-stats > *, .fk-header > :nth-child(5) { display: none; }
  .fk-actions .fk-btn-icon[aria-label^="Wrap"] { display: none; }
}
`;

const STYLE_ATTR = 'data-fieldkit-styles';
const injected = new WeakSet<Document | ShadowRoot>();

/**
 * Put {@link FIELDKIT_CSS} into a document's head or a shadow root, once per root.
 * Safe to call many times; returns the root used.
 */
export function injectFieldkitStyles(root: Document | ShadowRoot): Document | ShadowRoot {
  if (injected.has(root)) return root;
  const host = 'head' in root ? root.head : root;
  if (!host.querySelector(`style[${STYLE_ATTR}]`)) {
    const doc = 'createElement' in root ? root : root.ownerDocument;
    const style = doc.createElement('style');
    style.setAttribute(STYLE_ATTR, '');
    style.textContent = FIELDKIT_CSS;
    host.appendChild(style);
  }
  injected.add(root);
  return root;
}

// useLayoutEffect warns during server rendering; effects don't run there anyway.
const useIsoLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;

/** Inject the stylesheet into whatever root (document or shadow root) the element lives in. */
export function useFieldkitStyles(ref: RefObject<HTMLElement | null>): void {
  useIsoLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const root = el.getRootNode();
    if (root instanceof ShadowRoot || (typeof Document !== 'undefined' && root instanceof Document)) injectFieldkitStyles(root);
  }, [ref]);
}
