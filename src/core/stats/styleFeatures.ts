// Style and size features of one draft, the covariates of the style-controlled Bradley–Terry fit.

/** Names of the style covariates, in column order. */
export const STYLE_FEATURES = ['proseChars', 'patchLines', 'filesTouched', 'headers', 'lists', 'bold'] as const;
/** One style covariate. */
export type StyleFeature = (typeof STYLE_FEATURES)[number];
/** A draft's style covariates (counts). */
export type StyleVector = Record<StyleFeature, number>;

const FENCE = /^\s*(```|~~~)/;

/**
 * Counts a draft's style: prose length in characters (text outside code fences), patch lines added + removed,
 * files touched, Markdown headers, list items and bold spans (in the prose only, as Chatbot Arena's style control).
 * `patch` is the draft's unified diff when recorded apart from the text.
 */
export function styleFeatures(draft: string, patch = ''): StyleVector {
  let prose = 0, headers = 0, lists = 0, bold = 0;
  let inFence = false;
  const fenced: string[] = [];
  for (const line of draft.split('\n')) {
    if (FENCE.test(line)) { inFence = !inFence; continue; }
    if (inFence) { fenced.push(line); continue; }
    prose += line.length;
    if (/^#{1,6}\s/.test(line)) headers += 1;
    if (/^\s*([-*+]|\d+[.)])\s+/.test(line)) lists += 1;
    bold += (line.match(/\*\*[^*\n]+\*\*|__[^_\n]+__/g) ?? []).length;
  }
  const fencedDiff = fenced.some((l) => l.startsWith('+++ ') || l.startsWith('diff --git'));
  const diffLines = patch ? patch.split('\n') : fencedDiff ? fenced : [];
  let patchLines = 0, files = 0;
  for (const l of diffLines) {
    if (l.startsWith('+++ ')) { files += 1; continue; }
    if (l.startsWith('--- ')) continue;
    if ((l.startsWith('+') || l.startsWith('-')) && !l.startsWith('diff ')) patchLines += 1;
  }
  return { proseChars: prose, patchLines, filesTouched: files, headers, lists, bold };
}
