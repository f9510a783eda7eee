import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildContext } from '../../../../src/core/context/buildContext';
import { findOwnSecrets, looksLikeSecretValue } from '../../../../src/core/context/secretRules';
import { scanAndRedact } from '../../../../src/core/context/secretScan';
import { buildSecretCorpus, secretWindows } from './secretCorpus';
import { makeRepo, type TempRepo } from './repoFixture';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

describe('secret scan', () => {
  test('a planted corpus of >= 30 secret kinds: none reaches the built prompt', async () => {
    const corpus = buildSecretCorpus(1234);
    const kinds = new Set(corpus.secrets.map((s) => s.kind));
    assert.ok(kinds.size >= 30, `${kinds.size} kinds`);
    const exts = new Set(corpus.files.map((f) => f.path.replace(/^.*\//, '').replace(/^[^.]*/, '')));
    assert.ok(exts.size >= 15, `${exts.size} file types`);
    const repo = makeRepo(Object.fromEntries(corpus.files.map((f) => [f.path, f.content])), { git: true });
    repos.push(repo);
    // A budget large enough that every file would be sent whole.
    const r = await buildContext({ repoRoot: repo.root, budgetTokens: 200_000 });
    assert.ok(r.ok, r.ok ? '' : r.error);
    for (const s of corpus.secrets) {
      for (const w of secretWindows(s.value)) assert.ok(!r.promptBytes.includes(w), `${s.kind} leaked (${w.slice(0, 6)}…) from ${s.path}`);
      for (const block of r.prompt.blocks) assert.ok(!block.text.includes(s.value), s.kind);
    }
    // Every planted file is either dropped (listed with the reason) or sent with a redaction listed in the manifest.
    const sent = new Map(r.manifest.files.map((f) => [f.path, f]));
    const dropped = new Map(r.manifest.omitted.map((o) => [o.path, o]));
    for (const s of corpus.secrets) {
      const d = dropped.get(s.path);
      if (d) {
        assert.equal(d.reason, 'secret_file', s.kind);
        continue;
      }
      assert.ok(sent.get(s.path), `${s.kind}: ${s.path} neither sent nor omitted`);
      assert.ok(r.manifest.redactions.some((x) => x.path === s.path), `${s.kind}: no redaction listed`);
    }
    assert.ok(r.promptBytes.includes('[redacted: '));
    assert.equal(r.manifest.redactions.filter((x) => x.line < 1).length, 0);
  });

  test('a clean corpus of real source files has no false positives', async () => {
    const nm = join(process.cwd(), 'node_modules');
    const sources = [
      'diff/libcjs', 'markdown-it/lib', 'yaml/dist', 'ignore', 'proper-lockfile/lib', 'gpt-tokenizer/src', 'openai/resources',
      'typescript-eslint/dist', '@anthropic-ai/sdk/resources', 'dompurify/dist',
    ];
    const files: Record<string, string> = {};
    const repo = makeRepo({ 'README.md': '# clean\n' }, { git: false });
    repos.push(repo);
    let count = 0;
    for (const s of sources) {
      const dir = join(nm, s);
      let names: string[];
      try {
        names = readdirSync(dir, { recursive: true }).map(String);
      } catch {
        continue;
      }
      for (const n of names.filter((x) => /\.(js|ts|mjs|cjs|md)$/.test(x) && !/\.min\./.test(x)).sort().slice(0, 40)) {
        const abs = join(dir, n);
        if (!statSync(abs).isFile() || statSync(abs).size > 200_000) continue;
        const dest = `${s.replace(/\//g, '_')}/${n}`;
        files[dest] = abs;
        count++;
      }
    }
    for (const [dest, abs] of Object.entries(files)) {
      const target = join(repo.root, dest);
      await import('node:fs/promises').then((fs) => fs.mkdir(join(target, '..'), { recursive: true }));
      copyFileSync(abs, target);
    }
    assert.ok(count >= 150, `${count} clean files`);
    let falsePositives = 0;
    const hits: string[] = [];
    for (const dest of Object.keys(files)) {
      const text = (await import('node:fs/promises').then((fs) => fs.readFile(join(repo.root, dest), 'utf8')));
      const r = await scanAndRedact(dest, text);
      falsePositives += r.redactions.length;
      for (const x of r.redactions) hits.push(`${dest}:${x.line} ${x.rule}`);
    }
    console.log(`clean corpus: ${count} files, ${falsePositives} false positives${hits.length ? `: ${hits.join(', ')}` : ''}`);
    assert.equal(falsePositives, 0, hits.join('\n'));
  });

  test('own rules: entropy gate and placeholders', () => {
    assert.equal(looksLikeSecretValue('your-api-key-here'), false);
    assert.equal(looksLikeSecretValue('${API_TOKEN}'), false);
    assert.equal(looksLikeSecretValue('getAccessToken'), false);
    assert.equal(looksLikeSecretValue('auth_token_header'), false);
    assert.equal(looksLikeSecretValue('urn:ietf:params:oauth:token-type:jwt'), false);
    assert.equal(looksLikeSecretValue('q8Xz3LmP0vR7tY2w'), true);
    assert.deepEqual(findOwnSecrets('a.ts', 'const password: string = props.password;\nconst token = getToken();\n'), []);
    assert.deepEqual(findOwnSecrets('a.ts', 'const apiKey = process.env.API_KEY;\n'), []);
    assert.equal(findOwnSecrets('config.yml', 'db:\n  password: ${DB_PASSWORD}\n').length, 0);
    assert.equal(findOwnSecrets('config.yml', 'db:\n  password: s3cr3t-Pa55\n').length, 1);
  });

  test('a secretlint-disable comment does not switch the scan off', async () => {
    const token = `ghp_${'aB3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6'}`;
    const r = await scanAndRedact('x.ts', `// secretlint-disable\nconst t = "${token}";\n`);
    assert.ok(!r.text.includes(token));
    assert.equal(r.redactions[0].line, 2);
  });
});
