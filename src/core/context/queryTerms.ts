/** Turns a paper or brief into a code search query: the identifiers it names (whole and split) and its distinctive words. */
import { isAlnum, isLower, isLowerOrDigit, isUpper } from './asciiChars';

/** One query term (lower case; matched at the start of an identifier part, as a prefix) and its weight. */
export interface QueryTerm {
  term: string;
  weight: number;
}

/** The query: weighted terms, and the exact identifiers named (lower case) for symbol matches. */
export interface CodeQuery {
  terms: QueryTerm[];
  identifiers: Set<string>;
}

/** The parts of a paper the query reads (a brief has only a title and text). */
export interface QuerySource {
  title: string;
  abstract: string;
  text: string;
  source: string;
}

const STOP = new Set(
  (
    'about above across after again against also although among and any are approach based been before being below between both but can ' +
    'cannot could did does doing done down during each either else even every existing first for from further get gets given had has have ' +
    'having here how however into its itself just least less like made make makes many may might more most much must need needs new not ' +
    'now off often once one only other our out over paper per perform present previously propose proposed provide rather really same ' +
    'see seems several should show shows since some still such than that the their them then there these they thing things this those ' +
    'though through thus too under until use used uses using very want was way well were what when where whether which while who why ' +
    'will with within without would yet you your also fix fixes fixed fixing bug bugs issue issues closes close ref refs pull request ' +
    'commit merge merged change changes changed add adds added adding remove removed update updated instead actually because anyway sure ' +
    'better work works case cases result results method methods model models approach task tasks data learning show two three able ' +
    'true false none null nil self this return returns let var const def fn func function class value values'
  ).split(' '),
);

const IDENT = /[A-Za-z_][A-Za-z0-9_]*(?:(?:\.|::)[A-Za-z_][A-Za-z0-9_]*)*/g;

/** Splits an identifier into its lower-case parts: camelCase, PascalCase, snake_case, SCREAMING_CASE, digits. */
export function splitIdentifier(id: string): string[] {
  // One pass: a part ends at a non-alphanumeric, before an upper case letter that follows a lower case letter or a
  // digit, and before the last capital of a run that goes on in lower case ("HTTPResponse" → "http", "response").
  const out: string[] = [];
  let start = -1;
  for (let k = 0; k <= id.length; k++) {
    const c = k < id.length ? id.charCodeAt(k) : 0;
    if (!isAlnum(c)) {
      if (start >= 0) out.push(id.slice(start, k).toLowerCase());
      start = -1;
    } else if (start < 0) start = k;
    else if (isUpper(c)) {
      const p = id.charCodeAt(k - 1);
      if (isLowerOrDigit(p) || (isUpper(p) && isLower(id.charCodeAt(k + 1)))) {
        out.push(id.slice(start, k).toLowerCase());
        start = k;
      }
    }
  }
  return out;
}

/** A light stem for prefix matching: "unlinking" → "unlink", "parameters" → "parameter", "collide" → "collid". */
export function stem(word: string): string {
  let w = word;
  for (const suf of ['ing', 'ed', 'es', 's']) {
    if (w.length - suf.length >= 4 && w.endsWith(suf) && !w.endsWith('ss')) {
      w = w.slice(0, -suf.length);
      break;
    }
  }
  if (w.length >= 6 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** True when a token looks like code rather than prose: snake_case, camelCase, dotted, or a call. */
function codeLike(tok: string, after: string): boolean {
  return /[a-z0-9]_[a-z0-9]|^_+[a-z]/i.test(tok) || /[a-z][A-Z]/.test(tok) || /^[A-Z][a-z]+[A-Z]/.test(tok) || /\.|::/.test(tok) || after === '(';
}

/**
 * The longest term kept. No name is longer; a paper's text can be (a PDF's text layer of 2,000,000 x's made one
 * term, and its search pattern too large for the regex engine: the context build threw).
 */
export const MAX_QUERY_TERM_CHARS = 128;

function addTerm(acc: Map<string, number>, term: string, weight: number): void {
  if (term.length < 3 || term.length > MAX_QUERY_TERM_CHARS || STOP.has(term) || /^\d+$/.test(term)) return;
  acc.set(term, (acc.get(term) ?? 0) + weight);
}

/** How much of a paper's full text is read for identifiers (briefs are read whole). */
const TEXT_CHARS = 60_000;

/** Builds the query from papers/briefs: identifiers weigh most, then title words, then repeated words of the text. */
export function buildCodeQuery(papers: QuerySource[], maxTerms = 40): CodeQuery {
  const acc = new Map<string, number>();
  const identifiers = new Set<string>();
  for (const p of papers) {
    const body = p.source === 'brief' ? p.text : `${p.abstract}\n${p.text.slice(0, TEXT_CHARS)}`;
    const spans = [p.title, body];
    spans.forEach((span, si) => {
      // The code spans' texts on lines of their own: a token (no newline in it) is in one of them when it is in this text.
      const codeText = [...new Set((span.match(/`[^`\n]{2,80}`/g) ?? []).map((s) => s.slice(1, -1)))].join('\n');
      IDENT.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = IDENT.exec(span)) !== null) {
        const tok = m[0];
        const after = span.charAt(m.index + tok.length);
        const before = span.charAt(m.index - 1);
        const inCode = before === '`' || codeText.includes(tok);
        const isFlag = span.slice(Math.max(0, m.index - 2), m.index) === '--';
        const titleBoost = si === 0 ? 1.5 : 1;
        if (codeLike(tok, after) || (inCode && tok.length >= 3) || isFlag) {
          for (const part of tok.split(/\.|::/)) {
            if (part.length >= 3 && part.length <= MAX_QUERY_TERM_CHARS) identifiers.add(part.toLowerCase());
            addTerm(acc, part.toLowerCase().replace(/^_+/, ''), 2.5 * titleBoost);
            for (const sub of splitIdentifier(part)) addTerm(acc, stem(sub), 1 * titleBoost);
          }
        } else {
          for (const sub of splitIdentifier(tok)) addTerm(acc, stem(sub), (si === 0 ? 1.5 : 0.6) * (sub.length >= 5 ? 1 : 0.8));
        }
      }
    });
  }
  // Repetition counts, with diminishing returns; identifiers stay at the top.
  const terms = [...acc.entries()]
    .map(([term, w]) => ({ term, weight: Math.round(Math.min(w, 6) * 100) / 100 }))
    .sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1))
    .slice(0, maxTerms);
  return { terms, identifiers };
}
