import { useCallback, useLayoutEffect, useMemo, useRef, useState, type UIEvent } from 'react';

/** Line height in px; must match `.fd-code` in app.css. */
const LINE_HEIGHT = 19;
/** Outputs up to this many lines are rendered whole (so the browser's find works); longer ones are windowed. */
const FULL_RENDER_LINES = 3000;
const OVERSCAN = 40;

/**
 * A read-only code block. Small texts render whole; large ones (a 5,000-field schema is ~100k
 * lines) render only the visible window, so an edit never re-lays-out megabytes of text.
 */
export function CodeView(props: { text: string; label: string; busy?: boolean }) {
  const { text, label } = props;
  // Line start offsets, not line strings: a 5,000-field schema would otherwise allocate ~20k strings per edit.
  const starts = useMemo(() => lineStarts(text), [text]);
  const lineCount = starts.length;
  const windowed = lineCount > FULL_RENDER_LINES;
  const ref = useRef<HTMLPreElement>(null);
  const [view, setView] = useState({ top: 0, height: 600 });
  const onScroll = useCallback((e: UIEvent<HTMLPreElement>) => {
    const el = e.currentTarget;
    setView({ top: el.scrollTop, height: el.clientHeight });
  }, []);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && windowed) setView({ top: el.scrollTop, height: el.clientHeight });
  }, [windowed]);

  let body: string;
  let padTop = 0;
  let padBottom = 0;
  if (windowed) {
    // Clamped: after the text shrinks the old scroll offset may point past its end.
    const first = Math.min(lineCount - 1, Math.max(0, Math.floor(view.top / LINE_HEIGHT) - OVERSCAN));
    const last = Math.max(first + 1, Math.min(lineCount, Math.ceil((view.top + view.height) / LINE_HEIGHT) + OVERSCAN));
    body = text.slice(starts[first], last < lineCount ? starts[last]! - 1 : text.length);
    padTop = first * LINE_HEIGHT;
    padBottom = (lineCount - last) * LINE_HEIGHT;
  } else {
    body = text;
  }
  return (
    <pre
      ref={ref}
      className="fd-code"
      tabIndex={0}
      role="region"
      aria-label={label}
      aria-busy={props.busy || undefined}
      onScroll={windowed ? onScroll : undefined}
      data-lines={lineCount}
    >
      <code style={windowed ? { display: 'block', paddingTop: padTop, paddingBottom: padBottom } : undefined}>{body}</code>
    </pre>
  );
}

/** Offsets where each line of `text` starts (the first is 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
