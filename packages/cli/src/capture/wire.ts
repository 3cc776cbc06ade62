/**
 * The capture server's wire types: what `/api/...` and `/api/stream` send. Types only (no runtime
 * code, no Node imports), so the designer app's client imports them too instead of copying them.
 */
import type { Issue, JSONSchemaObject, PathSegment } from '@fieldkit/core';

/** The kinds of drift: a new field, a changed JSON type, a missing required field, an event type the saved schema does not know, a validator constraint (enum, format…). */
export type DriftKind = 'added' | 'type-changed' | 'missing' | 'unknown-type' | 'constraint';

/** One departure of a payload from a saved schema. */
export interface DriftItem {
  kind: DriftKind;
  /** Where in the payload, as segments. */
  path: PathSegment[];
  /** A sentence a person reads. */
  message: string;
  /** What the schema allows (types, or the known event types); absent for `added`. */
  expected?: string;
  /** What the payload has. */
  actual?: string;
}

/** A stored event as the API returns it. */
export interface StoredEvent {
  id: number;
  receivedAt: string;
  source: string;
  type: string;
  status: 'accepted' | 'rejected';
  reason?: Issue;
  headers: Record<string, string>;
  /** Body size in bytes (0 when not read). */
  size: number;
  payload?: unknown;
  /** For rejected events: the start of the body as text (lossy), to show what arrived. */
  bodyPreview?: string;
  drift: DriftItem[];
}

/** Per-source summary for `GET /api/sources`. */
export interface SourceSummary {
  source: string;
  count: number;
  rejected: number;
  lastId: number;
  lastReceivedAt: string;
  types: { type: string; count: number }[];
  driftEvents: number;
  schemaVersion: number | null;
}

/** A schema the user saved for a source. */
export interface SavedSchema {
  version: number;
  savedAt: string;
  schema: JSONSchemaObject;
}
