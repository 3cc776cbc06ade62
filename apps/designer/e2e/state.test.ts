// Persistence must survive anything a browser can hand back: old versions, truncated JSON,
// hand-edited files, damaged share links. These tests run in Node (no browser needed).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exampleState, readState, STATE_VERSION, typeNameFor, withDesign } from '../src/lib/state.js';
import { BACKUP_KEY, decodeHash, loadInitialState, parseStateText, shareUrl, STORAGE_KEY } from '../src/lib/storage.js';

function memoryStorage(init: Record<string, string> = {}): Storage {
  const m = new Map(Object.entries(init));
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

const field = { id: 'f1', name: 'email', type: 'email', optional: false, nullable: false };

describe('readState', () => {
  it('round-trips a full state through JSON', () => {
    const s = withDesign({ ...exampleState(), draft: 'draft-07', tab: 'validate', title: 'Send' }, 'emailSend', [field as never]);
    const r = parseStateText(JSON.stringify(s));
    expect(r.problems).toEqual([]);
    expect(r.state).toEqual(s);
  });

  it('falls back to the example for a wrong version and says why', () => {
    const r = readState({ v: 99, samples: [] });
    expect(r.state).toEqual(exampleState());
    expect(r.problems[0]).toMatch(/version 99/);
  });

  it('marks input that is not a designer state at all as fatal (a payload file, say)', () => {
    expect(readState({ email: 'a@b.c', eventName: 'emailSend' }).fatal).toBe(true);
    expect(readState([1, 2]).fatal).toBe(true);
    expect(parseStateText('{"a":1}\n{"a":2}').fatal).toBe(true);
    expect(readState(exampleState()).fatal).toBeUndefined();
  });

  it('drops damaged field trees but keeps the rest', () => {
    const bad = { ...field, properties: [{ id: 'x', name: 'n', type: 'not-a-type', optional: false, nullable: false }] };
    const r = readState({ ...exampleState(), designs: [{ event: 'a', fields: [bad] }, { event: 'b', fields: [field] }], title: 'Kept' });
    expect(r.state.designs.map((d) => d.event)).toEqual(['b']);
    expect(r.state.title).toBe('Kept');
    expect(r.problems.join()).toMatch(/1 edited field tree/);
  });

  it('keeps request-body form values as data, dropping entries that are not objects', () => {
    const raw = JSON.parse(
      JSON.stringify({ ...exampleState(), bodyValues: { 'iterable.users/update': { email: 'kay@example.com' }, bad: 3 } }).replace('"bad":3', '"bad":3,"__proto__":{"polluted":"yes"}'),
    ) as unknown;
    const r = readState(raw);
    expect(r.state.bodyValues['iterable.users/update']).toEqual({ email: 'kay@example.com' });
    expect(Object.keys(r.state.bodyValues)).toEqual(['iterable.users/update', '__proto__']);
    expect(Object.getPrototypeOf(r.state.bodyValues)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(readState({ ...exampleState(), bodyValues: 'x' }).state.bodyValues).toEqual({});
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = readState(v);
        expect(r.state.v).toBe(STATE_VERSION);
        expect(Array.isArray(r.state.samples)).toBe(true);
      }),
    );
  });
});

describe('storage', () => {
  it('reports corrupt saved work instead of crashing, and opens the example', () => {
    const storage = memoryStorage({ [STORAGE_KEY]: '{"v":1,"samples":[' });
    const r = loadInitialState({ hash: '' }, storage);
    expect(r.source).toBe('storage');
    expect(r.state.event).toBe(exampleState().event);
    expect(r.problems[0]).toMatch(/^Saved work: not valid JSON/);
    // …and the damaged copy is kept aside, since autosave is about to overwrite it.
    expect(storage.getItem(BACKUP_KEY)).toBe('{"v":1,"samples":[');
  });

  it('opens the example when nothing is saved', () => {
    const r = loadInitialState({ hash: '' }, memoryStorage());
    expect(r).toEqual({ state: exampleState(), problems: [], source: 'example' });
  });

  it('a share link beats saved work and reproduces the state', () => {
    const s = { ...exampleState(), title: 'Shared', samples: [JSON.parse('{"__proto__": {"x": 1}, "<b>": "x"}')] };
    const url = shareUrl(s, 'http://127.0.0.1:5178/?a=1');
    const r = loadInitialState({ hash: new URL(url).hash }, memoryStorage({ [STORAGE_KEY]: JSON.stringify(exampleState()) }));
    expect(r.source).toBe('link');
    expect(r.state).toEqual(JSON.parse(JSON.stringify(s)));
  });

  it('a damaged share link is reported', () => {
    const r = decodeHash('#state=%%%not-lz');
    expect(r?.problems[0]).toMatch(/damaged|not valid JSON/);
  });
});

describe('typeNameFor', () => {
  it('makes type names from event names', () => {
    expect(typeNameFor('emailSend')).toBe('EmailSend');
    expect(typeNameFor('user.updated')).toBe('UserUpdated');
    expect(typeNameFor('2fa_enabled')).toBe('T2faEnabled');
    expect(typeNameFor('')).toBe('');
  });
});
