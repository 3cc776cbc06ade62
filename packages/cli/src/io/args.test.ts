import { describe, expect, it } from 'vitest';
import { UsageError, parseArgs, positiveIntFlag, stringFlags } from './args.js';

const SPECS = { output: { type: 'string', short: 'o' }, hint: { type: 'string', multiple: true }, each: { type: 'boolean' } } as const;

describe('parseArgs', () => {
  it('reads long, short, inline and repeated flags and keeps positionals in order', () => {
    const a = parseArgs(['a.json', '-o', 'out.json', '--hint=/a=enum', '--each', '-', '--hint', '/b=map', '--', '--weird'], SPECS);
    expect(a.positionals).toEqual(['a.json', '-', '--weird']);
    expect(a.flags.get('output')).toBe('out.json');
    expect(a.flags.get('each')).toBe(true);
    expect(stringFlags(a, 'hint')).toEqual(['/a=enum', '/b=map']);
  });

  it('rejects unknown flags, missing values, values on booleans and repeats', () => {
    expect(() => parseArgs(['--nope'], SPECS)).toThrow(/unknown option "--nope"/);
    expect(() => parseArgs(['-o'], SPECS)).toThrow(/needs a value/);
    expect(() => parseArgs(['--each=1'], SPECS)).toThrow(/takes no value/);
    expect(() => parseArgs(['-o', 'a', '--output', 'b'], SPECS)).toThrow(/given twice/);
    expect(() => parseArgs(['--toString'], SPECS)).toThrow(UsageError);
  });

  it('checks positive integers', () => {
    const spec = { jobs: { type: 'string' } } as const;
    expect(positiveIntFlag(parseArgs(['--jobs', '3'], spec), 'jobs')).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'two', '']) expect(() => positiveIntFlag(parseArgs(['--jobs', bad], spec), 'jobs')).toThrow(/positive integer/);
  });
});
