// The subcommands as the dispatcher knows them before loading one: name, one-line summary and a loader, so
// `pairwise --help` loads no command module and each command loads only what it uses (the bundle splits per
// command: scripts/build.mjs). test/unit/cli/run.test.ts checks each summary equals its command's own.
import type { CliCommand } from './command';

/** One subcommand before it is loaded. */
export interface CommandEntry {
  name: string;
  /** One line for `pairwise help` (the same as the command's own summary). */
  summary: string;
  load(): Promise<CliCommand>;
}

/** Every subcommand, in help order. */
export const COMMAND_ENTRIES: readonly CommandEntry[] = [
  { name: 'context', summary: 'show the manifest of exactly what would be sent for a repo (+ paper); write the prompt with --out',
    load: async () => (await import('./commands/context')).contextCommand },
  { name: 'compare', summary: 'run two models on the same repo context + paper and record the pair (verdict pending)',
    load: async () => (await import('./commands/compare')).compareCommand },
  { name: 'batch', summary: 'run a matrix of repos × papers × model pairs (resumable, sharded, rate-limit aware); --demo to try it',
    load: async () => (await import('./commands/batch')).batchCommand },
  { name: 'judge', summary: 'let an LLM judge recorded comparisons in both orders (resumable, cost estimate first)',
    load: async () => (await import('./commands/judge')).judgeCommand },
  { name: 'report', summary: 'print the leaderboard, win rates, outcomes and cost tables of a results file',
    load: async () => (await import('./commands/report')).reportCommand },
  { name: 'export', summary: 'export results as csv, jsonl, md, arena-jsonl, arena-csv, comparator, audit',
    load: async () => (await import('./commands/export')).exportCommand },
  { name: 'merge', summary: 'merge results files (e.g. from batch shards) into one, deduplicated by record id',
    load: async () => (await import('./commands/merge')).mergeCommand },
  { name: 'import', summary: 'import LMArena-style battles (JSONL or CSV) into a results file',
    load: async () => (await import('./commands/import')).importCommand },
  { name: 'check', summary: 'run the grounding / patch / stub checks on a saved draft against a repo',
    load: async () => (await import('./commands/check')).checkCommand },
  { name: 'init-actions', summary: 'write a GitHub Actions workflow that runs a batch in parallel shards and publishes the report',
    load: async () => (await import('./commands/initActions')).initActionsCommand },
];

/** Loads every command (for tests and tools that need their options). */
export function loadAllCommands(): Promise<CliCommand[]> {
  return Promise.all(COMMAND_ENTRIES.map((e) => e.load()));
}
