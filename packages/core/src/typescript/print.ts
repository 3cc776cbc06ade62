import type { AST, TInterface, TInterfaceParam, TTuple } from 'json-schema-to-typescript/dist/src/types/AST.js';

/** Printer settings (a subset of {@link ToTypeScriptOptions}, already defaulted). */
export interface PrintOptions {
  indent: string;
  strictIndexSignatures: boolean;
  unknownAny: boolean;
  bannerComment: string;
  /** Print JSDoc comments at all. */
  comments: boolean;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key as TypeScript source: bare when it is a plain identifier, else a JSON string. `__proto__` is always quoted. */
export function quoteKey(key: string): string {
  return IDENT.test(key) && key !== '__proto__' ? key : JSON.stringify(key);
}

/** A JSDoc block; `*\/` inside the text can't end the comment early. */
export function jsdoc(text: string, indent: string, deprecated = false): string {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/\*\//g, '*\\/').trimEnd());
  if (deprecated) lines.unshift('@deprecated');
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)).join('\n')}\n${indent} */\n`;
}

/** True when a type text has a top-level `|` or `&` (so it needs parentheses inside `[]` or `&`). */
function isCompound(text: string, op: '|' | '&' | 'any' = 'any'): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[' || c === '(' || c === '<') depth++;
    else if (c === '}' || c === ']' || c === ')' || c === '>') depth--;
    else if (depth === 0 && (c === '|' || c === '&') && (op === 'any' || op === c)) return true;
  }
  return false;
}

/**
 * Prints json-schema-to-typescript's AST as TypeScript declarations. We print ourselves rather
 * than use the library's generator because that module imports the library's Node entry (fs,
 * path, prettier), which must not reach the browser; see ./to-typescript.ts.
 */
export class Printer {
  private readonly declared = new Set<AST>();
  private readonly queue: AST[] = [];
  private readonly rendering = new Set<AST>();
  /** Anonymous cycles printed as `unknown` (the caller turns these into warnings). */
  readonly cycles: string[] = [];

  constructor(private readonly o: PrintOptions) {}

  /** All declarations: the root first, then every named type in order of first use. */
  print(root: AST, rootName: string): string {
    const out: string[] = [];
    if (this.o.bannerComment) out.push(this.o.bannerComment);
    const named = root.standaloneName ? root : { ...root, standaloneName: rootName };
    this.queue.push(named);
    this.declared.add(named);
    while (this.queue.length) out.push(this.declare(this.queue.shift()!));
    return out.join('\n\n') + '\n';
  }

  private declare(ast: AST): string {
    const name = ast.standaloneName!;
    const comment = this.o.comments && (ast.comment || ast.deprecated) ? jsdoc(ast.comment ?? '', '', ast.deprecated) : '';
    if (ast.type === 'INTERFACE') return `${comment}export interface ${name} ${this.renderInterface(ast, '')}`;
    return `${comment}export type ${name} = ${this.render(ast, '', true)};`;
  }

  private ref(ast: AST): string {
    if (!this.declared.has(ast)) {
      this.declared.add(ast);
      this.queue.push(ast);
    }
    return ast.standaloneName!;
  }

  private get top(): string {
    return this.o.unknownAny ? 'unknown' : 'any';
  }

  render(ast: AST, indent: string, declaring = false): string {
    if (!declaring && ast.standaloneName) return this.ref(ast);
    if (this.rendering.has(ast)) {
      this.cycles.push(ast.keyName ?? ast.type);
      return this.top;
    }
    this.rendering.add(ast);
    try {
      return this.renderRaw(ast, indent);
    } finally {
      this.rendering.delete(ast);
    }
  }

  private renderRaw(ast: AST, indent: string): string {
    switch (ast.type) {
      case 'ANY':
        return this.o.unknownAny ? 'unknown' : 'any';
      case 'UNKNOWN':
        return 'unknown';
      case 'BOOLEAN':
        return 'boolean';
      case 'NUMBER':
        return 'number';
      case 'STRING':
        return 'string';
      case 'NULL':
        return 'null';
      case 'NEVER':
        return 'never';
      case 'OBJECT':
        return `{ [k: string]: ${this.top} }`;
      case 'LITERAL':
        return JSON.stringify(ast.params);
      case 'CUSTOM_TYPE':
        // Only literal types to-typescript.ts printed itself reach here (schemas' own tsType is dropped).
        return ast.params;
      case 'REFERENCE':
        return this.top;
      case 'ARRAY': {
        const inner = this.render(ast.params, indent);
        return isCompound(inner) ? `(${inner})[]` : `${inner}[]`;
      }
      case 'TUPLE':
        return this.renderTuple(ast, indent);
      case 'ENUM':
        return this.union(ast.params.map((p) => this.render(p.ast, indent)));
      case 'UNION':
        return this.union(ast.params.map((p) => this.render(p, indent)));
      case 'INTERSECTION': {
        const members = [...new Set(ast.params.map((p) => this.render(p, indent)))].filter((m) => m !== 'unknown');
        if (members.length === 0) return `{ [k: string]: ${this.top} }`;
        if (members.length === 1) return members[0]!;
        return members.map((m) => (isCompound(m, '|') ? `(${m})` : m)).join(' & ');
      }
      case 'INTERFACE':
        return this.renderInterface(ast, indent);
    }
  }

  private union(members: string[]): string {
    const flat: string[] = [];
    for (const m of members) if (!flat.includes(m)) flat.push(m);
    if (flat.includes('any')) return 'any';
    if (flat.includes('unknown')) return 'unknown';
    if (flat.length === 0) return 'never';
    return flat.join(' | ');
  }

  private renderTuple(ast: TTuple, indent: string): string {
    const params = ast.params.map((p) => this.render(p, indent));
    const spread = ast.spreadParam ? this.render(ast.spreadParam, indent) : undefined;
    const min = Math.min(ast.minItems ?? 0, params.length);
    const tuple = (items: string[], withSpread: boolean) =>
      `[${[...items, ...(withSpread && spread ? [`...${isCompound(spread) ? `(${spread})` : spread}[]`] : [])].join(', ')}]`;
    if (params.length <= min) return tuple(params, true);
    // One tuple per allowed length: stricter than optional elements (`[A, B?]` admits undefined).
    const options: string[] = [];
    for (let n = min; n <= params.length; n++) options.push(tuple(params.slice(0, n), n === params.length));
    return options.join(' | ');
  }

  private renderInterface(ast: TInterface, indent: string): string {
    const inner = indent + this.o.indent;
    const params = ast.params.filter((p) => !p.isPatternProperty && !p.isUnreachableDefinition);
    if (params.length === 0) return '{}';
    const lines: string[] = [];
    for (const p of params) {
      const c = p.ast.standaloneName ? undefined : p.ast.comment;
      const comment = this.o.comments && (c || (!p.ast.standaloneName && p.ast.deprecated)) ? jsdoc(c ?? '', inner, !p.ast.standaloneName && p.ast.deprecated) : '';
      const key = p.isIndexSignature ? '[k: string]' : quoteKey(p.keyName);
      const type = p.isIndexSignature ? this.indexType(p, params, inner) : this.render(p.ast, inner);
      lines.push(`${comment}${inner}${key}${p.isRequired || p.isIndexSignature ? '' : '?'}: ${type};`);
    }
    return `{\n${lines.join('\n')}\n${indent}}`;
  }

  /** TypeScript wants every named property assignable to the index signature (TS2411): widen it. */
  private indexType(sig: TInterfaceParam, params: TInterfaceParam[], indent: string): string {
    const own = this.render(sig.ast, indent);
    if (own === 'unknown' || own === 'any') return own;
    const members = [own];
    let optional = this.o.strictIndexSignatures;
    for (const p of params) {
      if (p === sig || p.isIndexSignature) continue;
      const t = this.render(p.ast, indent);
      if (t === 'any' || t === 'unknown') return t;
      if (!p.isRequired) optional = true;
      members.push(t);
    }
    if (optional) members.push('undefined');
    return this.union(members);
  }
}
