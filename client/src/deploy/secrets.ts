// Where passwords and key passphrases live: VS Code's SecretStorage only, under keys that name the router
// (user@host:port) or the key file. Nothing here is ever logged.
import * as vscode from 'vscode';
import type { RouterProfile } from '../../../server/src/deploy/profiles';

export const passwordKey = (p: Pick<RouterProfile, 'username' | 'host' | 'port'>): string =>
  `routeros.password:${p.username}@${p.host}:${p.port}`;
export const passphraseKey = (keyPath: string): string => `routeros.passphrase:${keyPath}`;

/**
 * A secret asked at most once per push: from storage, else from an input box (and then remembered only
 * after the connection worked, so a typo is not stored).
 */
export class SecretSource {
  /** Secrets typed in this push, to store once authentication succeeded. */
  private readonly typed = new Map<string, string>();
  /** Keys whose stored value was used, to forget when authentication failed. */
  private readonly fromStore = new Set<string>();

  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(key: string, title: string): Promise<string | undefined> {
    const stored = await this.secrets.get(key);
    if (stored !== undefined) {
      this.fromStore.add(key);
      return stored;
    }
    const v = await vscode.window.showInputBox({ title, password: true, ignoreFocusOut: true });
    if (v !== undefined) this.typed.set(key, v);
    return v;
  }

  async remember(): Promise<void> {
    for (const [k, v] of this.typed) await this.secrets.store(k, v);
  }

  async forgetUsed(): Promise<number> {
    for (const k of this.fromStore) await this.secrets.delete(k);
    return this.fromStore.size;
  }
}
