// ESLint flat config. The layer rules below are the architecture: see README "Design".
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const vscodeOnlyInExtension = { name: 'vscode', message: 'vscode may be imported only under src/extension/.' };
const noWebview = { group: ['**/webview/**', '**/webview'], message: 'src/extension and src/cli may import src/shared, never webview/.' };
const noTest = { group: ['**/test/**', '**/test'], message: 'nothing under src/ imports test/: move what src needs into src/ (test/ may re-use it).' };
const browserOnly = (where) => [{ name: 'vscode', message: `${where} runs in the browser: no vscode.` },
  ...nodeBuiltins.map((name) => ({ name, message: `${where} runs in the browser: no Node built-ins.` }))];
/** Runtime imports that would close a circle between the shared protocol files (type imports are fine). */
const protocolCircle = (files) => ({ group: files, message: 'protocol files import no runtime code from each other in a circle: messenger <- panelProtocol <- compare/dashboardProtocol.', allowTypeImports: true });

const sharedPatterns = [{ group: ['**/core/**', '**/extension/**', '**/cli/**', '**/webview/**', '**/webview'], message: 'src/shared is used by host and webview alike: it imports only src/shared.' }, noTest];

/** Import restrictions per layer, shared with test/unit/lintRules.test.ts. */
export const layerRules = {
  core: { paths: [vscodeOnlyInExtension],
    patterns: [{ group: ['**/extension/**', '**/extension', '**/webview/**', '**/webview', '**/cli/**', '**/cli'], message: 'src/core must not import src/extension, src/cli or webview.' }, noTest] },
  notExtension: { paths: [vscodeOnlyInExtension] },
  extension: { patterns: [noWebview, noTest] },
  cli: { paths: [vscodeOnlyInExtension], patterns: [noWebview, noTest] },
  shared: { paths: browserOnly('src/shared'), patterns: sharedPatterns },
  webview: { paths: browserOnly('webview/'),
    patterns: [{ regex: '(^|/)src(/(?!shared(/|$))|$)', message: 'webview/ may import only src/shared and webview/ code.' }, noTest] },
  // The protocol files form a chain; each may import (at run time) only files earlier in it.
  messenger: { paths: browserOnly('src/shared'), patterns: [...sharedPatterns, protocolCircle(['./*', '../*'])] },
  panelProtocol: { paths: browserOnly('src/shared'), patterns: [...sharedPatterns, protocolCircle(['./compareProtocol', './dashboardProtocol', './compare/*'])] },
  compareProtocol: { paths: browserOnly('src/shared'), patterns: [...sharedPatterns, protocolCircle(['./dashboardProtocol', './compare/*'])] },
  dashboardProtocol: { paths: browserOnly('src/shared'), patterns: [...sharedPatterns, protocolCircle(['./compareProtocol', './compare/*'])] },
};

/** Notifications show outside text only through src/extension/notify.ts (shared with test/unit/lintRules.test.ts). */
export const notifyRule = { selector: 'MemberExpression[property.name=/^show(Information|Warning|Error)Message$/]',
  message: 'Show messages through src/extension/notify.ts (showInfo/showWarning/showError): outside text must stay text.' };

const SPAWNERS = '/^(spawn|spawnSync|exec|execSync|execFile|execFileSync|fork)$/';
const GIT_CMD = '/^(.*[\\\\/])?git(\\.exe)?(\\s|$)/i';
const gitMessage = 'Spawn git only through src/core/git/runGit.ts (it runs git under a configuration Pairwise controls).';
/** Selectors forbidding starting git anywhere but src/core/git: direct calls, child_process.X(...) calls, template/command strings. */
export const gitSpawnSelectors = [
  { selector: `CallExpression[callee.name=${SPAWNERS}][arguments.0.value=${GIT_CMD}]`, message: gitMessage },
  { selector: `CallExpression[callee.property.name=${SPAWNERS}][arguments.0.value=${GIT_CMD}]`, message: gitMessage },
  { selector: `CallExpression[callee.name=${SPAWNERS}] > TemplateLiteral.arguments:first-child > TemplateElement[value.raw=${GIT_CMD}]`, message: gitMessage },
  { selector: `CallExpression[callee.property.name=${SPAWNERS}] > TemplateLiteral.arguments:first-child > TemplateElement[value.raw=${GIT_CMD}]`, message: gitMessage },
];
export const noGitSpawn = ['error', ...gitSpawnSelectors];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', 'test/fixtures/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', layerRules.notExtension],
    },
  },
  { files: ['src/**/*.ts', 'webview/**/*.ts'], ignores: ['src/core/git/**'], rules: { 'no-restricted-syntax': noGitSpawn } },
  { files: ['src/core/**/*.ts'], rules: { 'no-restricted-imports': ['error', layerRules.core] } },
  { files: ['src/cli/**/*.ts'], rules: { 'no-restricted-imports': ['error', layerRules.cli] } },
  { files: ['src/extension/**/*.ts'], rules: { 'no-restricted-imports': ['error', layerRules.extension] } },
  { files: ['test/integration/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['src/shared/**/*.ts'], rules: { 'no-restricted-imports': ['error', layerRules.shared] } },
  { files: ['webview/**/*.ts'], rules: { 'no-restricted-imports': ['error', layerRules.webview] } },
  // Protocol files: the same browser-only rules through the typed rule, plus the no-circle chain.
  ...['messenger', 'panelProtocol', 'compareProtocol', 'dashboardProtocol'].map((name) => ({
    files: [`src/shared/${name}.ts`],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-restricted-imports': ['error', layerRules[name]] },
  })),
  // One no-restricted-syntax list per file (a later block replaces an earlier one): notify + git spawning.
  { files: ['src/extension/**/*.ts'], ignores: ['src/extension/notify.ts'], rules: { 'no-restricted-syntax': ['error', notifyRule, ...gitSpawnSelectors] } },
);
