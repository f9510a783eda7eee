// A patch's file names as git apply reads them: a name that starts with `"` is C-quoted (git's unquote_c_style):
// `\a \b \f \n \r \t \v \\ \"` and three octal digits for a byte, the bytes read as UTF-8. Checked as written, the
// quoted `"b/.g\342\200\214it/hooks/x"` or `"b/x/\056git/config"` named no `.git` to the path checks while git
// applied it to `.g\u200cit/hooks/x` or `x/.git/config`.

const ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34 };

/** The quoted name at the start of s (which starts with `"`) and what follows it, or null when git would refuse the quoting. */
export function unquoteC(s: string): { name: string; rest: string } | null {
  if (!s.startsWith('"')) return null;
  const bytes: number[] = [];
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (c === '"') return { name: Buffer.from(bytes).toString('utf8'), rest: s.slice(i + 1) };
    if (c !== '\\') {
      const cp = s.codePointAt(i) ?? 0;
      const ch = String.fromCodePoint(cp);
      for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
      i += ch.length - 1;
      continue;
    }
    const e = s[++i];
    if (e !== undefined && e in ESCAPES) bytes.push(ESCAPES[e]);
    else if (/^[0-3][0-7]{2}$/.test(s.slice(i, i + 3))) {
      bytes.push(parseInt(s.slice(i, i + 3), 8));
      i += 2;
    } else return null;
  }
  return null;
}

/** The two names of a `diff --git` header when either is quoted (`"a/x" "b/y"`, `a/x "b/y"`, `"a/x" b/y`), else null. */
export function splitQuotedGitHeader(rest: string): [string, string] | null {
  if (rest.startsWith('"')) {
    const first = unquoteC(rest);
    if (!first || !first.rest.startsWith(' ')) return null;
    const tail = first.rest.replace(/^ +/, '');
    if (!tail.startsWith('"')) return tail ? [first.name, tail] : null;
    const second = unquoteC(tail);
    return second && second.rest === '' ? [first.name, second.name] : null;
  }
  if (!rest.endsWith('"')) return null;
  for (let i = rest.indexOf(' "'); i > 0; i = rest.indexOf(' "', i + 1)) {
    const second = unquoteC(rest.slice(i + 1));
    if (second && second.rest === '') return [rest.slice(0, i), second.name];
  }
  return null;
}
