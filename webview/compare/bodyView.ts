/** The body of a column for the Rendered, Raw and Patch tabs (Diff spans both columns: diffView.ts). */
import type { SlotId, SlotView } from '../../src/shared/compareProtocol';
import { appendTextBlocks } from './rawBlocks';
import { button, el, icon } from '../shared/dom';
import { ClippedMarkdown, createMarkdownRenderer, renderMarkdown, MAX_RENDERED_CHARS } from './markdown';
import { answerToMarkdown } from './answerMarkdown';
import { IncrementalMarkdown } from './incrementalMarkdown';
import { summarizePatch } from './patchSummary';
import type { CompareTab } from '../../src/shared/compare/savedState';
import { sanitizeMarkdownHtml } from './sanitize';
import { displayText } from './slotView';

/** Actions from a column body. */
export interface BodyActions { openPatchDiff(slot: SlotId, path: string): void }

const MAX_PATCH_LINES = 5000;

/** Renders column bodies, skipping work when nothing visible changed. */
export class BodyRenderer {
  private readonly md = createMarkdownRenderer();
  private readonly streamed = new Map<SlotId, { inc: IncrementalMarkdown; stable: HTMLElement; tail: HTMLElement }>();
  private readonly clipped = new Map<SlotId, { cut: ClippedMarkdown; shown: HTMLElement }>();
  private readonly last = new Map<SlotId, { tab: CompareTab; masked: boolean; text: string; patch: string | null; status: SlotView['status']['kind'] }>();

  constructor(private readonly actions: BodyActions) {}

  /** Forgets caches (new run). */
  reset(): void { this.last.clear(); this.streamed.clear(); this.clipped.clear(); }

  /** Renders one column's body for the active tab. */
  render(slot: SlotId, target: HTMLElement, s: SlotView, tab: CompareTab, masked: boolean, terms: readonly string[] = []): void {
    const prev = this.last.get(slot);
    if (prev && prev.tab === tab && prev.masked === masked && prev.text === s.text && prev.patch === s.patch && prev.status === s.status.kind) return;
    this.last.set(slot, { tab, masked, text: s.text, patch: s.patch, status: s.status.kind });
    target.dataset.tab = tab;
    if (!s.text && tab !== 'patch') { target.replaceChildren(el('p', { class: 'pw-muted', text: emptyText(s) })); return; }
    const text = displayText(s.text, masked, terms);
    if (tab === 'raw') { target.replaceChildren(rawPre(text)); return; }
    if (tab === 'patch') { target.replaceChildren(this.patchView(slot, s, masked, terms)); return; }
    const md = answerToMarkdown(text);
    const live = s.status.kind === 'streaming' || s.status.kind === 'waiting' || s.status.kind === 'retrying';
    if (md.length <= MAX_RENDERED_CHARS) { this.renderIncremental(slot, target, md, live); return; }
    this.streamed.delete(slot);
    let c = this.clipped.get(slot);
    if (!c || c.shown.parentNode !== target) {
      c = { cut: new ClippedMarkdown(this.md), shown: el('div', { class: 'pw-markdown' }) };
      this.clipped.set(slot, c);
    }
    const html = c.cut.render(md);
    if (html === null) return; // the same first 400 KB are shown
    c.shown.replaceChildren(sanitizeMarkdownHtml(html));
    target.replaceChildren(c.shown, el('p', { class: 'pw-note', text: `Rendered the first ${Math.round(MAX_RENDERED_CHARS / 1000)} KB; the Raw tab shows everything.` }));
  }

  /**
   * Markdown through IncrementalMarkdown: while streaming, finished blocks are appended once and only the tail is
   * replaced; the final text renders whole but touches only what differs. Every string is sanitised before use.
   */
  private renderIncremental(slot: SlotId, target: HTMLElement, md: string, live: boolean): void {
    let c = this.streamed.get(slot);
    if (!c || c.stable.parentNode !== target) {
      c = { inc: new IncrementalMarkdown((src) => renderMarkdown(this.md, src).html), stable: el('div', { class: 'pw-markdown' }), tail: el('div', { class: 'pw-markdown pw-md-tail' }) };
      this.streamed.set(slot, c);
      target.replaceChildren(c.stable, c.tail);
    }
    const u = live ? c.inc.stream(md) : c.inc.final(md);
    if (u.kind === 'replace') c.stable.replaceChildren(sanitizeMarkdownHtml(u.stableHtml));
    else if (u.appendHtml) c.stable.append(sanitizeMarkdownHtml(u.appendHtml));
    if (u.tailHtml !== null) c.tail.replaceChildren(u.tailHtml ? sanitizeMarkdownHtml(u.tailHtml) : '');
  }

  private patchView(slot: SlotId, s: SlotView, masked: boolean, terms: readonly string[]): Node {
    if (!s.patch) {
      const why = s.route && s.route !== 'pr' ? `This draft chose the ${s.route === 'issue' ? 'issue' : s.route} route: there is no patch.` : 'No patch in this draft.';
      return el('p', { class: 'pw-muted', text: why });
    }
    const patch = displayText(s.patch, masked, terms);
    const summary = summarizePatch(s.patch);
    const wrap = el('div', { class: 'pw-patch' });
    if (!summary.ok) wrap.append(el('p', { class: 'pw-note pw-tone-warn' }, icon('warning'), el('span', { text: summary.message })));
    else {
      const list = el('ul', { class: 'pw-patch-files', attrs: { 'aria-label': 'Changed files' } });
      for (const f of summary.files) {
        list.append(el('li', { class: 'pw-patch-file' },
          icon(f.status === 'added' ? 'diff-added' : f.status === 'deleted' ? 'diff-removed' : f.status === 'renamed' ? 'diff-renamed' : 'diff-modified'),
          el('span', { class: 'pw-path', text: displayText(f.path, masked, terms), title: masked ? '' : displayText(f.path, false) }),
          el('span', { class: 'pw-plus', text: `+${f.added}`, attrs: { 'aria-label': `${f.added} lines added` } }),
          el('span', { class: 'pw-minus', text: `−${f.removed}`, attrs: { 'aria-label': `${f.removed} lines removed` } }),
          button('Open in diff editor', 'diff', { attrs: { 'aria-label': `Open in diff editor: ${f.path}` }, on: { click: () => this.actions.openPatchDiff(slot, f.path) } })));
      }
      wrap.append(summary.files.length ? list : el('p', { class: 'pw-muted', text: 'The patch names no files.' }));
    }
    const pre = el('pre', { class: 'pw-raw pw-patch-text' });
    const lines = patch.split('\n');
    for (const line of lines.slice(0, MAX_PATCH_LINES)) {
      const cls = line.startsWith('+++') || line.startsWith('---') ? 'pw-patch-meta' : line.startsWith('+') ? 'pw-line-add'
        : line.startsWith('-') ? 'pw-line-del' : line.startsWith('@@') ? 'pw-patch-hunk' : '';
      pre.append(el('span', { class: cls, text: `${line}\n` }));
    }
    if (lines.length > MAX_PATCH_LINES) pre.append(el('span', { class: 'pw-note', text: `… ${lines.length - MAX_PATCH_LINES} more lines (open the diff editor)` }));
    wrap.append(pre);
    return wrap;
  }
}

/** The Raw view: the exact text (a long draft in blocks laid out when seen: see appendTextBlocks). */
function rawPre(text: string): HTMLElement {
  const pre = el('pre', { class: 'pw-raw' });
  appendTextBlocks(pre, text);
  return pre;
}

function emptyText(s: SlotView): string {
  switch (s.status.kind) {
    case 'queued': return 'Queued.';
    case 'waiting': return 'Waiting for the first token…';
    case 'failed': return 'No output before the failure.';
    default: return 'No output.';
  }
}
