/**
 * Test helper: JSON with sorted keys and sorted `required` lists, so two schemas compare equal
 * iff they mean the same to a reader (property order and required order aside). Recursive: for
 * very deep schemas infer.test.ts has its own iterative version.
 */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (k, x: unknown) => {
    if (k === 'required' && Array.isArray(x)) return [...(x as string[])].sort();
    if (x !== null && typeof x === 'object' && !Array.isArray(x)) {
      const o: Record<string, unknown> = {};
      for (const key of Object.keys(x).sort()) Object.defineProperty(o, key, { value: (x as Record<string, unknown>)[key], enumerable: true });
      return o;
    }
    return x;
  });
}
