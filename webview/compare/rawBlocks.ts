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
