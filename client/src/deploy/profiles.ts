// Router profiles in VS Code: reading and validating `routeros.routers`, the active router (remembered per
// workspace), the status-bar item, and "RouterOS: Add Router…". Secrets never go into settings.
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { formatHostPort, parseHostPort } from '../../../server/src/deploy/hosts';
import { validateProfile, type RouterProfile } from '../../../server/src/deploy/profiles';
import { passwordKey } from './secrets';

const ACTIVE_KEY = 'routeros.deploy.activeRouter';

export function readProfiles(): { profiles: RouterProfile[]; problems: string[] } {
  const raw = vscode.workspace.getConfiguration('routeros').get<unknown[]>('routers', []);
  const profiles: RouterProfile[] = [];
  const problems: string[] = [];
  (Array.isArray(raw) ? raw : []).forEach((r, i) => {
    const v = validateProfile(r);
    if (v.profile) {
      if (profiles.some((p) => p.name === v.profile!.name))
        problems.push(`routeros.routers[${i}]: duplicate name "${v.profile.name}"`);
      else profiles.push(v.profile);
    }
    for (const p of v.problems) problems.push(`routeros.routers[${i}]: ${p}`);
  });
  return { profiles, problems };
}

export class ActiveRouter implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.item = vscode.window.createStatusBarItem(
      'routeros.activeRouter',
      vscode.StatusBarAlignment.Left,
      50,
    );
    this.item.name = 'RouterOS Router';
    this.item.command = 'routeros.pickRouter';
    this.subs.push(
      vscode.workspace.onDidChangeConfiguration(
        (e) => e.affectsConfiguration('routeros.routers') && this.refresh(),
      ),
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
    );
    this.refresh();
  }

  get name(): string | undefined {
    return this.context.workspaceState.get<string>(ACTIVE_KEY);
  }

  /** The active profile, if it still exists in settings. */
  get profile(): RouterProfile | undefined {
    const n = this.name;
    return readProfiles().profiles.find((p) => p.name === n);
  }

  async set(name: string | undefined): Promise<void> {
    await this.context.workspaceState.update(ACTIVE_KEY, name);
    this.refresh();
  }

  refresh(): void {
    const p = this.profile;
    const lang = vscode.window.activeTextEditor?.document.languageId;
    this.item.text = p ? `$(server-process) ${p.name}` : '$(server-process) No router';
    this.item.tooltip = p
      ? `RouterOS: pushing to ${p.username}@${formatHostPort(p.host, p.port)} (click to change)`
      : 'RouterOS: choose a router to push to';
    if (lang === 'routeros' || p) this.item.show();
    else this.item.hide();
  }

  /** Quick pick over the profiles; offers "Add Router…" when there are none. Returns the chosen one. */
  async pick(): Promise<RouterProfile | undefined> {
    const { profiles, problems } = readProfiles();
    if (problems.length)
      void vscode.window.showWarningMessage(`RouterOS: problems in settings: ${problems.join('; ')}`);
    const items: (vscode.QuickPickItem & { profile?: RouterProfile })[] = profiles.map((p) => ({
      label: p.name,
      description: `${p.username}@${formatHostPort(p.host, p.port)}`,
      detail: [p.privateKey ? `key ${p.privateKey}` : 'password/agent', p.jumpHost ? `via ${p.jumpHost}` : '']
        .filter(Boolean)
        .join(' · '),
      profile: p,
    }));
    items.push({ label: '$(add) Add Router…' });
    const chosen = await vscode.window.showQuickPick(items, {
      placeHolder: 'Router to push RouterOS scripts to',
    });
    if (!chosen) return undefined;
    if (!chosen.profile) {
      await vscode.commands.executeCommand('routeros.addRouter');
      return this.profile;
    }
    await this.set(chosen.profile.name);
    return chosen.profile;
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subs) s.dispose();
  }
}

/** "RouterOS: Add Router…": asks for each field, stores the profile in user settings, the password in secrets. */
export async function addRouter(context: vscode.ExtensionContext, active: ActiveRouter): Promise<void> {
  const { profiles } = readProfiles();
  const name = await vscode.window.showInputBox({
    title: 'Add Router (1/5): name',
    prompt: 'A short name for this router',
    validateInput: (v) =>
      !v.trim()
        ? 'required'
        : profiles.some((p) => p.name === v.trim())
          ? 'a router with this name exists'
          : undefined,
  });
  if (!name) return;
  const address = await vscode.window.showInputBox({
    title: 'Add Router (2/5): address',
    prompt: 'Host name or IP address, optionally with the SSH port (192.168.88.1:2222, [fe80::1]:22)',
    validateInput: (v) => {
      const hp = parseHostPort(v);
      return 'error' in hp ? hp.error : undefined;
    },
  });
  if (!address) return;
  const hp = parseHostPort(address);
  if ('error' in hp) return;
  const host = hp.host;
  const portText = await vscode.window.showInputBox({
    title: 'Add Router (3/5): SSH port',
    value: String(hp.port ?? 22),
    validateInput: (v) => (/^\d+$/.test(v) && +v > 0 && +v < 65536 ? undefined : 'a port from 1 to 65535'),
  });
  if (!portText) return;
  const username = await vscode.window.showInputBox({
    title: 'Add Router (4/5): user',
    value: 'admin',
    validateInput: (v) =>
      validateProfile({ name: 'x', host: 'h', username: v }).problems.join('; ') || undefined,
  });
  if (!username) return;
  const how = await vscode.window.showQuickPick(
    [
      { label: 'Password', description: 'kept in VS Code secret storage', id: 'password' },
      {
        label: 'Private key file',
        description: 'ed25519, RSA or ECDSA; passphrase in secret storage',
        id: 'key',
      },
      { label: 'ssh-agent', description: 'keys from SSH_AUTH_SOCK', id: 'agent' },
    ],
    { title: 'Add Router (5/5): authentication' },
  );
  if (!how) return;
  const profile: Record<string, unknown> = {
    name: name.trim(),
    host: host.trim(),
    port: Number(portText),
    username: username.trim(),
  };
  if (how.id === 'key') {
    const files = await vscode.window.showOpenDialog({
      title: 'Private key file',
      canSelectMany: false,
      defaultUri: vscode.Uri.file(join(homedir(), '.ssh')),
    });
    if (!files?.[0]) return;
    profile.privateKey = files[0].fsPath;
  }
  const valid = validateProfile(profile);
  if (!valid.profile) {
    void vscode.window.showErrorMessage(`RouterOS: ${valid.problems.join('; ')}`);
    return;
  }
  if (how.id === 'password') {
    const pw = await vscode.window.showInputBox({
      title: `Password for ${username}@${host}`,
      password: true,
      prompt: 'Stored in VS Code secret storage (leave empty to be asked on each push)',
    });
    if (pw) await context.secrets.store(passwordKey(valid.profile), pw);
  }
  const cfg = vscode.workspace.getConfiguration('routeros');
  const list = cfg.get<unknown[]>('routers', []);
  await cfg.update('routers', [...list, profile], vscode.ConfigurationTarget.Global);
  await active.set(valid.profile.name);
  void vscode.window.showInformationMessage(
    `RouterOS: added router "${valid.profile.name}" and made it active.`,
  );
}
