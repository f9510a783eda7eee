import * as vscode from 'vscode';

const PREFIX = 'pairwise.apiKey.';

/** API keys per provider preset, kept only in VS Code's SecretStorage. */
export class KeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** The stored key for a preset, if any. */
  get(presetId: string): Thenable<string | undefined> {
    return this.secrets.get(PREFIX + presetId);
  }

  /** Stores (or, with an empty string, deletes) the key for a preset. */
  async set(presetId: string, key: string): Promise<void> {
    if (key) await this.secrets.store(PREFIX + presetId, key);
    else await this.secrets.delete(PREFIX + presetId);
  }
}
