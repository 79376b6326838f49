// The settings the server reads, with their defaults. Every key here must be declared in package.json's
// `contributes.configuration` and vice versa (a test checks both directions).
import type { LintOptions } from '../lint/types';

export interface Settings {
  targetVersion: string;
  lint: { disabledRules: string[] };
}

export const defaultSettings: Settings = { targetVersion: 'latest', lint: { disabledRules: [] } };

/** Keys below `routeros.` that the server reads (the client-only keys are listed in client/). */
export const serverSettingKeys = ['targetVersion', 'lint.disabledRules'] as const;

export function normalizeSettings(raw: unknown): Settings {
  const r = (raw ?? {}) as { targetVersion?: unknown; lint?: { disabledRules?: unknown } };
  const target =
    typeof r.targetVersion === 'string' && /^(latest|6|7\.\d{1,2})$/.test(r.targetVersion)
      ? r.targetVersion
      : defaultSettings.targetVersion;
  const disabled = Array.isArray(r.lint?.disabledRules)
    ? r.lint.disabledRules.filter((x): x is string => typeof x === 'string')
    : [];
  return { targetVersion: target, lint: { disabledRules: disabled } };
}

export function lintOptions(s: Settings): LintOptions {
  return { target: s.targetVersion, disabledRules: s.lint.disabledRules };
}
