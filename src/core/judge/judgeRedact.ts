/**
 * The judge is a third host, so what Pairwise composes for it is secret-scanned like the sides' context: the summary
 * blocks (the paper rendered afresh from a file, the cache or a brief; the manifest summary) and the paper title its
 * instructions quote. The sides' own prefix, reused byte for byte, was scanned when it was built and is left as is.
 */
import { scanAndRedactMany } from '../context/secretScan';
import type { ComparisonRecord } from '../results/schema';
import type { JudgeContext } from './judgeContext';

/** The context and paper name with every secret redacted; `redactions` counts them (0: unchanged). */
export async function redactForJudge(ctx: JudgeContext, paper: ComparisonRecord['paper']): Promise<{ context: JudgeContext; paper: ComparisonRecord['paper']; redactions: number }> {
  const composed = ctx.source === 'prompt' ? [] : ctx.blocks;
  const title = paper?.title ?? '';
  const scans = await scanAndRedactMany([...composed.map((b, i) => ({ path: `judge-${i}.txt`, text: b.text })), { path: 'judge-title.txt', text: title }]);
  const redactions = scans.reduce((n, s) => n + s.redactions.length, 0);
  if (!redactions) return { context: ctx, paper, redactions };
  const blocks = ctx.source === 'prompt' ? ctx.blocks : ctx.blocks.map((b, i) => ({ kind: b.kind, text: scans[i].text }));
  const titled = paper && scans[composed.length].redactions.length ? { ...paper, title: scans[composed.length].text } : paper;
  return { context: { ...ctx, blocks }, paper: titled, redactions };
}
