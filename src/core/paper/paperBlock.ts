/** Renders a paper (or a pool of papers) as a prompt block, cut by section to a token budget. */
import { countTokens } from '../context/tokenCount';
import { SECTION_PRIORITY, splitSections, type PaperSection } from './paperSections';
import type { Paper } from './types';

/** A rendered paper block and what was left out. */
export interface PaperBlock {
  text: string;
  tokens: number;
  omittedSections: string[];
}

function header(p: Paper): string {
  const lines = [`Title: ${p.title}`];
  if (p.authors.length) lines.push(`Authors: ${p.authors.join(', ')}`);
  if (p.url) lines.push(`Source: ${p.url}`);
  if (p.abstract) lines.push('', 'Abstract:', p.abstract);
  return lines.join('\n');
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function cutToTokens(text: string, tokens: number): string {
  // Paragraph-wise prefix that fits.
  const paras = text.split(/\n\n+/);
  const out: string[] = [];
  let used = 0;
  for (const p of paras) {
    const t = countTokens(p) + 1;
    if (used + t > tokens) break;
    out.push(p);
    used += t;
  }
  return out.join('\n\n');
}

/** Renders one paper within budgetTokens: abstract and method sections first, others as space allows, order kept. */
export function renderPaperBlock(p: Paper, budgetTokens: number): PaperBlock {
  const open = `<paper id="${escapeAttr(p.id)}">`;
  const close = '</paper>';
  const head = header(p);
  let sections: PaperSection[] = splitSections(p.text, p.format);
  // The metadata abstract is already in the header.
  if (p.abstract) sections = sections.filter((s) => s.kind !== 'abstract');
  if (p.source === 'brief' && p.text === p.abstract) sections = [];
  const fixed = countTokens(`${open}\n${head}\n\n${close}`) + 2;
  const costs = sections.map((s) => countTokens(s.text) + 2);
  const order = sections.map((_, i) => i).sort((a, b) => SECTION_PRIORITY[sections[a].kind] - SECTION_PRIORITY[sections[b].kind] || a - b);
  let left = budgetTokens - fixed - 40;
  const keep = new Map<number, string>();
  for (const i of order) {
    if (costs[i] <= left && sections[i].kind !== 'references') {
      keep.set(i, sections[i].text);
      left -= costs[i];
    }
  }
  // Fill leftover space with the head of the most important section that did not fit whole.
  const partial = order.find((i) => !keep.has(i) && sections[i].kind !== 'references');
  if (partial !== undefined && left > 200) {
    const cut = cutToTokens(sections[partial].text, left - 30);
    if (cut) keep.set(partial, `${cut}\n[… rest of this section omitted to fit the budget]`);
  }
  const render = () => {
    const omittedSections: string[] = [];
    const body: string[] = [];
    let run: { names: string[]; tokens: number } | null = null;
    const endRun = () => {
      if (run) body.push(`[omitted to fit the budget: ${run.names.map((n) => `"${n}"`).join(', ')} (${run.tokens} tokens)]`);
      run = null;
    };
    sections.forEach((s, i) => {
      const kept = keep.get(i);
      if (kept !== undefined) {
        endRun();
        body.push(kept);
        return;
      }
      const name = s.heading || '(front matter)';
      omittedSections.push(name);
      run ??= { names: [], tokens: 0 };
      run.names.push(name);
      run.tokens += costs[i];
    });
    endRun();
    const text = [open, head, ...(body.length ? ['', body.join('\n\n')] : []), close].join('\n');
    return { text, tokens: countTokens(text), omittedSections };
  };
  let block = render();
  // Omission notes cost a little: drop the lowest-priority kept sections until the block fits.
  for (let k = order.length - 1; block.tokens > budgetTokens && k >= 0; k--) {
    if (keep.delete(order[k])) block = render();
  }
  return block;
}

/** Renders a pool for selection mode; each paper gets an equal share of the budget. */
export function renderPaperPool(papers: Paper[], budgetTokens: number): PaperBlock {
  const share = Math.floor((budgetTokens - 40) / Math.max(1, papers.length));
  const blocks = papers.map((p) => renderPaperBlock(p, share));
  const text = [`<paper-pool count="${papers.length}">`, ...blocks.map((b) => b.text), '</paper-pool>'].join('\n');
  return { text, tokens: countTokens(text), omittedSections: blocks.flatMap((b, i) => b.omittedSections.map((s) => `${papers[i].id}: ${s}`)) };
}
