// Argument parsing for every command (node:util parseArgs), with usage errors as values.
import { parseArgs } from 'node:util';

/** One option of a command, in parseArgs' shape. */
export interface OptionDef { type: 'string' | 'boolean'; short?: string; multiple?: boolean }

/** Options of a command by long name. */
export type OptionDefs = Record<string, OptionDef>;

/** Parsed flags and positionals. */
export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

/** Parses argv strictly (unknown flags are errors); `--help`/`-h` is always accepted. */
export function parseCommandArgs(argv: string[], options: OptionDefs, allowPositionals: boolean): { ok: true; args: ParsedArgs } | { ok: false; error: string } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
    return { ok: true, args: { values: values as ParsedArgs['values'], positionals } };
  } catch (e) {
    return { ok: false, error: (e as Error).message.replace(/\. To specify a positional argument.*$/s, '.') };
  }
}

/** A string flag's value (the last one when repeated). */
export function str(a: ParsedArgs, name: string): string | undefined {
  const v = a.values[name];
  if (Array.isArray(v)) { const last = v[v.length - 1]; return typeof last === 'string' ? last : undefined; }
  return typeof v === 'string' ? v : undefined;
}

/** A boolean flag (false when absent). */
export function flag(a: ParsedArgs, name: string): boolean {
  return a.values[name] === true;
}

/** A positive integer flag; undefined when absent, an error message when malformed. */
export function posInt(a: ParsedArgs, name: string, max = 10_000_000): number | undefined | { error: string } {
  const v = str(a, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < 1 || n > max) return { error: `--${name} must be a whole number from 1 to ${max}, not "${v}".` };
  return n;
}

/** A non-negative number flag (e.g. dollars); undefined when absent. */
export function nonNegNumber(a: ParsedArgs, name: string): number | undefined | { error: string } {
  const v = str(a, name);
  if (v === undefined) return undefined;
  const n = Number(v.replace(/^\$/, ''));
  if (!v.trim() || !Number.isFinite(n) || n < 0) return { error: `--${name} must be a number ≥ 0, not "${v}".` };
  return n;
}
