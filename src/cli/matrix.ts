// Batch matrix: parse and validate matrix.yaml into a typed plan (no expansion here; see matrixCells.ts).
// Pure apart from the YAML parser; relative paths are resolved against the matrix file's folder.
import { isAbsolute, resolve } from 'node:path';
import { isScalar, parseDocument, visit } from 'yaml';

/** A repository of the matrix: absolute path plus the label it was written as (part of the cell id). */
export interface MatrixRepo { path: string; label: string; name?: string }

/** A paper of the matrix: an arXiv id/URL or file (`ref`), or a typed brief. `key` is its stable identity. */
export type MatrixPaper = { key: string; ref: string; label: string } | { key: string; brief: string; title?: string; label: string };

/** One model pair as `preset:model` strings, with optional base URL overrides. */
export interface MatrixPair { a: string; b: string; aBaseUrl?: string; bBaseUrl?: string }

/** A validated matrix. */
export interface Matrix {
  repos: MatrixRepo[];
  /** Pin mode: each paper is its own cell axis. Selection mode: all of them form one pool. */
  papers: MatrixPaper[];
  pairs: MatrixPair[];
  repeats: number;
  mode: 'pin' | 'selection';
  budget?: number;
  concurrency?: number;
  maxTokens?: number;
  /** Custom presets, same shape as the `pairwise.providers` setting (validated later by core). */
  providers?: unknown;
  /** Per-provider concurrency cap, keyed by preset id. */
  limits: Record<string, number>;
  /** User prices ($ per million tokens), keyed by model id (validated later by core). */
  prices?: unknown;
  /** Run the objective checks on every draft (default true). */
  checks: boolean;
  /** Retries per side inside a cell (core retry policy), default core's. */
  retries?: number;
}

/** A parsed matrix, or every problem found (each names the field and what to write). */
export type MatrixResult = { ok: true; matrix: Matrix } | { ok: false; errors: string[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const KNOWN = new Set(['repos', 'papers', 'pool', 'pairs', 'repeats', 'mode', 'budget', 'concurrency', 'maxTokens', 'providers', 'limits', 'prices', 'checks', 'retries']);

/** Normalises a path label so `./a/` and `a` give the same cell id. */
export function pathLabel(p: string): string {
  const s = p.trim().replace(/\\/g, '/').replace(/\/+$/, '').replace(/^(\.\/)+/, '');
  return s || '.';
}

function positiveInt(v: unknown, field: string, errors: string[], max = 1_000_000): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) { errors.push(`${field} must be a whole number from 1 to ${max}.`); return undefined; }
  return v;
}

function readRepos(raw: unknown, base: string, errors: string[]): MatrixRepo[] {
  if (!Array.isArray(raw) || raw.length === 0) { errors.push('repos must be a non-empty list of repository paths.'); return []; }
  const out: MatrixRepo[] = [];
  raw.forEach((r, i) => {
    const path = typeof r === 'string' ? r : isObj(r) && typeof r.path === 'string' ? r.path : undefined;
    if (!path || !path.trim()) { errors.push(`repos[${i}] must be a path or { path, name }.`); return; }
    const repo: MatrixRepo = { path: isAbsolute(path) ? path : resolve(base, path), label: pathLabel(path) };
    if (isObj(r) && typeof r.name === 'string' && r.name) repo.name = r.name;
    out.push(repo);
  });
  return out;
}

function readPapers(raw: unknown, base: string, field: string, errors: string[]): MatrixPaper[] {
  if (typeof raw === 'string') raw = [raw];
  if (!Array.isArray(raw) || raw.length === 0) { errors.push(`${field} must be a non-empty list of arXiv ids, paper files or { brief, title }.`); return []; }
  const out: MatrixPaper[] = [];
  raw.forEach((p, i) => {
    if (typeof p === 'string' && p.trim()) {
      const s = p.trim();
      const looksArxiv = /^(arxiv:|https?:\/\/)/i.test(s) || /^\d{4}\.\d{4,5}(v\d+)?$/.test(s);
      out.push({ key: looksArxiv ? s.toLowerCase() : pathLabel(s), ref: looksArxiv || isAbsolute(s) ? s : resolve(base, s), label: s });
    } else if (isObj(p) && typeof p.brief === 'string' && p.brief.trim()) {
      const title = typeof p.title === 'string' && p.title ? p.title : undefined;
      out.push({ key: `brief:${p.brief.trim()}`, brief: p.brief, ...(title ? { title } : {}), label: title ?? p.brief.trim().split('\n')[0].slice(0, 60) });
    } else errors.push(`${field}[${i}] must be an arXiv id, a paper file path, or { brief: "…", title: "…" }.`);
  });
  return out;
}

function readPairs(raw: unknown, errors: string[]): MatrixPair[] {
  if (!Array.isArray(raw) || raw.length === 0) { errors.push('pairs must be a non-empty list of { a: preset:model, b: preset:model }.'); return []; }
  const out: MatrixPair[] = [];
  raw.forEach((p, i) => {
    if (!isObj(p) || typeof p.a !== 'string' || typeof p.b !== 'string' || !p.a.includes(':') || !p.b.includes(':')) {
      errors.push(`pairs[${i}] must be { a: preset:model, b: preset:model }, e.g. { a: anthropic:claude-opus-4-7, b: zai:glm-5.2 }.`);
      return;
    }
    const pair: MatrixPair = { a: p.a.trim(), b: p.b.trim() };
    if (typeof p.aBaseUrl === 'string') pair.aBaseUrl = p.aBaseUrl;
    if (typeof p.bBaseUrl === 'string') pair.bBaseUrl = p.bBaseUrl;
    out.push(pair);
  });
  return out;
}

function readLimits(raw: unknown, errors: string[]): Record<string, number> {
  if (raw === undefined) return {};
  if (!isObj(raw)) { errors.push('limits must map preset ids to a concurrency, e.g. { anthropic: 4 }.'); return {}; }
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(raw)) {
    const n = positiveInt(v, `limits.${k}`, errors, 1000);
    if (n !== undefined) out[k] = n;
  }
  return out;
}

/** Validates a parsed YAML/JSON value as a matrix; `baseDir` anchors relative paths. */
export function matrixFromValue(raw: unknown, baseDir: string): MatrixResult {
  if (!isObj(raw)) return { ok: false, errors: ['The matrix must be a YAML mapping with repos, papers and pairs.'] };
  const errors: string[] = [];
  for (const k of Object.keys(raw)) if (!KNOWN.has(k)) errors.push(`Unknown matrix field "${k}" (known: ${[...KNOWN].join(', ')}).`);
  const mode = raw.mode ?? 'pin';
  if (mode !== 'pin' && mode !== 'selection') errors.push('mode must be pin or selection.');
  const paperField = mode === 'selection' && raw.pool !== undefined ? 'pool' : 'papers';
  if (mode === 'pin' && raw.pool !== undefined) errors.push('pool is only used with mode: selection; list papers under papers.');
  const repos = readRepos(raw.repos, baseDir, errors);
  const papers = readPapers(raw[paperField], baseDir, paperField, errors);
  const pairs = readPairs(raw.pairs, errors);
  const repeats = positiveInt(raw.repeats, 'repeats', errors, 1000) ?? 1;
  if (raw.checks !== undefined && typeof raw.checks !== 'boolean') errors.push('checks must be true or false.');
  const retries = raw.retries === 0 ? 0 : positiveInt(raw.retries, 'retries', errors, 10);
  const m: Matrix = { repos, papers, pairs, repeats, mode: mode === 'selection' ? 'selection' : 'pin', limits: readLimits(raw.limits, errors), checks: raw.checks !== false };
  const budget = positiveInt(raw.budget, 'budget', errors, 2_000_000);
  const concurrency = positiveInt(raw.concurrency, 'concurrency', errors, 256);
  const maxTokens = positiveInt(raw.maxTokens, 'maxTokens', errors, 1_000_000);
  if (budget !== undefined) m.budget = budget;
  if (concurrency !== undefined) m.concurrency = concurrency;
  if (maxTokens !== undefined) m.maxTokens = maxTokens;
  if (retries !== undefined) m.retries = retries;
  if (raw.providers !== undefined) m.providers = raw.providers;
  if (raw.prices !== undefined) m.prices = raw.prices;
  return errors.length ? { ok: false, errors } : { ok: true, matrix: m };
}

/**
 * Parses matrix YAML text (JSON is YAML too). Unquoted arXiv ids such as 2602.15760 are kept as written:
 * YAML would read them as numbers and drop the trailing zero.
 */
export function parseMatrix(text: string, baseDir: string): MatrixResult {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) return { ok: false, errors: [`The matrix is not valid YAML: ${doc.errors[0].message}`] };
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'number' && typeof node.source === 'string' && /^\d{4}\.\d{4,5}$/.test(node.source)) node.value = node.source;
    },
  });
  return matrixFromValue(doc.toJS(), baseDir);
}
