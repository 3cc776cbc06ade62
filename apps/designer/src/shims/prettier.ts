/**
 * Browser stand-in for prettier. json-schema-to-typescript imports prettier at module load even
 * when called with `format: false`; the real package reads `process` at load time (which a browser
 * lacks) and weighs megabytes. Its output only needs indentation, so `format` re-indents the code
 * by bracket depth, skipping strings and comments.
 */
export async function format(source: string, options?: { style?: { tabWidth?: number }; tabWidth?: number }): Promise<string> {
  return reindent(source, options?.tabWidth ?? options?.style?.tabWidth ?? 2);
}

/** Indent each line by its `{`/`[`/`(` nesting depth; lines inside block comments get one extra space. */
export function reindent(source: string, width = 2): string {
  const out: string[] = [];
  let depth = 0;
  let inComment = false;
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (line === '') {
      out.push('');
      continue;
    }
    if (inComment || line.startsWith('/*')) {
      const pad = ' '.repeat(depth * width);
      out.push(inComment || !line.startsWith('/*') ? pad + ' ' + line : pad + line);
      inComment = !line.includes('*/');
      continue;
    }
    let opens = 0;
    let leadingCloses = 0;
    let seenOther = false;
    let quote = '';
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = '';
        continue;
      }
      if (c === '"' || c === "'" || c === '`') quote = c;
      else if (c === '/' && line[i + 1] === '/') break;
      else if (c === '{' || c === '[' || c === '(') opens++;
      else if (c === '}' || c === ']' || c === ')') {
        if (!seenOther && opens === 0) leadingCloses++;
        else opens--;
      }
      if (c !== '}' && c !== ']' && c !== ')' && c !== ' ') seenOther = true;
    }
    depth = Math.max(0, depth - leadingCloses);
    out.push(' '.repeat(depth * width) + line);
    depth = Math.max(0, depth + opens);
  }
  return out.join('\n');
}

export default { format };
