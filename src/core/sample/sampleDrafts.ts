/** A bundled, clearly labelled sample comparison: recorded drafts replayed without any key or network. */
export const SAMPLE = {
  label: 'Sample comparison (recorded, no model was called)',
  repo: { name: 'tinyattn (sample)', commit: '3f2c1a9', remote: 'sample://tinyattn' },
  paper: {
    id: 'sample:online-softmax',
    title: 'Online normalizer calculation for softmax (sample brief)',
    text: 'Compute softmax in one pass by keeping a running maximum and a rescaled running sum, avoiding a second pass over the logits and overflow for large inputs.',
  },
  sides: {
    a: { preset: 'sample-a', model: 'recorded-model-a', label: 'Recorded model A' },
    b: { preset: 'sample-b', model: 'recorded-model-b', label: 'Recorded model B' },
  },
  drafts: {
    a: `===ROUTE===
PR
===TITLE===
Use an online (single-pass) softmax in \`tinyattn/softmax.py\`
===BODY===
The paper's online normalizer keeps a running maximum \`m\` and a running sum \`d\` that is rescaled
whenever \`m\` grows, so softmax needs one pass over the logits instead of two and never overflows.

\`tinyattn/softmax.py:12\` currently calls \`np.exp(x)\` before subtracting the maximum, which overflows
for logits above ~709. \`attention()\` in \`tinyattn/attention.py\` calls it once per query row.

**Change**
- \`softmax()\` becomes single-pass with the running max/sum recurrence.
- A test with logits of 1000 checks there is no overflow and rows sum to 1.

| before | after |
|---|---|
| 2 passes, overflow > 709 | 1 pass, stable |
===PATCH===
diff --git a/tinyattn/softmax.py b/tinyattn/softmax.py
--- a/tinyattn/softmax.py
+++ b/tinyattn/softmax.py
@@ -9,5 +9,10 @@ import numpy as np
 
 def softmax(x):
     """Row-wise softmax."""
-    e = np.exp(x)
-    return e / e.sum(axis=-1, keepdims=True)
+    m = np.full(x.shape[:-1], -np.inf)
+    d = np.zeros(x.shape[:-1])
+    for j in range(x.shape[-1]):
+        m_new = np.maximum(m, x[..., j])
+        d = d * np.exp(m - m_new) + np.exp(x[..., j] - m_new)
+        m = m_new
+    return np.exp(x - m[..., None]) / d[..., None]
`,
    b: `===ROUTE===
ISSUE
===TITLE===
Numerical overflow in softmax; consider the online normalizer from the paper
===BODY===
## Summary
The softmax used by the attention layer can overflow for large logits. The paper describes a
single-pass "online normalizer" that fixes this and saves a pass over memory.

## Proposed experiments
1. Reproduce overflow with logits >= 710 in \`softmax()\`.
2. Implement the running-max recurrence and compare against \`scipy.special.softmax\`.
3. Benchmark one pass vs two passes on 4k x 4k inputs.

## Notes
- I could not find a test directory; a \`tests/\` folder should be added first.
- Related: \`tinyattn/attention.py\` may need a mask-aware variant.
===REASON===
A PR would need agreement on whether to keep NumPy-only semantics, so an Issue comes first.
`,
  },
  usage: {
    a: { inputTokens: 6120, outputTokens: 412, cacheReadTokens: 0, cacheWriteTokens: 5800 },
    b: { inputTokens: 6120, outputTokens: 388, cacheReadTokens: 5800, cacheWriteTokens: 0 },
  },
  ttftMs: { a: 900, b: 1400 },
  tokensPerSecond: { a: 120, b: 90 },
} as const;

/** The sample repo the drafts were written against (softmax.py lines 9-13 are what draft A's patch replaces). */
export const SAMPLE_REPO_FILES: Readonly<Record<string, string>> = {
  'README.md': '# tinyattn\n\nA tiny NumPy attention layer (the sample repository of Pairwise).\n',
  'tinyattn/__init__.py': 'from tinyattn.attention import attention\n',
  'tinyattn/softmax.py': [
    '"""Numerics used by the attention layer."""',
    'import numpy as np',
    '',
    '__all__ = ["softmax"]',
    '',
    '# Logits are float64 rows; the last axis is normalised.',
    'DTYPE = np.float64',
    'EPS = 1e-12',
    '',
    'def softmax(x):',
    '    """Row-wise softmax."""',
    '    e = np.exp(x)',
    '    return e / e.sum(axis=-1, keepdims=True)',
    '',
  ].join('\n'),
  'tinyattn/attention.py': [
    '"""Scaled dot-product attention."""',
    'import numpy as np',
    '',
    'from tinyattn.softmax import softmax',
    '',
    '',
    'def attention(q, k, v):',
    '    """One softmax per query row."""',
    '    scores = q @ k.T / np.sqrt(q.shape[-1])',
    '    return softmax(scores) @ v',
    '',
  ].join('\n'),
};
