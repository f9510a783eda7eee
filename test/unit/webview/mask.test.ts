import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { maskIdentity, MODEL_MASK, SELF_MASK, VENDOR_MASK } from '../../../webview/compare/mask';

describe('maskIdentity', () => {
  test('masks every vendor and model name from the blind list', () => {
    const cases: [string, string][] = [
      ['Claude', MODEL_MASK], ['Anthropic', VENDOR_MASK], ['GLM-4.6', MODEL_MASK], ['Zhipu AI', VENDOR_MASK], ['z.ai', VENDOR_MASK],
      ['GPT-5.1', MODEL_MASK], ['OpenAI', VENDOR_MASK], ['Open AI', VENDOR_MASK], ['Kimi K2', MODEL_MASK], ['Moonshot AI', VENDOR_MASK],
      ['Gemini 2.5 Pro', MODEL_MASK], ['ChatGPT', MODEL_MASK], ['claude-opus-4-7', MODEL_MASK], ['glm-5.2', MODEL_MASK],
      ['kimi-k2-thinking', MODEL_MASK], ['gpt-4o-mini', MODEL_MASK], ['Claude Opus 4.7', MODEL_MASK], ['DeepSeek', MODEL_MASK],
    ];
    for (const [input, expected] of cases) {
      const r = maskIdentity(`Hello from ${input} here.`);
      assert.equal(r.text, `Hello from ${expected} here.`, input);
      assert.equal(r.count, 1, input);
    }
  });

  test('masks whole self-descriptions', () => {
    assert.equal(maskIdentity('As an AI model developed by OpenAI, I cannot run code.').text, `${SELF_MASK}, I cannot run code.`);
    assert.equal(maskIdentity('I am a large language model trained by Google.').text, `I am ${SELF_MASK}.`);
    assert.equal(maskIdentity('as an AI assistant created by Moonshot AI I think').text, `${SELF_MASK} I think`);
    assert.equal(maskIdentity("I'm GLM, made by Zhipu.").text, `I'm ${MODEL_MASK}, made by ${VENDOR_MASK}.`);
  });

  test('case-insensitive and plural forms', () => {
    assert.equal(maskIdentity('ANTHROPIC and openai and GPTs').text, `${VENDOR_MASK} and ${VENDOR_MASK} and ${MODEL_MASK}`);
  });

  test('leaves ordinary text alone', () => {
    for (const t of ['We fit a GLM to the counts.', 'a language model trained by minimizing loss', 'The paper (Smith 2024) proposes caching.',
      'Glmnet, glimpse, claudication, geminid, kimchi, moonshine', 'No vendor here: retry with backoff.']) {
      const r = maskIdentity(t);
      assert.equal(r.text, t);
      assert.equal(r.count, 0);
    }
  });

  test('is idempotent and the mask never forms a markdown link', () => {
    const once = maskIdentity('[Claude](https://anthropic.com) by Anthropic').text;
    assert.equal(maskIdentity(once).text, once);
    assert.doesNotMatch(once, /\[model\]/);
    assert.ok(!once.includes('Claude') && !once.includes('Anthropic'));
  });

  test('is fast enough to run at every render of a 50 KB draft', () => {
    const text = 'Lorem ipsum dolor sit amet, consectetur adipiscing. As noted by Claude, '.repeat(700);
    const t0 = performance.now();
    const r = maskIdentity(text);
    assert.ok(performance.now() - t0 < 200);
    assert.equal(r.count, 700);
  });

  test('extra host-supplied names are masked too (regex characters are literal, short terms ignored)', () => {
    const terms = ['claude-test', 'mocka', 'glm-5.2+beta', 'ab'];
    const r = maskIdentity('Built by mocka with claude-test and glm-5.2+beta; ab stays; mockable stays.', terms);
    assert.equal(r.text, `Built by ${MODEL_MASK} with ${MODEL_MASK} and ${MODEL_MASK}; ab stays; mockable stays.`);
    assert.equal(maskIdentity('glm-5x2+beta', terms).text.includes(MODEL_MASK), true, 'builtin GLM rule still applies');
    assert.equal(maskIdentity('nothing here', terms).count, 0);
  });

  test('normalizes before matching: zero-width joiners, Cyrillic look-alikes, full-width and ligature forms', () => {
    const hidden = ['Clau\u200Dde', '\u0421laude', '\u{1D402}\u{1D425}\u{1D41A}\u{1D42E}\u{1D41D}\u{1D41E}', 'Cl\u0430ude', 'Ｃｌａｕｄｅ', 'Clau\u00ADde', 'Op\u200Ben\u200CAI', 'G\u0420T-5', 'Gem\u0456ni 2.5 Pro'];
    for (const name of hidden) {
      const r = maskIdentity(`Hello, I am ${name}. Nice to meet you.`);
      assert.equal(r.count, 1, `${JSON.stringify(name)} -> ${r.text}`);
      assert.ok(!/[\u200B-\u200D\u00AD]/.test(r.text), 'the hidden characters of the masked name are gone with it');
      assert.match(r.text, /^Hello, I am ⟨(model|vendor)⟩\. Nice to meet you\.$/);
    }
    assert.equal(maskIdentity('I run \u0441laude-test here', ['claude-test']).count, 1, 'host-supplied names are matched normalized too');
  });

  test('normalizing keeps the rest of the text as it was (Cyrillic words, accents, emoji stay)', () => {
    const text = 'Привет, мир — café 😀 ﬁle and Claude.';
    const r = maskIdentity(text);
    assert.equal(r.text, `Привет, мир — café 😀 ﬁle and ${MODEL_MASK}.`);
    assert.equal(maskIdentity('Сорока и ворона').count, 0, 'ordinary Cyrillic words are not names');
  });
});
