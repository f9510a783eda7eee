/**
 * The one definition of what a record says about its repo, paper and drafts, whichever shell recorded it:
 * a paper is one paper (bare arXiv id + version), a title is cut at one length, a host is just the host.
 */
import type { Paper } from '../paper/types';
import type { ComparisonRecord } from '../results/schema';

/** The record's paper fields. */
export type PaperRecord = NonNullable<ComparisonRecord['paper']>;

/** Longest draft title kept in a record. */
export const TITLE_MAX = 300;

/** A draft title as recorded: trimmed to TITLE_MAX characters. */
export function recordTitle(title: string): string {
  return title.slice(0, TITLE_MAX);
}

/** The paper as recorded: an arXiv paper by its bare id (`2602.15763`) with its version apart; others by their id. */
export function paperIdentity(p: Paper): PaperRecord {
  return { id: p.arxivId ?? p.id, ...(p.version ? { version: p.version } : {}), title: p.title, hash: p.hash };
}

const ARXIV_LABEL = /^arxiv:(\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?\/\d{7})(v\d+)?$/i;

/** Normalises a recorded paper id written as a model-facing label (`arXiv:2602.15763v1`) to paperIdentity's form. */
export function normalizePaperRecord(paper: PaperRecord): PaperRecord {
  const m = typeof paper.id === 'string' ? ARXIV_LABEL.exec(paper.id) : null;
  if (!m) return paper;
  return { ...paper, id: m[1], ...(paper.version === undefined && m[2] ? { version: m[2] } : {}) };
}

/** Host of a base URL, for the record (never the path or query, which may carry tokens). */
export function hostOf(url: string): string | undefined {
  try { return new URL(url).host; } catch { return undefined; }
}
