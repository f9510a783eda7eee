import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemblePrompt, hashPromptPrefix, renderPromptAudit } from '../../../../src/core/prompt/assemblePrompt';
import { DEFAULT_TEMPLATE } from '../../../../src/core/prompt/template';
import { loadTemplateFile, validateTemplate } from '../../../../src/core/prompt/templateLoader';
import { picksMatch, normalizePaperId } from '../../../../src/core/prompt/paperPick';
import { parseAnswer } from '../../../../src/core/prompt/parseAnswer';

const dirs: string[] = [];
after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('assemblePrompt', () => {
  test('prefix depends only on inputs; CRLF is normalized; task is outside the prefix hash', () => {
    const a = assemblePrompt({ mode: 'pin', repoName: 'r', repoText: 'line1\r\nline2', paperText: 'P', paperRef: 'the paper "X" above' });
    const b = assemblePrompt({ mode: 'pin', repoName: 'r', repoText: 'line1\nline2', paperText: 'P', paperRef: 'another ref' });
    assert.equal(a.prefixHash, b.prefixHash);
    assert.notEqual(a.task, b.task);
    assert.equal(a.blocks[0].text, 'line1\nline2');
    assert.equal(a.prefixHash, hashPromptPrefix(a.system, a.blocks));
    assert.notEqual(a.prefixHash, hashPromptPrefix(a.system, [{ kind: 'paper', text: 'line1\nline2' }, { kind: 'repo', text: 'P' }]));
    assert.ok(a.task.includes('===ROUTE===') && a.task.includes('the paper "X" above'));
    assert.ok(!a.task.includes('{{'));
    const audit = renderPromptAudit(a);
    assert.ok(audit.startsWith('<<<SYSTEM>>>\n'));
    assert.ok(audit.includes('<<<BLOCK 1: repo>>>\nline1\nline2\n\n<<<BLOCK 2: paper>>>\nP\n\n<<<TASK>>>\n'));
  });

  test('an answer written in the requested format parses back', () => {
    const p = assemblePrompt({ mode: 'selection', repoName: 'r', repoText: 'x', paperText: 'y', paperIds: ['arXiv:1', 'b'] });
    // Fill the format's own markers with values and parse them.
    const answer = p.task.slice(p.task.indexOf('===PAPER===')).replace(/^(?!===).*$/gm, '')
      .replace('===PAPER===\n', '===PAPER===\nb\n').replace('===ROUTE===\n', '===ROUTE===\nISSUE\n').replace('===TITLE===\n', '===TITLE===\nT\n');
    const d = parseAnswer(answer);
    assert.equal(d.paperPick, 'b');
    assert.equal(d.route, 'issue');
    assert.equal(d.title, 'T');
  });
});

describe('templates', () => {
  test('the default template is valid', () => {
    assert.ok(validateTemplate(DEFAULT_TEMPLATE).ok);
    assert.equal(DEFAULT_TEMPLATE.version, 'pairwise-prompt/1');
  });

  test('override files: JSON and @-sectioned text; placeholders are validated', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pw-tpl-'));
    dirs.push(dir);
    const json = join(dir, 't.json');
    await writeFile(json, JSON.stringify({ version: 'mine/1', system: 'S', task: 'Do {{repoName}}.\n{{answerFormat}}', selectionTask: 'Pick from {{paperIds}}\n{{answerFormat}}' }));
    const ok = await loadTemplateFile(json);
    assert.ok(ok.ok);
    const p = assemblePrompt({ template: ok.template, mode: 'pin', repoName: 'demo', repoText: 'x' });
    assert.equal(p.templateVersion, 'mine/1');
    assert.ok(p.task.startsWith('Do demo.\nAnswer in exactly this format'));

    const txt = join(dir, 't.prompt');
    await writeFile(txt, '@version mine/2\n@system\nBe brief.\n@task\n{{answerFormat}} {{bogus}}\n@selectionTask\n{{answerFormat}}\n');
    const bad = await loadTemplateFile(txt);
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.error, /"task" uses unknown placeholder \{\{bogus\}\}/);
    assert.match(bad.ok ? '' : bad.error, /"selectionTask" must contain \{\{paperIds\}\}/);

    await writeFile(txt, '@version pairwise-prompt/1\n@system\nS\n@task\n{{answerFormat}}\n@selectionTask\n{{answerFormat}} {{paperIds}}\n');
    const reused = await loadTemplateFile(txt);
    assert.match(reused.ok ? '' : reused.error, /reuses the built-in version/);
    const missing = await loadTemplateFile(join(dir, 'nope.json'));
    assert.match(missing.ok ? '' : missing.error, /Cannot read prompt template/);
  });
});

describe('paper picks', () => {
  test('picksMatch ignores version, case, arXiv prefixes and URLs', () => {
    assert.ok(picksMatch('arXiv:2602.15763v1', '2602.15763'));
    assert.ok(picksMatch('https://arxiv.org/abs/2602.15763v2', '**2602.15763**'));
    assert.ok(picksMatch('NONE', 'none.'));
    assert.ok(!picksMatch('NONE', '2602.15763'));
    assert.ok(!picksMatch('2602.15763', '2602.15764'));
    assert.ok(!picksMatch(undefined, '2602.15763'));
    assert.ok(!picksMatch(undefined, undefined));
    assert.ok(picksMatch('flash-attention', 'Flash-Attention'));
    assert.equal(normalizePaperId('`hep-th/9901001v3`'), 'hep-th/9901001');
  });
});
