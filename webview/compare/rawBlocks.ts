/** Long text put into the view in blocks laid out only when seen (see rawChunks; the DOM side). */
import { el } from '../shared/dom';
import { rawChunks } from './rawChunks';

/**
 * Appends text to parent: as one text node up to one chunk, else as blocks Chromium lays out only when scrolled into
 * view (content-visibility), each with a class for its height before that (no style attribute: the view holds none).
 */
export function appendTextBlocks(parent: HTMLElement, text: string): void {
  const chunks = rawChunks(text);
  if (chunks.length === 1) {
    parent.append(document.createTextNode(text));
    return;
  }
  for (const c of chunks) {
    const lines = Math.min(8192, Math.max(64, 2 ** Math.ceil(Math.log2(c.lines))));
    const block = el('span', { class: `pw-raw-block pw-raw-l${lines}` });
    block.append(document.createTextNode(c.text));
    parent.append(block);
  }
}

/**
 * Copies a selection inside one element holding blocks as the text it holds: Chromium ends every block a selection
 * crosses with a line break, so a line longer than half a block (cut inside it) was copied with breaks the draft does
 * not have (a 5 MB single line: one every 64 KB). The blocks' text is the draft's (see rawChunks).
 */
export function copyBlocksExactly(doc: Document): void {
  const holder = (n: Node): Element | null | undefined => (n instanceof Element ? n : n.parentElement)?.closest('.pw-raw, .pw-diff-text');
  doc.addEventListener('copy', (e) => {
    const sel = doc.getSelection();
    if (!sel || sel.rangeCount !== 1 || !e.clipboardData) return;
    const range = sel.getRangeAt(0);
    const start = holder(range.startContainer);
    if (!start || start !== holder(range.endContainer) || !start.querySelector(':scope > .pw-raw-block')) return;
    e.clipboardData.setData('text/plain', range.toString());
    e.preventDefault();
  });
}
