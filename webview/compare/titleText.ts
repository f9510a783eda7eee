/** Titles with `inline code`: paired backticks become <code> elements (text only, never HTML); a lone backtick stays. */
import { el } from '../shared/dom';

/** Splits a title into plain and code runs (pure, for tests). */
export function titleRuns(text: string): { code: boolean; text: string }[] {
  const runs: { code: boolean; text: string }[] = [];
  let rest = text;
  for (;;) {
    const open = rest.indexOf('`');
    const close = open < 0 ? -1 : rest.indexOf('`', open + 1);
    if (close < 0) break;
    if (open > 0) runs.push({ code: false, text: rest.slice(0, open) });
    if (close > open + 1) runs.push({ code: true, text: rest.slice(open + 1, close) });
    rest = rest.slice(close + 1);
  }
  if (rest) runs.push({ code: false, text: rest });
  return runs;
}

/** The title as DOM nodes: text nodes and <code> elements. */
export function titleNodes(text: string): Node[] {
  return titleRuns(text).map((r) => (r.code ? el('code', { text: r.text }) : document.createTextNode(r.text)));
}

/** The title as plain text (backticks dropped), for tooltips and accessible names. */
export function titlePlain(text: string): string { return titleRuns(text).map((r) => r.text).join(''); }
