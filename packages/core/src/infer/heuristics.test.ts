/**
 * The map heuristics test each key against cheap necessary conditions (length, first or last
 * character) before their regexes. A condition that rejected a key its regex accepts would
 * silently change which objects become maps: here every condition is checked on strings
 * generated from its own regex, and on arbitrary strings against the regex.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FREE_MAP_KEY, KEY_CLASS_PATTERNS, keyMayFit, MAP_NAME_KEY, mayBeFreeMap, mayBeMapName } from './heuristics.js';

const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const RUNS = env.CI ? 3000 : 300;

describe('map heuristics: prefilters never reject what their regex accepts', () => {
  // Generators: the regex itself where fast-check can (no `i` flag, no lookahead), else a
  // superset of it (case folded, lookaheads dropped) whose strings are then checked with it.
  const sources = [/^-?\d+$/, /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, /^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.+\-Z]*)?$/, /^[0-9a-fA-F]{8,}$/, /^(?:[A-Za-z]{1,12}[_\-:])?[A-Za-z0-9]{6,}$/, /^(?:[A-Z]{2,3}|[a-z]{2}(?:[-_][A-Za-z]{2,4})?)$/];
  const cases: [string, RegExp, RegExp, (k: string) => boolean][] = [
    ...KEY_CLASS_PATTERNS.map((re, i) => [`key class ${i} ${re}`, re, sources[i]!, (k: string) => keyMayFit(i, k)] as [string, RegExp, RegExp, (k: string) => boolean]),
    ['MAP_NAME_KEY', MAP_NAME_KEY, /^[A-Za-z_]{0,6}(?:ById|ByName|ByKey|ByFieldId|ByID|_by_id|_by_name|_by_key|Map|_map)$/, mayBeMapName],
    ['FREE_MAP_KEY', FREE_MAP_KEY, FREE_MAP_KEY, mayBeFreeMap],
  ];
  for (const [name, re, source, may] of cases) {
    it(name, () => {
      let accepted = 0;
      fc.assert(
        fc.property(fc.stringMatching(source), (k) => {
          if (!re.test(k)) return;
          accepted++;
          expect(may(k), k).toBe(true);
        }),
        { numRuns: RUNS },
      );
      expect(accepted).toBeGreaterThan(RUNS / 10); // the generator does reach the regex
      fc.assert(
        fc.property(fc.string({ maxLength: 40 }), (k) => {
          if (re.test(k)) expect(may(k), k).toBe(true);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('the prefilters do reject ordinary keys (else they would be pointless)', () => {
    for (const k of ['d', 'c', 'name', 'items']) {
      expect(KEY_CLASS_PATTERNS.some((_, i) => keyMayFit(i, k) && i < 2)).toBe(false);
    }
    expect(mayBeMapName('user')).toBe(false);
    expect(mayBeFreeMap('c')).toBe(false);
  });
});
