import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { exampleState, readState, type DesignerState, type ReadStateResult } from './state.js';

/** localStorage key; the version is in the key so an incompatible release starts clean. */
export const STORAGE_KEY = 'fieldkit.designer.v1';
/** Where an unreadable saved state is kept before autosave replaces it. */
export const BACKUP_KEY = `${STORAGE_KEY}.unreadable`;
/** Hash parameter carrying a shared state: `#state=<lz-string>`. */
export const HASH_PARAM = 'state';
/** File extension used by "Save" / "Open". */
export const FILE_SUFFIX = '.fieldkit.json';

/** Where the initial state came from, and anything the user should know about it. */
export interface InitialState extends ReadStateResult {
  source: 'link' | 'storage' | 'example';
}

/** Decode `#state=…` from a location hash; undefined when the hash carries no state. */
export function decodeHash(hash: string): ReadStateResult | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const packed = params.get(HASH_PARAM);
  if (packed === null) return undefined;
  let text: string | null = null;
  try {
    text = decompressFromEncodedURIComponent(packed);
  } catch {
    text = null;
  }
  if (!text) return { state: exampleState(), problems: ['the shared link is damaged (it could not be decompressed)'], fatal: true };
  return parseStateText(text);
}

/** Parse state JSON text, tolerating anything. */
export function parseStateText(text: string): ReadStateResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { state: exampleState(), problems: [`not valid JSON (${e instanceof Error ? e.message : String(e)})`], fatal: true };
  }
  return readState(raw);
}

/** The state to open with: a share link beats saved work, which beats the example. */
export function loadInitialState(loc: Pick<Location, 'hash'> = window.location, storage: Storage | undefined = safeStorage()): InitialState {
  const fromLink = decodeHash(loc.hash);
  if (fromLink) return { ...fromLink, source: 'link' };
  let text: string | null = null;
  try {
    text = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    text = null;
  }
  if (text === null) return { state: exampleState(), problems: [], source: 'example' };
  const r = parseStateText(text);
  if (r.problems.length === 0) return { ...r, source: 'storage' };
  // Autosave will overwrite the damaged copy: keep it aside so nothing is silently lost.
  let kept = false;
  try {
    storage?.setItem(BACKUP_KEY, text);
    kept = true;
  } catch {
    kept = false;
  }
  const note = kept ? ` (the unreadable copy was kept in localStorage "${BACKUP_KEY}")` : '';
  return { ...r, problems: r.problems.map((p, i) => `Saved work: ${p}${i === 0 ? note : ''}`), source: 'storage' };
}

/** Save to localStorage; returns an error message (quota, private mode) instead of throwing. */
export function saveLocal(state: DesignerState, storage: Storage | undefined = safeStorage()): string | undefined {
  if (!storage) return 'this browser does not allow saving (localStorage unavailable)';
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(state));
    return undefined;
  } catch (e) {
    return e instanceof DOMException && e.name === 'QuotaExceededError'
      ? 'too large to autosave in this browser: use "Save file" to keep it'
      : `autosave failed (${e instanceof Error ? e.message : String(e)})`;
  }
}

/** A link that reopens exactly this state. */
export function shareUrl(state: DesignerState, base: string = window.location.href): string {
  const url = new URL(base);
  url.hash = `${HASH_PARAM}=${compressToEncodedURIComponent(JSON.stringify(state))}`;
  return url.toString();
}

/** The file a "Save file" click downloads. */
export function stateFile(state: DesignerState): { name: string; text: string } {
  const stem = (state.title || state.event || 'schema').replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'schema';
  return { name: `${stem}${FILE_SUFFIX}`, text: JSON.stringify(state, null, 2) + '\n' };
}

function safeStorage(): Storage | undefined {
  try {
    return typeof window !== 'undefined' ? window.localStorage : undefined;
  } catch {
    return undefined;
  }
}
