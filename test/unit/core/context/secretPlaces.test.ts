// Secrets in more places (issue 12, item 5): secret-looking paths, URL credentials with an empty user, and the
// entropy detector for tokens passed to login/auth calls or assigned to credential-like names, with its false
// positives measured on three real codebases available offline (package sources in node_modules).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildContext } from '../../../../src/core/context/buildContext';
import { findEntropyTokens, isHighEntropyToken } from '../../../../src/core/context/entropyTokens';
import { dropSecretPaths, redactSecretPath, scanAndRedact, scanSecretPath } from '../../../../src/core/context/secretScan';
import type { Paper } from '../../../../src/core/paper/types';
import { makeRepo, type TempRepo } from './repoFixture';

const repos: TempRepo[] = [];
after(() => { for (const r of repos) r.cleanup(); });
const AKIA = 'AKIAQ3EGRTW7ZPLMN4VB';
const SHOPIFY_PATH = 'config/shpat_' + 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6' + '.json';

describe('secret-looking paths', () => {
  test('regression (issue 12): a secret-looking file name (keys/AKIA….txt) is left out and never shown unredacted in the map, headers or manifest', async () => {
    const repo = makeRepo({ 'src/app.ts': 'export const x = 1;\n', [`keys/${AKIA}.txt`]: 'not secret content\n', 'keys/readme.md': '# keys\n' }, { git: true });
    repos.push(repo);
    const r = await buildContext({ repoRoot: repo.root, budgetTokens: 4000 });
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.ok(!r.promptBytes.includes(AKIA), 'not in the prompt (map or file headers)');
    assert.ok(!JSON.stringify(r.manifest).includes(AKIA), 'not in the manifest');
    const o = r.manifest.omitted.find((x) => x.path.startsWith('keys/[redacted'));
    assert.equal(o?.reason, 'secret_file');
    assert.equal(o?.path, 'keys/[redacted: aws-access-key-id].txt');
    assert.ok(r.manifest.files.some((f) => f.path === 'src/app.ts'));
    assert.equal(redactSecretPath('src/app.ts'), null);
  });
  test('regression: a symlink to a secret-looking name (left out by its target\'s kind) shows the target redacted in the manifest', async () => {
    const repo = makeRepo({ 'src/app.ts': 'export const x = 1;\n', [`keys/${AKIA}.png`]: 'x' }, { git: true });
    repos.push(repo);
    symlinkSync(`keys/${AKIA}.png`, join(repo.root, 'logo.txt'));
    const r = await buildContext({ repoRoot: repo.root, budgetTokens: 4000 });
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.ok(!JSON.stringify(r.manifest).includes(AKIA), JSON.stringify(r.manifest.omitted));
    assert.equal(r.manifest.omitted.find((o) => o.path === 'logo.txt')?.detail, 'resolves to keys/[redacted: aws-access-key-id].png: by extension');
  });
  test('the listing is scanned in one pass and flags exactly the paths a scan of each path flags', async () => {
    const paths = [
      'src/app.ts', `keys/${AKIA}.txt`, 'a/ghp_' + 'Zq7Xp2Lm9Rk4Tv8Nb3Wc6Yd1Zq7Xp2Lm9Rk4T' + '.json', 'docs/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlX3Rlc3Q.md',
      'conf/redis://:Zk8q2mVt7pL4@cache', 'x/token="Jm4Qx8Rz2Tk6Wb9Np3Lv7Yc5"', 'plain/AKIA.txt', 'end-with-AKIA', `${AKIA}`, 'ok/readme.md', SHOPIFY_PATH,
    ];
    const oneByOne = async (ps: string[]) => (await Promise.all(ps.map((p) => scanSecretPath(p)))).filter((x): x is string => x !== null);
    const batch = await dropSecretPaths(paths);
    assert.deepEqual(batch.omitted.map((o) => o.path), await oneByOne(paths));
    assert.ok(batch.omitted.length >= 5, 'the corpus has secret-looking paths');
    assert.deepEqual(batch.kept, ['src/app.ts', 'plain/AKIA.txt', 'end-with-AKIA', 'ok/readme.md']);
    // A private-key block or a newline in a path falls back to the per-path scan.
    const odd = ['k/-----BEGIN RSA PRIVATE KEY-----', `n/line\n${AKIA}`, 'src/b.ts'];
    assert.deepEqual((await dropSecretPaths(odd)).omitted.map((o) => o.path), await oneByOne(odd));
  });

  test('regression: a file or pinned file named like a token only secretlint knows (Shopify, Linear…) is left out, its name redacted', async () => {
    const linear = 'notes/lin_api_' + 'aZ3kP9qL2mN8vB4xC7tY1wE6rU5iO0pAsDfGhJkL' + '.md';
    const repo = makeRepo({ 'src/app.ts': 'export const x = 1;\n', [SHOPIFY_PATH]: '{}\n', [linear]: '# notes\n' }, { git: true });
    repos.push(repo);
    const r = await buildContext({ repoRoot: repo.root, budgetTokens: 4000, pinnedFiles: [linear] });
    assert.ok(r.ok);
    if (!r.ok) return;
    for (const secret of ['a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', 'aZ3kP9qL2mN8vB4xC7tY1wE6rU5iO0pAsDfGhJkL']) {
      assert.ok(!r.promptBytes.includes(secret), 'the name was sent (map or file header)');
      assert.ok(!JSON.stringify(r.manifest).includes(secret), 'the name is in the manifest unredacted');
    }
    assert.ok(r.manifest.omitted.some((o) => o.reason === 'secret_file' && o.path === 'config/[redacted: secretlint/shopify].json'), JSON.stringify(r.manifest.omitted));
    assert.ok(r.manifest.files.some((f) => f.path === 'src/app.ts'));
  });
});

describe('secrets in the map and the outline', () => {
  test('regression: a secret in a signature (the outline) or a symbol name (the map) is redacted and listed, even for a file left out', async () => {
    const ghp = 'ghp_' + 'Zq7Xp2Lm9Rk4Tv8Nb3Wc6Yd1Zq7Xp2Lm9Rk4T';
    const repo = makeRepo({
      'README.md': '# demo\n',
      // Too large for the budget: left out, but its signatures are outlined.
      'src/tokenizer/cache.py': `def tokenizer_cache_connect(token="${ghp}"):\n    return token\n\nclass TokenizerMergeCache:\n    pass\n${'# filler\n'.repeat(3000)}`,
      'src/tokenizer/keys.ts': `export const ${AKIA} = 1;\nexport function tokenizerCache() { return 1; }\n`,
    }, { git: true });
    repos.push(repo);
    const paper: Paper = { source: 'brief', id: 'brief:1', title: 'Tokenizer caching', authors: [], abstract: '', text: 'Cache tokenizer merges: a TokenizerMergeCache and tokenizer_cache_connect.', format: 'txt', hash: 'h', warnings: [] };
    const r = await buildContext({ repoRoot: repo.root, paper, budgetTokens: 3000 });
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.ok(r.promptBytes.includes('<outline'), 'the outline was rendered');
    assert.ok(!r.promptBytes.includes(ghp), 'the token in a signature was sent');
    assert.ok(!r.promptBytes.includes(AKIA), 'the key named as a constant was sent');
    assert.ok(r.promptBytes.includes('token="[redacted: github-token]"'));
    assert.ok(!r.manifest.files.some((f) => f.path === 'src/tokenizer/cache.py'), 'the file itself was left out');
    assert.ok(r.manifest.redactions.some((x) => x.path === 'src/tokenizer/cache.py' && x.line === 1 && x.rule === 'github-token'), JSON.stringify(r.manifest.redactions));
    assert.ok(r.manifest.redactions.some((x) => x.path === '(repo map)' && x.rule === 'aws-access-key-id'), JSON.stringify(r.manifest.redactions));
  });

  test('regression: a private key\'s opening line in a signature is redacted without taking the outline\'s closing tag', async () => {
    const repo = makeRepo({
      'README.md': '# demo\n',
      'src/tokenizer/cache.py': 'def tokenizer_cache_load(pem="-----BEGIN RSA PRIVATE KEY-----"):\n    return pem\n\nclass TokenizerMergeCache:\n    pass\n',
    }, { git: true });
    repos.push(repo);
    const paper: Paper = { source: 'brief', id: 'brief:2', title: 'Tokenizer caching', authors: [], abstract: '', text: 'Cache tokenizer merges: TokenizerMergeCache and tokenizer_cache_load.', format: 'txt', hash: 'h', warnings: [] };
    const r = await buildContext({ repoRoot: repo.root, paper, budgetTokens: 3000 });
    assert.ok(r.ok);
    if (!r.ok) return;
    const text = r.prompt.blocks[0].text;
    const outline = text.slice(text.indexOf('<outline'));
    assert.match(outline, /^<outline[^\n]*>\nsrc\/tokenizer\/cache\.py:\nL1: def tokenizer_cache_load\(pem="\[redacted: [\w/-]+\]\n<\/outline>\n/);
    assert.ok(r.manifest.redactions.some((x) => x.path === 'src/tokenizer/cache.py' && x.line === 1), JSON.stringify(r.manifest.redactions));
  });
});

describe('URL credentials', () => {
  test('regression (issue 12): redis://:password@host (empty user) is redacted, like user:password@', async () => {
    const text = 'REDIS_URL = "redis://:Zk8q2mVt7pL4@cache.internal:6379/0"\nPG = "postgres://app:Zk8q2mVt7pL5@db:5432/x"\n';
    const out = await scanAndRedact('src/settings.py', text);
    assert.ok(!out.text.includes('Zk8q2mVt7pL4') && !out.text.includes('Zk8q2mVt7pL5'), out.text);
    assert.match(out.text, /redis:\/\/:\[redacted: [\w/-]+\]@cache\.internal/);
  });
});

const POSITIVES = [
  'client.login("admin", "q8Zr2LmX9vKp4TnB7wYc")',
  'await auth("Xk29sLqP0vN3mZ8rT5wY1bC4");',
  'sdk.setApiKey(\'Zq7Xp2Lm9Rk4Tv8Nb3Wc6Yd1\')',
  'const authCode = "a9F3kL2mQ8zX7vB1nR4tY6wP";',
  'session_key: \'N7q2Lx9PzR4mV8kT3bW6yC1d\'',
  'authToken = "Jm4Qx8Rz2Tk6Wb9Np3Lv7Yc5"',
  'api.authenticate(user, `Hq3Zt8Lw2Nv6Rb9Xk4Pm7Yc5`)',
  'COOKIE_SIGNING = "4f9a1c7e2b8d3f6a0c5e9b1d7f3a8c2e"',
];
const NEGATIVES = [
  'client.login("admin", "password")',
  'auth("some-kebab-case-identifier")',
  'authenticate(user, "application/json")',
  'const session = "createSessionFromCookieHeader";',
  'login(`${user}:${pass}`)',
  'authHeader: "Authorization"',
  'const authUrl = "https://example.com/oauth/authorize";',
  'setToken("YOUR_API_TOKEN_HERE_1234")',
  'credentials("sha256-abcdefABCDEF")',
  'sessionKey: "sess_2024_01_01_v2"',
  "{ session_id: 'sesn_011CZkZAtmR3yMPDzynEDxu7' }",
  "authId = 'usr_011CZkZAtmR3yMPDzynEDxu7'",
];

describe('entropy detector (rule entropy-token)', () => {
  test('finds random tokens handed to login/auth calls or assigned to credential-like names', () => {
    for (const line of POSITIVES) assert.equal(findEntropyTokens(line).length, 1, line);
  });
  test('leaves words, identifiers, URLs, templates and placeholders alone', () => {
    for (const line of NEGATIVES) assert.deepEqual(findEntropyTokens(line), [], line);
    assert.equal(isHighEntropyToken('abcdefghijklmnopqrstu'), false);
  });
  test('linear on pathological input: 1 MB of dotted runs, `$` runs and open calls each well under a second', () => {
    for (const s of ['a.'.repeat(500_000), 'a$'.repeat(500_000), 'login("'.repeat(150_000), `auth(${'"Q7x'.repeat(250_000)}`]) {
      const t0 = performance.now();
      findEntropyTokens(s);
      assert.ok(performance.now() - t0 < 1000, `${s.slice(0, 8)}…: ${(performance.now() - t0).toFixed(0)} ms`);
    }
  });
  test('redacts through scanAndRedact', async () => {
    const out = await scanAndRedact('src/client.ts', POSITIVES.join('\n'));
    for (const line of POSITIVES) {
      const token = /(["'`])([^"'`\s]{16,})\1(?![^"'`]*["'`][^"'`\s]{16,})/.exec(line)?.[2] ?? '';
      assert.ok(!out.text.includes(token), `${token} redacted`);
    }
  });
  test('false positives on three real codebases (package sources in node_modules): fewer than 1 per 10,000 lines each', () => {
    const root = resolve(__dirname, '../../../..');
    const codebases = ['node_modules/openai/src', 'node_modules/@anthropic-ai/sdk/src', 'node_modules/eslint/lib'];
    let total = 0;
    for (const dir of codebases) {
      const abs = join(root, dir);
      assert.ok(existsSync(abs), `${dir} is installed`);
      let lines = 0;
      let hits = 0;
      for (const e of readdirSync(abs, { recursive: true, withFileTypes: true })) {
        if (!e.isFile() || !/\.(m?js|ts)$/.test(e.name) || e.name.endsWith('.d.ts')) continue;
        const text = readFileSync(join(e.parentPath, e.name), 'utf8');
        lines += text.split('\n').length;
        hits += findEntropyTokens(text).length;
      }
      assert.ok(lines > 50_000, `${dir}: measured ${lines} lines`);
      const per10k = (hits / lines) * 10_000;
      console.log(JSON.stringify({ codebase: dir, lines, hits, per10kLines: Number(per10k.toFixed(3)) }));
      assert.ok(per10k < 1, `${dir}: ${hits} hits in ${lines} lines`);
      total += lines;
    }
    assert.ok(total > 300_000);
  });
});

describe('entropy detector stays linear', () => {
  test('regression: a quoted run of letters ending in a digit (a context build spun for minutes on a real repository)', () => {
    const t0 = performance.now();
    for (const n of [40, 200, 499]) {
      assert.equal(isHighEntropyToken(`${'a'.repeat(n)}1`), false);
      assert.equal(isHighEntropyToken(`${'Ab'.repeat(n >> 1)}1`), false);
      assert.equal(findEntropyTokens(`auth = "${'a'.repeat(n)}1"`).length, 0);
    }
    assert.ok(performance.now() - t0 < 500, `took ${Math.round(performance.now() - t0)} ms (was exponential: 1.9 s at 40 letters)`);
    assert.equal(isHighEntropyToken('kebab-case-words-only'), false);
    assert.equal(isHighEntropyToken('someCamelCaseIdentifierName'), false);
  });
});
