import * as vscode from 'vscode';
import { PROVIDER_KIND_IDS, PROVIDER_KINDS } from '../core/providers/kinds';
import { BUILTIN_PRESETS, customPresetsFrom, findPreset, isBuiltinPresetName, resolveSide } from '../core/providers/presets';
import type { PriceTable, ProviderPreset, ResolvedSide, SideId } from '../core/providers/types';
import { readSettings } from './settings';
import { KeyStore } from './keys';
import { log } from './log';
import { plainItem, showInfo, uiText } from './notify';

/** Built-in plus user presets (problems in the user's map are logged once per call). */
export function allPresets(): Record<string, ProviderPreset> {
  const { presets, problems } = customPresetsFrom(readSettings().providers);
  for (const p of problems) log().warn(`pairwise.providers: ${p}`);
  return { ...BUILTIN_PRESETS, ...presets };
}

/** The user's custom presets only. */
function customPresets(): Record<string, ProviderPreset> {
  return customPresetsFrom(readSettings().providers).presets;
}

/** Resolves a side from settings and SecretStorage; the error says what to fix. */
export async function resolveConfiguredSide(which: SideId, keys: KeyStore): Promise<ResolvedSide | { error: string }> {
  const s = readSettings();
  const text = which === 'a' ? s.sideA : s.sideB;
  if (!text) return { error: `No model chosen for side ${which.toUpperCase()}. Run "Pairwise: Choose Models".` };
  return resolveConfiguredSpec(text, keys);
}

/** Resolves a `preset:model` (a side, or the judge) with the user's presets, prices and the preset's key from SecretStorage. */
export async function resolveConfiguredSpec(text: string, keys: KeyStore): Promise<ResolvedSide | { error: string }> {
  const s = readSettings();
  const { presets: custom, problems } = customPresetsFrom(s.providers);
  const preset = text.split(':')[0];
  // A custom entry for this name that was refused (e.g. it took a built-in's name or key variable): say so, send nothing.
  const refused = problems.find((p) => p.startsWith(`pairwise.providers.${preset}:`) || p.startsWith(`pairwise.providers.${preset}.`));
  if (refused) return { error: refused };
  const key = await keys.get(preset);
  return resolveSide(text, { custom, apiKey: key, pricingOverride: s.pricing as PriceTable });
}

/** Asks for one side (or the judge): a preset, then the model id. Returns `preset:model` or undefined when dismissed. */
export async function pickSide(label: string, current: string): Promise<string | undefined> {
  const presets = allPresets();
  const items: (vscode.QuickPickItem & { id?: string })[] = Object.values(presets).map((p) => plainItem({
    label: p.label, description: p.id, detail: `${p.kind} · ${p.baseUrl}${p.auth === 'none' ? ' · no key needed' : ''}`, id: p.id,
  }));
  items.push({ label: '$(add) Custom endpoint…', description: 'an OpenAI- or Anthropic-compatible base URL' });
  const picked = await vscode.window.showQuickPick(items, { title: `Pairwise: ${label} — provider`, placeHolder: current ? uiText(`now ${current}`) : 'Pick a provider preset' });
  if (!picked) return undefined;
  const presetId = picked.id ?? await addCustomPreset();
  if (!presetId) return undefined;
  const model = await vscode.window.showInputBox({ title: uiText(`Pairwise: ${label} — model id on ${presetId}`), value: current.startsWith(`${presetId}:`) ? current.slice(presetId.length + 1) : '',
    placeHolder: 'e.g. claude-opus-4-7, glm-5.2, gpt-5.1', validateInput: (v) => (v.trim() ? undefined : 'Enter a model id') });
  return model ? `${presetId}:${model.trim()}` : undefined;
}

/** Adds a custom endpoint to pairwise.providers; returns its id. */
async function addCustomPreset(): Promise<string | undefined> {
  const kinds = PROVIDER_KIND_IDS.map((k) => ({ label: k, description: PROVIDER_KINDS[k].label, id: k }));
  const kind = (await vscode.window.showQuickPick(kinds, { title: 'Pairwise: custom endpoint — API kind' }))?.id;
  if (!kind) return undefined;
  const baseUrl = await vscode.window.showInputBox({ title: 'Pairwise: custom endpoint — base URL', placeHolder: 'https://host/v1',
    validateInput: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? undefined : 'Enter an http(s) URL') });
  if (!baseUrl) return undefined;
  const id = await vscode.window.showInputBox({ title: 'Pairwise: custom endpoint — preset name', value: new URL(baseUrl).hostname.split('.')[0].replace(/[^a-z0-9-]/gi, '-').toLowerCase(),
    validateInput: (v) => (/^[a-z0-9][a-z0-9_-]*$/i.test(v) && !findPreset(v, customPresets()) && !isBuiltinPresetName(v) ? undefined : 'Letters, digits, - and _; not a built-in or existing preset name') });
  if (!id) return undefined;
  const cfg = vscode.workspace.getConfiguration('pairwise');
  const providers = { ...cfg.get<Record<string, unknown>>('providers', {}), [id]: { kind, baseUrl: baseUrl.trim(), auth: PROVIDER_KINDS[kind].defaultAuth } };
  await cfg.update('providers', providers, vscode.ConfigurationTarget.Global);
  return id;
}

/** `Pairwise: Choose Models`: args `{a, b}` set both without prompts (automation, tests). */
export async function chooseModels(args?: { a?: string; b?: string }): Promise<boolean> {
  const cfg = vscode.workspace.getConfiguration('pairwise');
  const a = args?.a ?? await pickSide('Side A', cfg.get('sideA', ''));
  if (!a) return false;
  const b = args?.b ?? await pickSide('Side B', cfg.get('sideB', ''));
  if (!b) return false;
  await cfg.update('sideA', a, vscode.ConfigurationTarget.Global);
  await cfg.update('sideB', b, vscode.ConfigurationTarget.Global);
  log().info(`models: A=${a} B=${b}`);
  return true;
}

/** `Pairwise: Set API Key`: args `{preset, key}` set it without prompts. Keys go only to SecretStorage. */
export async function setApiKey(keys: KeyStore, args?: { preset?: string; key?: string }): Promise<boolean> {
  const presets = Object.values(allPresets()).filter((p) => p.auth !== 'none');
  let presetId = args?.preset;
  if (!presetId) {
    const picked = await vscode.window.showQuickPick(presets.map((p) => plainItem({ label: p.label, description: p.id, detail: p.envKey ? `CLI reads ${p.envKey}` : undefined, id: p.id })),
      { title: 'Pairwise: Set API Key — provider' });
    presetId = picked?.id;
  }
  if (!presetId) return false;
  const key = args?.key ?? await vscode.window.showInputBox({ title: uiText(`Pairwise: API key for ${presetId}`), password: true, ignoreFocusOut: true,
    prompt: 'Stored in VS Code SecretStorage only. Leave empty to delete the stored key.' });
  if (key === undefined) return false;
  await keys.set(presetId, key.trim());
  log().info(`api key ${key.trim() ? 'stored' : 'deleted'} for preset ${presetId}`);
  if (!args?.key) void showInfo(`Pairwise: ${key.trim() ? 'stored' : 'deleted'} the API key for ${presetId}.`);
  return true;
}
