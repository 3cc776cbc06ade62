/**
 * Browser stand-in for Node's `path` (POSIX flavour), for json-schema-to-typescript and
 * json-schema-ref-parser, which name files even when they only compile an in-memory schema.
 * Only the functions those libraries call are provided.
 */
export const sep = '/';
export const delimiter = ':';

function normalizeParts(parts: string[], absolute: boolean): string[] {
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(p);
  }
  return out;
}

export function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

export function normalize(p: string): string {
  if (p === '') return '.';
  const abs = isAbsolute(p);
  const trailing = p.endsWith('/');
  const body = normalizeParts(p.split('/'), abs).join('/');
  const s = (abs ? '/' : '') + body;
  return (s || (abs ? '/' : '.')) + (trailing && body ? '/' : '');
}

export function join(...parts: string[]): string {
  const joined = parts.filter((p) => p !== '').join('/');
  return joined === '' ? '.' : normalize(joined);
}

export function resolve(...parts: string[]): string {
  let acc = '';
  for (let i = parts.length - 1; i >= 0 && !isAbsolute(acc); i--) {
    const p = parts[i];
    if (p) acc = acc ? `${p}/${acc}` : p;
  }
  if (!isAbsolute(acc)) acc = `/${acc}`;
  const s = '/' + normalizeParts(acc.split('/'), true).join('/');
  return s;
}

export function dirname(p: string): string {
  if (p === '') return '.';
  const s = p.replace(/\/+$/, '');
  const i = s.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return s.slice(0, i);
}

export function basename(p: string, ext?: string): string {
  const s = p.replace(/\/+$/, '');
  let b = s.slice(s.lastIndexOf('/') + 1);
  if (ext && b.endsWith(ext) && b !== ext) b = b.slice(0, -ext.length);
  return b;
}

export function extname(p: string): string {
  const b = basename(p);
  const i = b.lastIndexOf('.');
  return i <= 0 ? '' : b.slice(i);
}

export function relative(from: string, to: string): string {
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

const path = { sep, delimiter, isAbsolute, normalize, join, resolve, dirname, basename, extname, relative } as const;
export const posix = path;
export const win32 = path;
export default { ...path, posix: path, win32: path };
