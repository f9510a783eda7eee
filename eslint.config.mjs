// ESLint flat config. The layer rules below are the architecture: see README "Design".
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Import restrictions per layer, shared with test/unit/lintRules.test.ts. */
export const layerRules = {
  core: { paths: [{ name: 'vscode', message: 'src/core is pure Node: vscode may be imported only under src/extension/.' }],
    patterns: [{ group: ['**/extension/**', '**/extension', '**/webview/**', '**/webview'], message: 'src/core must not import src/extension or webview.' }] },
  notExtension: { paths: [{ name: 'vscode', message: 'vscode may be imported only under src/extension/.' }] },
  webview: { paths: [{ name: 'vscode', message: 'webview/ runs in the browser: no vscode.' },
    ...nodeBuiltins.map((name) => ({ name, message: 'webview/ runs in the browser: no Node built-ins.' }))],
    patterns: [{ group: ['**/core/**', '**/extension/**', '**/cli/**'], message: 'webview/ may import only src/protocol.ts and webview/ code.' }] },
};

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
  { files: ['src/core/**/*.ts'], rules: { 'no-restricted-imports': ['error', layerRules.core] } },
  { files: ['src/extension/**/*.ts', 'test/integration/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['webview/**/*.ts', 'src/protocol.ts', 'src/protocolMessenger.ts'], rules: { 'no-restricted-imports': ['error', layerRules.webview] } },
);
