/** Shared prompt and answer types: what is sent to both providers and what comes back. */

/** A cacheable prompt block; its text is byte-stable for the same inputs. */
export interface PromptBlock {
  kind: 'repo' | 'paper';
  text: string;
}

/** The prompt sent identically to both sides: system + cacheable blocks (the prefix) + the task. */
export interface BuiltPrompt {
  templateVersion: string;
  system: string;
  blocks: PromptBlock[];
  task: string;
  /** sha256 hex of system + blocks (see hashPromptPrefix). */
  prefixHash: string;
  /** 'pin' (one paper or none) or 'selection' (the model picks from a pool). */
  mode: PromptMode;
}

/** Prompt mode: one pinned paper, or a pool the model picks from. */
export type PromptMode = 'pin' | 'selection';

/** The route a model chose, or 'unparsed' when the answer could not be read. */
export type Route = 'pr' | 'issue' | 'skip' | 'unparsed';

/** A parsed model answer; raw always holds the exact text received. */
export interface ParsedDraft {
  route: Route;
  title: string;
  body: string;
  patch?: string;
  reason?: string;
  /** Selection mode: the paper id the model picked ('none' when it skipped the pool). */
  paperPick?: string;
  raw: string;
  warnings: string[];
}
