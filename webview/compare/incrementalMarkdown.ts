/**
 * Incremental rendering of a streaming Markdown draft. Finished blocks (up to the last blank line outside a code
 * fence, stableSplit.ts) are rendered once and kept; only the growing tail is rendered again, so an update costs
 * the same however long the draft gets. The final text is rendered whole (a list or reference split across chunks
 * comes out right then), but when the whole text's HTML starts with what is already shown, only the rest is new:
 * the final update then touches the tail alone instead of replacing (and re-sanitising) the whole column.
 * Pure (HTML strings only): the DOM side is bodyView.ts, which sanitises every string it inserts.
 */
import { stableSplit } from './stableSplit';

/** What to change in a column: replace everything, or append finished blocks and swap the tail. null: unchanged. */
export type MarkdownUpdate =
  | { kind: 'replace'; stableHtml: string; tailHtml: string }
  | { kind: 'extend'; appendHtml: string; tailHtml: string | null };

/** One column's incremental renderer. */
export class IncrementalMarkdown {
  private stableSrc = '';
  private stableHtml = '';
  private tailSrc: string | null = null;
  private isFinal = false;

  constructor(private readonly render: (src: string) => string) {}

  /** Forgets what is shown (the next update replaces everything). */
  reset(): void { this.stableSrc = ''; this.stableHtml = ''; this.tailSrc = null; this.isFinal = false; }

  /** The update for a draft still streaming. */
  stream(src: string): MarkdownUpdate {
    const continues = !this.isFinal && this.tailSrc !== null && src.startsWith(this.stableSrc);
    if (!continues) this.reset();
    const split = stableSplit(src, this.stableSrc.length);
    const added = src.slice(this.stableSrc.length, split);
    const appendHtml = added ? this.render(added) : '';
    const tail = src.slice(split);
    const tailHtml = tail === this.tailSrc ? null : this.render(tail);
    this.stableSrc = src.slice(0, split);
    this.stableHtml += appendHtml;
    this.tailSrc = tail;
    return continues ? { kind: 'extend', appendHtml, tailHtml } : { kind: 'replace', stableHtml: this.stableHtml, tailHtml: tailHtml ?? '' };
  }

  /** The update for the final text: rendered whole, touching only what differs from the streamed blocks. */
  final(src: string): MarkdownUpdate {
    const html = this.render(src);
    const continues = this.tailSrc !== null && !this.isFinal && src.startsWith(this.stableSrc) && html.startsWith(this.stableHtml);
    this.isFinal = true;
    if (!continues) {
      this.stableSrc = src; this.stableHtml = html; this.tailSrc = '';
      return { kind: 'replace', stableHtml: html, tailHtml: '' };
    }
    const tailHtml = html.slice(this.stableHtml.length);
    this.stableSrc = src; this.stableHtml = html; this.tailSrc = '';
    return { kind: 'extend', appendHtml: '', tailHtml };
  }
}
