import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection, placeholder as cmPlaceholder } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { json } from '@codemirror/lang-json';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import type { TextDiagnostic } from './analyzeSamples.js';

/** Props of {@link JsonEditor}. */
export interface JsonEditorProps {
  /** The text; the editor follows it when it changes from outside. */
  value: string;
  onChange(text: string): void;
  /** Problems to mark in the text (offsets into `value`). */
  diagnostics: readonly TextDiagnostic[];
  /** Accessible name of the editing area. */
  label: string;
  placeholder?: string;
}

/** JSON token colours from the theme's CSS variables, so light and dark both read well. */
const highlight = HighlightStyle.define([
  { tag: tags.string, color: 'var(--fk-syn-string)' },
  { tag: tags.number, color: 'var(--fk-syn-number)' },
  { tag: [tags.bool, tags.null, tags.keyword], color: 'var(--fk-syn-keyword)' },
  { tag: tags.propertyName, color: 'var(--fk-syn-property)' },
  { tag: tags.invalid, color: 'var(--fk-danger)' },
]);

/**
 * A CodeMirror 6 JSON editor (line numbers, JSON highlighting, undo, lint marks from
 * `diagnostics`). Created once on mount; text and diagnostics are pushed as transactions.
 */
export function JsonEditor(props: JsonEditorProps): ReactElement {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      // Inside a shadow root CodeMirror must mount its styles there, not in document.head.
      root: host.current.getRootNode() as Document | ShadowRoot,
      state: EditorState.create({
        doc: props.value,
        extensions: [
          lineNumbers(),
          history(),
          drawSelection(),
          highlightActiveLine(),
          bracketMatching(),
          syntaxHighlighting(highlight),
          json(),
          lintGutter(),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': props.label, 'aria-multiline': 'true' }),
          cmPlaceholder(props.placeholder ?? ''),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onChange.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is created once; later prop changes are pushed by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const cur = v.state.doc.toString();
    if (cur !== props.value) v.dispatch({ changes: { from: 0, to: cur.length, insert: props.value } });
  }, [props.value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const len = v.state.doc.length;
    const diags = props.diagnostics
      .filter((d) => d.from <= len)
      .map((d) => ({ from: d.from, to: Math.min(d.to, len), severity: d.severity, message: `${d.line}:${d.column}: ${d.message}` }));
    v.dispatch(setDiagnostics(v.state, diags));
  }, [props.diagnostics]);

  return <div ref={host} className="fk-editor" />;
}
