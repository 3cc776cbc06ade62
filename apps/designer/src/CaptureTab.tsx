import { lazy, Suspense, type ComponentType } from 'react';
import type { JSONSchemaObject } from '@fieldkit/core';

/** Props of the capture engineer's view (CONTRACTS.md section 6). */
export interface CaptureViewProps {
  apiBase: string;
  onUseSample(sample: unknown): void;
  schema?: JSONSchemaObject;
}

// The capture view lives in src/capture/ (owned by the capture engineer). import.meta.glob keeps the
// app building while that file does not exist yet: the glob is simply empty.
const modules = import.meta.glob<{ CaptureView: ComponentType<CaptureViewProps> }>('./capture/CaptureView.tsx');
const loader = modules['./capture/CaptureView.tsx'];
const LazyCapture = loader ? lazy(async () => ({ default: (await loader()).CaptureView })) : undefined;

/** Default capture server address; override with VITE_FIELDKIT_CAPTURE_API at build time. */
export const CAPTURE_API: string = (import.meta.env.VITE_FIELDKIT_CAPTURE_API as string | undefined) ?? 'http://127.0.0.1:5179';

/** The Capture tab: live webhook capture (when the capture view is part of this build). */
export function CaptureTab(props: Omit<CaptureViewProps, 'apiBase'>) {
  if (!LazyCapture) {
    return (
      <div className="fd-empty">
        <h2>Capture</h2>
        <p>Live capture is not part of this build.</p>
      </div>
    );
  }
  return (
    <Suspense fallback={<p className="fd-muted" role="status">Loading capture…</p>}>
      <LazyCapture apiBase={CAPTURE_API} onUseSample={props.onUseSample} schema={props.schema} />
    </Suspense>
  );
}
