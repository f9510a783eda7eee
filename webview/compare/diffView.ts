/** Renders a DraftDiff side by side or inline, folding long unchanged runs. Text only via textContent. */
import { el } from '../shared/dom';
import { RAW_CHUNK } from './rawChunks';
import { appendTextBlocks } from './rawBlocks';
import { foldSame, type DiffLine, type DraftDiff, type Seg } from './textDiff';

const CONTEXT = 3;
/** Rows rendered at most; beyond this the view says how much it left out. */
export const MAX_DIFF_ROWS = 6000;

function lineContent(line: DiffLine | undefined, side: 'del' | 'add'): HTMLElement {
  const cell = el('td', { class: `pw-diff-text${line ? ` pw-diff-${side}` : ' pw-diff-empty'}` });
  if (!line) return cell;
  // A line longer than a chunk (a multi-megabyte single line took seconds to lay out) goes in blocks, unmarked.
  if (!line.segs || line.text.length > RAW_CHUNK) { appendTextBlocks(cell, line.text); return cell; }
  for (const s of line.segs) cell.append(segSpan(s));
  return cell;
}

function segSpan(s: Seg): Node {
  return s.kind === 'same' ? document.createTextNode(s.text) : el('span', { class: `pw-seg-${s.kind}`, text: s.text });
}

function num(n: number | null): HTMLElement { return el('td', { class: 'pw-diff-num', text: n === null ? '' : String(n), attrs: { 'aria-hidden': 'true' } }); }

/** Builds the diff table for a layout. */
export function renderDiff(diff: DraftDiff, layout: 'split' | 'inline', labels: { left: string; right: string }): HTMLElement {
  const table = el('table', { class: `pw-diff pw-diff-${layout}`, attrs: { role: 'table' } });
  const headRow = layout === 'split'
    ? el('tr', {}, el('th', { attrs: { colspan: '2' }, text: labels.left }), el('th', { attrs: { colspan: '2' }, text: labels.right }))
    : el('tr', {}, el('th', { attrs: { colspan: '3' }, text: `${labels.left} → ${labels.right}` }));
  const cols = layout === 'split' ? ['num', 'text', 'num', 'text'] : ['num', 'num', 'text'];
  table.append(el('colgroup', {}, ...cols.map((c) => el('col', { class: `pw-col-${c}` }))), el('thead', {}, headRow));
  const body = el('tbody');
  let rows = 0;
  const push = (tr: HTMLElement) => { if (rows++ < MAX_DIFF_ROWS) body.append(tr); };
  diff.blocks.forEach((block, bi) => {
    if (block.kind === 'same') {
      const fold = foldSame(block.lines, CONTEXT, bi === 0, bi === diff.blocks.length - 1);
      const sameRow = (i: number) => {
        const text = block.lines[i];
        return layout === 'split'
          ? el('tr', { class: 'pw-diff-same' }, num(block.startA + i), el('td', { class: 'pw-diff-text', text }), num(block.startB + i), el('td', { class: 'pw-diff-text', text }))
          : el('tr', { class: 'pw-diff-same' }, num(block.startA + i), num(block.startB + i), el('td', { class: 'pw-diff-text', text: `  ${text}` }));
      };
      for (let i = 0; i < fold.head; i++) push(sameRow(i));
      if (fold.hidden > 0) {
        const start = fold.head, end = fold.head + fold.hidden;
        const fr = el('tr', { class: 'pw-diff-fold' });
        const cell = el('td', { attrs: { colspan: layout === 'split' ? '4' : '3' } });
        const btn = el('button', { class: 'pw-link-button', text: `⋯ ${fold.hidden} unchanged lines (show)`, attrs: { type: 'button' } });
        btn.addEventListener('click', () => {
          const frag = document.createDocumentFragment();
          for (let i = start; i < end; i++) frag.append(sameRow(i));
          fr.replaceWith(frag);
        });
        cell.append(btn); fr.append(cell); push(fr);
      }
      for (let i = block.lines.length - fold.tail; i < block.lines.length; i++) push(sameRow(i));
      return;
    }
    if (layout === 'split') {
      const n = Math.max(block.del.length, block.add.length);
      for (let i = 0; i < n; i++) {
        const d = block.del[i], a = block.add[i];
        push(el('tr', { class: 'pw-diff-change' }, num(d?.no ?? null), lineContent(d, 'del'), num(a?.no ?? null), lineContent(a, 'add')));
      }
    } else {
      for (const d of block.del) push(el('tr', { class: 'pw-diff-change' }, num(d.no), num(null), prefixed(lineContent(d, 'del'), '− ')));
      for (const a of block.add) push(el('tr', { class: 'pw-diff-change' }, num(null), num(a.no), prefixed(lineContent(a, 'add'), '+ ')));
    }
  });
  table.append(body);
  const wrap = el('div', { class: 'pw-diff-wrap' }, diffSummary(diff, rows), table);
  return wrap;
}

function prefixed(cell: HTMLElement, sign: string): HTMLElement {
  cell.prepend(el('span', { class: 'pw-diff-sign', text: sign, attrs: { 'aria-hidden': 'true' } }));
  return cell;
}

function diffSummary(diff: DraftDiff, rows: number): HTMLElement {
  const notes: string[] = [`${diff.removed} lines only in the left draft, ${diff.added} only in the right, ${diff.unchanged} shared.`];
  if (diff.lineDiff === 'timeout') notes.push('The drafts are too different to align line by line; showing them whole.');
  if (diff.wordDiffSkipped > 0) notes.push(`Word highlights skipped in ${diff.wordDiffSkipped} large hunk(s).`);
  if (rows > MAX_DIFF_ROWS) notes.push(`Showing the first ${MAX_DIFF_ROWS} of ${rows} rows.`);
  return el('p', { class: 'pw-diff-summary pw-muted', text: notes.join(' ') });
}
