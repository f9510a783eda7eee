/** Step one of a session: the context (repo files, paper, prompt) both shells send, and what the record says about the paper. */
import { buildContext } from '../context/buildContext';
import type { EditorSelection } from '../context/pinnedInputs';
import type { ContextManifest } from '../context/types';
import type { Paper } from '../paper/types';
import type { PromptTemplate } from '../prompt/template';
import type { BuiltPrompt } from '../prompt/types';
import type { Mode } from '../results/schema';
import { paperIdentity, type PaperRecord } from './identity';

/** A built context ready to send, plus what the record says about the paper. */
export interface PreparedRun {
  mode: Mode;
  prompt: BuiltPrompt;
  manifest: ContextManifest;
  /** The exact text that would be sent (system, blocks, task). */
  promptBytes: string;
  warnings: string[];
  /** The pinned paper as recorded (pin mode only). */
  paper?: PaperRecord;
}

/** What to build a context from: the repo, a pinned paper (pin) or a pool (selection), and the shell's extras. */
export interface PrepareInput {
  repoRoot: string;
  mode: Mode;
  papers: readonly Paper[];
  budgetTokens?: number;
  pinnedFiles?: string[];
  editorSelection?: EditorSelection;
  template?: PromptTemplate;
}

/** Builds the context; an error is a message the user can act on. */
export async function prepareRun(input: PrepareInput): Promise<{ ok: true; run: PreparedRun } | { ok: false; error: string }> {
  const pinned = input.mode === 'pin' ? input.papers[0] : undefined;
  const built = await buildContext({
    repoRoot: input.repoRoot,
    ...(input.mode === 'selection' ? { selection: { papers: [...input.papers] } } : pinned ? { paper: pinned } : {}),
    ...(input.budgetTokens ? { budgetTokens: input.budgetTokens } : {}),
    ...(input.pinnedFiles?.length ? { pinnedFiles: input.pinnedFiles } : {}),
    ...(input.editorSelection ? { editorSelection: input.editorSelection } : {}),
    ...(input.template ? { template: input.template } : {}),
  });
  if (!built.ok) return built;
  const run: PreparedRun = { mode: input.mode, prompt: built.prompt, manifest: built.manifest, promptBytes: built.promptBytes, warnings: built.warnings };
  if (pinned) run.paper = paperIdentity(pinned);
  return { ok: true, run };
}
