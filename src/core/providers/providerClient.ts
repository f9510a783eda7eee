// Opens a provider through its official SDK, loaded lazily so importing src/core/providers never loads an SDK.
import { providerKind } from './kinds';
import type { ProviderSetup, ProviderStream } from './sdkClient';

export type { ProviderSetup, ProviderStream } from './sdkClient';

/** Loads the SDK for the preset's kind and builds its client; an unknown kind rejects with a clear message. */
export async function openProvider(setup: ProviderSetup): Promise<ProviderStream> {
  return providerKind(setup.preset.kind).open(setup);
}
