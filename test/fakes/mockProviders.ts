// Mock Anthropic / OpenAI-compatible servers for tests: the demo's providers (src/core/demo), re-used as is.
// `node --import tsx test/fakes/mockProviders.ts` starts both and prints their base URLs.
import { startMockProviders } from '../../src/core/demo/demoProviders';

export * from '../../src/core/demo/demoProviders';

if (process.argv[1]?.endsWith('mockProviders.ts')) {
  void startMockProviders().then((m) => {
    process.stdout.write(`anthropic mock: ${m.anthropic.url}\nopenai mock:    ${m.openai.url}\nCtrl+C to stop.\n`);
    process.on('SIGINT', () => { void m.close().then(() => process.exit(0)); });
  });
}
