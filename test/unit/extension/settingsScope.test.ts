// A repository's .vscode/settings.json is hostile input: settings that pick where data goes (results file, provider
// endpoints, arXiv hosts), what runs (the test command) or what is read (the prompt template) are application-scoped,
// so VS Code reads them from the user's own settings only and ignores a workspace's values.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..', '..');
const USER_ONLY = ['pairwise.providers', 'pairwise.resultsLocation', 'pairwise.resultsPath', 'pairwise.checks.testCommand',
  'pairwise.arxiv.apiBase', 'pairwise.arxiv.pdfBase', 'pairwise.promptTemplate', 'pairwise.sideA', 'pairwise.sideB', 'pairwise.judge.model'];

test('regression: a workspace cannot set where results go, which hosts get the prompt, or what runs (application scope)', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as
    { contributes: { configuration: { properties: Record<string, { scope?: string }> } } };
  const props = pkg.contributes.configuration.properties;
  for (const key of USER_ONLY) {
    assert.ok(props[key], `${key} is contributed`);
    assert.equal(props[key].scope, 'application', `${key} is read from the user's settings only`);
  }
  // Restricted-mode list and the user-only list agree on the settings that can send or write.
  const restricted = (pkg as unknown as { capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } } })
    .capabilities.untrustedWorkspaces.restrictedConfigurations;
  for (const key of restricted) assert.ok(USER_ONLY.includes(key), `${key} (restricted) is also user-only`);
});
