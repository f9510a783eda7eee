/** Data shapes of a context run: candidate files, omissions, redactions and the manifest. */

/** Why a file was left out of the prompt. */
export type OmitReason =
  | 'binary'
  | 'lockfile'
  | 'vendored'
  | 'generated'
  | 'minified'
  | 'too_large'
  | 'secret_file'
  | 'secret_dense'
  | 'symlink_outside_root'
  | 'unsafe_path'
  | 'git_dir'
  | 'not_a_file'
  | 'unreadable'
  | 'over_budget';

/** A file sent in full (after redaction). */
export interface ManifestFileSent {
  path: string;
  bytes: number;
  tokens: number;
  /** 1-based position in the ranking (pinned files and the editor selection come first). */
  rank: number;
  /** Why it ranked where it did, e.g. "manifest; recently changed". */
  reason: string;
  redactions: number;
  /** Set when only the matching parts of a large file were sent (the rest elided and marked). */
  excerpt?: { shownLines: number; totalLines: number };
}

/** A file (or directory) left out, with the reason. */
export interface ManifestFileOmitted {
  path: string;
  reason: OmitReason;
  detail?: string;
}

/** One redacted value: where and by which rule. The value itself is never stored. */
export interface ManifestRedaction {
  path: string;
  rule: string;
  line: number;
}

/** Totals of what is sent (repo block + paper block). */
export interface ManifestTotals {
  files: number;
  bytes: number;
  tokens: number;
}

/** The paper part of a manifest. */
export interface ManifestPaper {
  id: string;
  title: string;
  source: string;
  version?: string;
  hash: string;
  tokens: number;
  omittedSections: string[];
}

/** Everything about what one run sends; JSON-serialisable and free of timestamps and absolute paths. */
export interface ContextManifest {
  schema: 'pairwise-manifest/1';
  repoName: string;
  mode: 'pin' | 'selection';
  budgetTokens: number;
  files: ManifestFileSent[];
  omitted: ManifestFileOmitted[];
  redactions: ManifestRedaction[];
  /** The tree map; outlineFiles/outlineTokens: the signatures of the top files listed after it (when a query ranked them). */
  repoMap: { paths: number; shownPaths: number; tokens: number; truncated: boolean; outlineFiles?: number; outlineTokens?: number };
  selection?: { path: string; startLine: number; endLine: number; tokens: number };
  papers: ManifestPaper[];
  totals: ManifestTotals;
  /** Token estimate per provider kind (o200k count for all; provider tokenizers differ slightly). */
  providerTokenEstimate: Record<string, number>;
  promptTemplateVersion: string;
  prefixHash: string;
  /** sha256 hex of the manifest's canonical JSON without this field. */
  manifestHash: string;
}
