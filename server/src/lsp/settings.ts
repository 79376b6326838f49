// The settings the server reads, with their defaults. Every key here must be declared in package.json's
// `contributes.configuration` and vice versa (a test checks both directions).
import type { LintOptions } from '../lint/types';
import { parsePackages } from '../schema';

export interface Settings {
  targetVersion: string;
  /** `all`, `base` or a comma-separated list of extra packages (see schema's parsePackages). */
  targetPackages: string;
  lint: { disabledRules: string[]; latin1Fold: boolean };
}

export const defaultSettings: Settings = {
  targetVersion: 'latest',
  targetPackages: 'all',
  lint: { disabledRules: [], latin1Fold: false },
};

/** Keys below `routeros.` that the server reads (the client-only keys are listed in client/). */
export const serverSettingKeys = [
  'targetVersion',
  'targetPackages',
  'lint.disabledRules',
  'lint.latin1Fold',
] as const;

export function normalizeSettings(raw: unknown): Settings {
  const r = (raw ?? {}) as {
    targetVersion?: unknown;
    targetPackages?: unknown;
    lint?: { disabledRules?: unknown; latin1Fold?: unknown };
  };
  const target =
    typeof r.targetVersion === 'string' && /^(latest|6|7\.\d{1,2})$/.test(r.targetVersion)
      ? r.targetVersion
      : defaultSettings.targetVersion;
  const disabled = Array.isArray(r.lint?.disabledRules)
    ? r.lint.disabledRules.filter((x): x is string => typeof x === 'string')
    : [];
  // Unknown package names make the whole setting fall back to `all`: lenient, never a false error.
  const packages =
    typeof r.targetPackages === 'string' && parsePackages(r.targetPackages).unknown.length === 0
      ? r.targetPackages.trim() || defaultSettings.targetPackages
      : defaultSettings.targetPackages;
  return {
    targetVersion: target,
    targetPackages: packages,
    lint: { disabledRules: disabled, latin1Fold: r.lint?.latin1Fold === true },
  };
}

export function lintOptions(s: Settings): LintOptions {
  return {
    target: s.targetVersion,
    packages: s.targetPackages,
    disabledRules: s.lint.disabledRules,
    latin1Fold: s.lint.latin1Fold,
  };
}
