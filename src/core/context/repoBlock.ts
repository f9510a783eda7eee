/** Renders the repository prompt block: header, map, whole files and the editor selection, byte-stable. */

/** Normalizes file text for the prompt: no BOM, LF line endings. */
export function normalizeFileText(text: string): string {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return t.indexOf('\r') < 0 ? t : t.replace(/\r\n?/g, '\n');
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** One file as sent: `<file path="…">` … `</file>`; a file sent in parts says so (`lines="shown/total"`). */
export function renderFileEntry(path: string, text: string, pinned = false, part?: { shownLines: number; totalLines: number }): string {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  const parts = part ? ` parts="${part.shownLines} of ${part.totalLines} lines; elided ranges are marked"` : '';
  return `<file path="${attr(path)}"${pinned ? ' pinned="true"' : ''}${parts}>\n${body}</file>`;
}

/** The editor selection as sent. */
export function renderSelectionEntry(path: string, startLine: number, endLine: number, text: string): string {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `<editor-selection path="${attr(path)}" lines="${startLine}-${endLine}">\n${body}</editor-selection>`;
}

/** Assembles the whole repository block. */
export function renderRepoBlock(repoName: string, mapText: string, fileEntries: string[], selectionEntry?: string): string {
  const parts = [`<repository name="${attr(repoName)}">`, mapText, ...fileEntries];
  if (selectionEntry) parts.push(selectionEntry);
  parts.push('</repository>');
  return parts.join('\n\n');
}

/** Tokens the block adds around the entries (header, separators); counted into the budget up front. */
export const REPO_BLOCK_OVERHEAD_TOKENS = 24;
