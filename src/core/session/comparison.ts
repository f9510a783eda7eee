import { PairRun } from '../run/pairRun';
import type { RunEvent, RunOptions } from '../run/types';
import type { DraftResult, ResolvedSide, SideId } from '../providers/types';
import type { BuiltPrompt, ParsedDraft } from '../prompt/types';
import { parseAnswer } from '../prompt/parseAnswer';
import { picksMatch } from '../prompt/paperPick';
import { runChecksOffThread } from '../checks/offThread';
import { summarizeChecksForRecord } from '../checks/checkBadges';
import type { CheckReport } from '../checks/types';
import { SCHEMA_VERSION, type ComparisonRecord, type Mode } from '../results/schema';
import { newRecordId } from '../results/recordId';
import type { RepoInfo } from './repoInfo';
import { toSideRecord } from './sideRecord';

/** Everything one comparison needs; the same for the extension and the CLI. */
export interface ComparisonInput {
  repoRoot: string;
  repo: RepoInfo;
  paper?: ComparisonRecord['paper'];
  mode: Mode;
  prompt: BuiltPrompt;
  manifestHash?: string;
  a: ResolvedSide;
  b: ResolvedSide;
  options?: RunOptions;
  /** Run objective checks on each finished draft (default true). */
  checks?: boolean;
  testCommand?: string;
  allowTestRun?: boolean;
  onEvent?: (e: RunEvent) => void;
  /** Each side's parsed draft as soon as it finishes. */
  onParsed?: (side: SideId, draft: ParsedDraft) => void;
  /** A side's checks have started (its report follows through onChecks). */
  onChecksStart?: (side: SideId) => void;
  /** Each side's check report as soon as it is ready. */
  onChecks?: (side: SideId, report: CheckReport) => void;
  signal?: AbortSignal;
}

/** How a comparison ended: results, parsed drafts, checks and the record (verdict pending) ready to store. */
export interface ComparisonOutcome {
  id: string;
  results: Record<SideId, DraftResult>;
  drafts: Partial<Record<SideId, ParsedDraft>>;
  checks: Partial<Record<SideId, CheckReport>>;
  startGapMs: number;
  record: ComparisonRecord;
}

const SIDES: readonly SideId[] = ['a', 'b'];

/** The text a side produced (partial text of a failed side included), for parsing and storage. */
export function textOf(r: DraftResult): string {
  return r.ok ? r.text : r.partialText;
}

/** A started comparison: cancel one side or both; `done` resolves (never rejects) when both sides ended and were checked. */
export class Comparison {
  readonly id = newRecordId();
  readonly run: PairRun;
  readonly done: Promise<ComparisonOutcome>;
  private readonly drafts: Partial<Record<SideId, ParsedDraft>> = {};
  private readonly checks: Partial<Record<SideId, CheckReport>> = {};
  private readonly checking: Partial<Record<SideId, Promise<void>>> = {};

  constructor(private readonly input: ComparisonInput) {
    this.run = new PairRun({ a: input.a, b: input.b, prompt: input.prompt, options: input.options, signal: input.signal,
      onEvent: (e) => { input.onEvent?.(e); if (e.type === 'done' || e.type === 'failed') this.finishSide(e.side, e.result); } });
    this.done = this.run.start().then(async (o) => {
      await Promise.all(SIDES.map((s) => this.checking[s]));
      return { id: this.id, results: { a: o.a, b: o.b }, drafts: { ...this.drafts }, checks: { ...this.checks }, startGapMs: o.startGapMs,
        record: this.record({ a: this.run.results.a ?? o.a, b: this.run.results.b ?? o.b }) };
    });
  }

  /** Cancels one side, or both. */
  cancel(side?: SideId): void { this.run.cancel(side); }

  /** Runs a side again after a failure; resolves with the new outcome of the whole comparison. */
  async retrySide(side: SideId): Promise<ComparisonOutcome> {
    await this.done;
    await this.run.retrySide(side);
    await this.checking[side];
    const results = { a: this.run.results.a as DraftResult, b: this.run.results.b as DraftResult };
    return { id: this.id, results, drafts: { ...this.drafts }, checks: { ...this.checks }, startGapMs: 0, record: this.record(results) };
  }

  /** The parsed draft of a side, once it finished. */
  draft(side: SideId): ParsedDraft | undefined { return this.drafts[side]; }

  private finishSide(side: SideId, result: DraftResult): void {
    const text = textOf(result);
    const parsed = parseAnswer(text);
    this.drafts[side] = parsed;
    if (!result.ok) return; // a failed side's partial text is kept (raw) but has no route and is not checked
    this.input.onParsed?.(side, parsed);
    if (this.input.checks === false) return;
    this.input.onChecksStart?.(side);
    this.checking[side] = runChecksOffThread({ repoRoot: this.input.repoRoot, commit: this.input.repo.commit, draft: parsed,
      testCommand: this.input.testCommand, allowTestRun: this.input.allowTestRun, signal: this.input.signal })
      .then((report) => { this.checks[side] = report; this.input.onChecks?.(side, report); });
  }

  private record(results: Record<SideId, DraftResult>): ComparisonRecord {
    const i = this.input;
    const rec: ComparisonRecord = {
      schema: SCHEMA_VERSION, type: 'comparison', id: this.id, time: new Date().toISOString(),
      repo: { ...i.repo }, mode: i.mode,
      prompt: { templateVersion: i.prompt.templateVersion, prefixHash: i.prompt.prefixHash },
      sides: { a: toSideRecord(i.a, results.a, this.drafts.a), b: toSideRecord(i.b, results.b, this.drafts.b) },
      blind: false, swapped: false, verdict: 'pending',
    };
    if (i.paper) rec.paper = i.paper;
    if (i.manifestHash) rec.manifestHash = i.manifestHash;
    const checks = Object.fromEntries(SIDES.filter((s) => this.checks[s]).map((s) => [s, summarizeChecksForRecord(this.checks[s] as CheckReport)]));
    if (Object.keys(checks).length) rec.checks = checks;
    if (i.mode === 'selection' && this.drafts.a?.paperPick && this.drafts.b?.paperPick) {
      rec.selection = { samePaper: picksMatch(this.drafts.a.paperPick, this.drafts.b.paperPick) };
    }
    return rec;
  }
}
