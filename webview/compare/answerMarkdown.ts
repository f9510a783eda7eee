/** Turns a draft in the answer format (===ROUTE===, ===TITLE===, ===BODY===, ===PATCH===, ===REASON===, ===PAPER===) into Markdown for the Rendered view. */

const MARKER = /^[ \t>*#_`]*={3,}[ \t]*(ROUTE|TITLE|BODY|PATCH|DIFF|REASON|PAPER)[ \t]*={3,}[ \t*_`]*$/gim;

/**
 * A fence longer than any backtick run inside `text`. A loop: spreading every run into Math.max threw "Maximum call
 * stack size exceeded" for a patch of 200,000 fence lines (1 MB), and the column stopped rendering.
 */
function fenceFor(text: string): string {
  let longest = 2;
  for (const m of text.matchAll(/`{3,}/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(longest + 1);
}

/**
 * Route and title are shown by the column header, so they are left out; the body stays Markdown; the patch
 * becomes a fenced diff block; the reason and a picked paper become labelled lines. Text before the first
 * marker is kept. Text without markers (unparsed or still streaming its first line) is returned unchanged.
 */
export function answerToMarkdown(text: string): string {
  const marks = [...text.matchAll(MARKER)];
  if (marks.length === 0) return text;
  const out: string[] = [];
  const before = text.slice(0, marks[0].index).trim();
  if (before) out.push(before);
  marks.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = i + 1 < marks.length ? marks[i + 1].index : text.length;
    const content = text.slice(start, end).replace(/^\r?\n/, '').trimEnd();
    switch (m[1].toUpperCase()) {
      case 'BODY': if (content) out.push(content); break;
      case 'PATCH': case 'DIFF': {
        if (!content) break;
        const fenced = /^\s*(`{3,}|~{3,})/.test(content);
        if (fenced) { out.push(content); break; }
        const fence = fenceFor(content);
        out.push(`${fence}diff\n${content}\n${fence}`);
        break;
      }
      case 'REASON': if (content) out.push(`**Reason:** ${content}`); break;
      case 'PAPER': if (content) out.push(`**Picked paper:** ${content.split('\n')[0]}`); break;
      default: break; // ROUTE and TITLE: shown in the column header
    }
  });
  return out.join('\n\n');
}
