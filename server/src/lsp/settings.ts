// The settings the server reads, with their defaults. Every key here must be declared in package.json's
// `contributes.configuration` and vice versa (a test checks both directions).
import type { LintOptions } from '../lint/types';

export interface Settings {
  targetVersion: string;
  lint: { disabledRules: string[]; latin1Fold: boolean };
}

export const defaultSettings: Settings = {
  targetVersion: 'latest',
  lint: { disabledRules: [], latin1Fold: false },
};

/** Keys below `routeros.` that the server reads (the client-only keys are listed in client/). */
export const serverSettingKeys = ['targetVersion', 'lint.disabledRules', 'lint.latin1Fold'] as const;

export function normalizeSettings(raw: unknown): Settings {
  const r = (raw ?? {}) as {
    targetVersion?: unknown;
    lint?: { disabledRules?: unknown; latin1Fold?: unknown };
  };
  const target =
    typeof r.targetVersion === 'string' && /^(latest|6|7\.\d{1,2})$/.test(r.targetVersion)
      ? r.targetVersion
      : defaultSettings.targetVersion;
  const disabled = Array.isArray(r.lint?.disabledRules)
    ? r.lint.disabledRules.filter((x): x is string => typeof x === 'string')
    : [];
  return {
    targetVersion: target,
    lint: { disabledRules: disabled, latin1Fold: r.lint?.latin1Fold === true },
  };
}

export function lintOptions(s: Settings): LintOptions {
  return { target: s.targetVersion, disabledRules: s.lint.disabledRules, latin1Fold: s.lint.latin1Fold };
}
