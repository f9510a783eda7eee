import { PairRun } from '../run/pairRun';
import type { RunEvent, RunOptions } from '../run/types';
import type { DraftResult, ResolvedSide, SideId } from '../providers/types';
import type { BuiltPrompt, ParsedDraft } from '../prompt/types';
import { parseAnswer } from '../prompt/parseAnswer';
import { runChecksOffThread } from '../checks/offThread';
import type { CheckReport } from '../checks/types';

/** What dispatching one comparison needs: both sides, the prompt, and where the checks look. */
export interface ComparisonInput {
  repoRoot: string;
  /** The commit the checks apply patches to (HEAD when absent). */
  commit?: string;
  prompt: BuiltPrompt;
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

/** How the two sides ended: results, parsed drafts and checks. */
export interface ComparisonOutcome {
  results: Record<SideId, DraftResult>;
  drafts: Partial<Record<SideId, ParsedDraft>>;
  checks: Partial<Record<SideId, CheckReport>>;
  startGapMs: number;
}

const SIDES: readonly SideId[] = ['a', 'b'];

/** The text a side produced (partial text of a failed side included), for parsing and storage. */
export function textOf(r: DraftResult): string {
  return r.ok ? r.text : r.partialText;
}

/** Dispatch of one comparison: both streams, each draft parsed as it ends and checked; `done` never rejects. */
export class Comparison {
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
      return { ...this.snapshot({ a: this.run.results.a ?? o.a, b: this.run.results.b ?? o.b }), startGapMs: o.startGapMs };
    });
  }

  /** Cancels one side, or both. */
  cancel(side?: SideId): void { this.run.cancel(side); }

  /** Runs a side again after a failure; resolves with the new outcome of the whole comparison. */
  async retrySide(side: SideId): Promise<ComparisonOutcome> {
    await this.done;
    await this.run.retrySide(side);
    await this.checking[side];
    return { ...this.snapshot({ a: this.run.results.a as DraftResult, b: this.run.results.b as DraftResult }), startGapMs: 0 };
  }

  /** The parsed draft of a side, once it finished. */
  draft(side: SideId): ParsedDraft | undefined { return this.drafts[side]; }

  private snapshot(results: Record<SideId, DraftResult>): Omit<ComparisonOutcome, 'startGapMs'> {
    return { results, drafts: { ...this.drafts }, checks: { ...this.checks } };
  }

  private finishSide(side: SideId, result: DraftResult): void {
    const parsed = parseAnswer(textOf(result));
    this.drafts[side] = parsed;
    delete this.checks[side];
    if (!result.ok) return; // a failed side's partial text is kept (raw) but has no route and is not checked
    this.input.onParsed?.(side, parsed);
    if (this.input.checks === false) return;
    this.input.onChecksStart?.(side);
    this.checking[side] = runChecksOffThread({ repoRoot: this.input.repoRoot, commit: this.input.commit, draft: parsed,
      testCommand: this.input.testCommand, allowTestRun: this.input.allowTestRun, signal: this.input.signal })
      .then((report) => { this.checks[side] = report; this.input.onChecks?.(side, report); });
  }
}
