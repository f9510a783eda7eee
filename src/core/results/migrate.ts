import { SCHEMA_VERSION } from './schema';
import { normalizePaperRecord } from '../session/identity';

/** One upgrade step from schema `from` to `from + 1`, working on plain parsed JSON. */
export interface Migration { from: number; describe: string; up(raw: Record<string, unknown>): Record<string, unknown> }

/** Result of bringing one parsed line to the current schema. */
export type MigrateResult =
  | { ok: true; raw: Record<string, unknown>; from: number }
  | { ok: false; error: string; newer?: boolean };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const WINNER_V0: Record<string, string> = { A: 'a', B: 'b', a: 'a', b: 'b', tie: 'tie', bothbad: 'both_bad', both_bad: 'both_bad' };

function sideV0(s: unknown): unknown {
  if (typeof s === 'string') {
    const i = s.indexOf(':');
    return { preset: i > 0 ? s.slice(0, i) : 'unknown', model: i > 0 ? s.slice(i + 1) : s, status: 'ok' };
  }
  if (!isObj(s)) return s;
  const { tokens, outcome, latencyMs, firstTokenMs, usd, ...rest } = s;
  const out: Obj = { status: 'ok', ...rest };
  if (outcome !== undefined) {
    out.route = outcome === 'error' ? 'failed' : outcome;
    if (outcome === 'error') out.status = 'failed';
  }
  if (isObj(tokens)) out.usage = { input: tokens.in ?? 0, output: tokens.out ?? 0, cacheRead: tokens.cached ?? 0, cacheWrite: 0 };
  if (typeof latencyMs === 'number') out.totalMs = latencyMs;
  if (typeof firstTokenMs === 'number') out.ttftMs = firstTokenMs;
  if (usd !== undefined) out.cost = { usd: typeof usd === 'number' ? usd : null, basis: typeof usd === 'number' ? 'list' : 'unknown' };
  return out;
}

/**
 * v0 is the pre-release layout (no `schema`; `kind`, epoch-ms `ts`, `winner` 'A'|'B'|'tie'|'bothbad'|null,
 * `sideA`/`sideB` with `tokens {in,out,cached}`, `outcome`, `latencyMs`, `usd`; `repoName`; `pinned` for mode).
 */
const v0to1: Migration = {
  from: 0,
  describe: 'pre-release layout to v1 (sides, verdict, ISO time)',
  up(raw) {
    const { v: _v, kind, ts, winner, sideA, sideB, repoName, pinned, paperTitle, ...rest } = raw;
    const out: Obj = { ...rest, type: kind ?? rest.type ?? 'comparison' };
    if (typeof ts === 'number') out.time = new Date(ts).toISOString();
    else if (typeof ts === 'string') out.time = ts;
    if (out.type === 'comparison') {
      out.verdict = winner === null || winner === undefined ? 'pending' : (WINNER_V0[String(winner)] ?? String(winner));
      if (sideA !== undefined || sideB !== undefined) out.sides = { a: sideV0(sideA), b: sideV0(sideB) };
      if (repoName !== undefined && out.repo === undefined) out.repo = { name: repoName };
      if (paperTitle !== undefined && out.paper === undefined) out.paper = { title: paperTitle };
      if (out.mode === undefined) out.mode = pinned === false ? 'selection' : 'pin';
      out.prompt ??= {};
      out.blind ??= false;
      out.swapped ??= false;
    } else if (winner !== undefined && winner !== null) {
      out.verdict = WINNER_V0[String(winner)] ?? String(winner);
    }
    return out;
  },
};

/** Ordered upgrade steps; add one per schema bump. */
export const MIGRATIONS: readonly Migration[] = [v0to1];

/** Schema version a parsed line claims (`schema`, else legacy `v`, else 0). */
export function schemaOf(raw: Record<string, unknown>): number {
  if (typeof raw.schema === 'number') return raw.schema;
  if (typeof raw.v === 'number') return raw.v;
  return 0;
}

/** Brings one parsed line up to SCHEMA_VERSION by applying each migration step in turn. */
export function migrate(raw: unknown, migrations: readonly Migration[] = MIGRATIONS, target = SCHEMA_VERSION): MigrateResult {
  if (!isObj(raw)) return { ok: false, error: 'not a JSON object' };
  const from = schemaOf(raw);
  if (!Number.isInteger(from) || from < 0) return { ok: false, error: `invalid schema version ${String(from)}` };
  if (from > target) {
    return { ok: false, newer: true, error: `record has schema ${from}, newer than this Pairwise (${target}); update Pairwise to read it` };
  }
  let cur: Obj = raw;
  for (let v = from; v < target; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) return { ok: false, error: `no migration from schema ${v}` };
    cur = step.up(cur);
  }
  if (from !== target) cur = { ...cur, schema: target };
  return { ok: true, raw: normalizeIdentities(cur), from };
}

/**
 * Identity fixes that need no schema bump: the CLI once recorded an arXiv paper by its model-facing label
 * (`arXiv:2602.15763v1`) where the extension recorded `2602.15763` + version; both now read as the latter.
 */
export function normalizeIdentities(raw: Record<string, unknown>): Record<string, unknown> {
  if (raw.type !== 'comparison' || !isObj(raw.paper) || typeof raw.paper.id !== 'string') return raw;
  const paper = normalizePaperRecord(raw.paper as { id: string });
  return paper === raw.paper ? raw : { ...raw, paper };
}
