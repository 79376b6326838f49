// The VS Code side of deployment: commands (push, validate, confirm, add/pick router, forget secrets,
// remove a trusted host key), the status bar, secrets, progress with Cancel, the output channel and router
// diagnostics. All SSH logic is in server/src/deploy; this file only asks, shows and converts positions.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { DeployError, errorClass } from '../../../server/src/deploy/errors';
import { formatHostPort } from '../../../server/src/deploy/hosts';
import { removeKnownHost } from '../../../server/src/deploy/knownHosts';
import type { RouterError } from '../../../server/src/deploy/output';
import { parseDuration } from '../../../server/src/deploy/plan';
import { parseJumpHost, type RouterProfile } from '../../../server/src/deploy/profiles';
import type { PlanExtras, PushResult, PushUi } from '../../../server/src/deploy/push';
import type { ConnectOptions } from '../../../server/src/deploy/ssh';
import { ActiveRouter, addRouter, readProfiles } from './profiles';
import { passphraseKey, passwordKey, SecretSource } from './secrets';

/** The SSH code (ssh2 is most of the client bundle) loads on the first push, not at activation. */
const deployCore = () => import('../../../server/src/deploy/push.js');

const PENDING_KEY = 'routeros.deploy.pending';

interface PendingPush {
  profile: string;
  schedulerName: string;
  /** Epoch ms after which the router restores by itself. */
  deadline: number;
}

interface Ctx {
  context: vscode.ExtensionContext;
  active: ActiveRouter;
  out: vscode.OutputChannel;
  routerDiagnostics: vscode.DiagnosticCollection;
  /** Read-only documents of the "before / after" diff views, by URI path. */
  diffDocs: Map<string, string>;
}

const DIFF_SCHEME = 'routeros-push-diff';

/** Shows the router's /export next to the export as it would read after the script, in a diff view. */
async function showPushDiff(ctx: Ctx, router: string, docName: string, script: string, extra: PlanExtras) {
  if (!extra.diff || extra.exportText === undefined) return;
  const core = await deployCore();
  ctx.out.appendLine(`What ${docName} changes on ${router}:`);
  ctx.out.appendLine(core.formatConfigDiff(extra.diff, docName));
  const id = `${Date.now()}`;
  const left = vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/${id}/${router}-export.rsc` });
  const right = vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/${id}/${router}-after-${docName}` });
  ctx.diffDocs.set(left.path, extra.exportText);
  ctx.diffDocs.set(right.path, core.applyDiffToExport(extra.exportText, script, extra.diff));
  await vscode.commands.executeCommand('vscode.diff', left, right, `${router}: /export ↔ after ${docName}`, {
    preview: true,
  });
}

function settings() {
  const c = vscode.workspace.getConfiguration('routeros.deploy');
  return {
    backupFolder: c.get<string>('backupFolder', ''),
    confirmTimeout: c.get<string>('confirmTimeout', '5m'),
    diffBeforePush: c.get<boolean>('diffBeforePush', true),
    inventory: c.get<string>('inventory', ''),
    verboseImport: c.get<boolean>('verboseImport', true),
    commandTimeoutSeconds: c.get<number>('commandTimeoutSeconds', 120),
    useSshAgent: c.get<boolean>('useSshAgent', true),
    readUserKnownHosts: c.get<boolean>('readUserKnownHosts', true),
  };
}

function storeFile(context: vscode.ExtensionContext): string {
  return join(context.globalStorageUri.fsPath, 'known_hosts');
}

/** ConnectOptions for a profile (and its jump host), with host-key and secret prompts wired to the UI. */
function connectionFor(ctx: Ctx, p: RouterProfile, secrets: SecretSource): ConnectOptions | string {
  const s = settings();
  const hostKeys: ConnectOptions['hostKeys'] = {
    knownHostsFiles: s.readUserKnownHosts
      ? [join(homedir(), '.ssh', 'known_hosts'), join(homedir(), '.ssh', 'known_hosts2')]
      : [],
    storeFile: storeFile(ctx.context),
    onUnknownHost: async (i) => {
      const where = i.port === 22 ? i.host : formatHostPort(i.host, i.port);
      const trust = 'Trust and Connect';
      const ans = await vscode.window.showWarningMessage(
        `The host key of ${where} is not known yet.`,
        {
          modal: true,
          detail: `${i.keyType} key fingerprint:\n${i.fingerprint}\n\nCompare it with the router's own (on the router: /ip ssh print, or ssh-keygen -lf on its exported key). If it matches, trust it; it is saved in ${i.storeFile}.`,
        },
        trust,
      );
      return ans === trust;
    },
  };
  const auth = (user: string, host: string, port: number, key?: string): ConnectOptions['auth'] => ({
    privateKeyPath: key ? key.replace(/^~(?=$|[\\/])/, homedir()) : undefined,
    agentSocket: s.useSshAgent ? process.env.SSH_AUTH_SOCK || undefined : undefined,
    getPassword: () =>
      secrets.get(
        passwordKey({ username: user, host, port }),
        `Password for ${user}@${formatHostPort(host, port)}`,
      ),
    getPassphrase: (path) => secrets.get(passphraseKey(path), `Passphrase for ${path}`),
  });
  const c: ConnectOptions = {
    host: p.host,
    port: p.port,
    username: p.username,
    hostKeys,
    auth: auth(p.username, p.host, p.port, p.privateKey),
    log: (l) => ctx.out.appendLine(l),
  };
  if (p.jumpHost) {
    const j = parseJumpHost(p.jumpHost, readProfiles().profiles);
    if ('error' in j) return j.error;
    const user = j.username ?? p.username;
    c.jump = {
      host: j.host,
      port: j.port,
      username: user,
      hostKeys,
      auth: auth(user, j.host, j.port, j.privateKey ?? p.privateKey),
    };
  }
  return c;
}

async function chooseProfile(ctx: Ctx): Promise<RouterProfile | undefined> {
  return ctx.active.profile ?? (await ctx.active.pick());
}

/** Documents opened by a command (not by the user), whose diagnostics may not exist yet. */
const justOpened = new Set<string>();

/** The document to push: the URI given by a menu, else the active editor's. */
async function targetDocument(uri: unknown): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) {
    const wasOpen = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
    const doc = await vscode.workspace.openTextDocument(uri);
    if (!wasOpen) justOpened.add(doc.uri.toString());
    return doc;
  }
  const ed = vscode.window.activeTextEditor;
  if (ed && (ed.document.languageId === 'routeros' || ed.document.fileName.endsWith('.rsc')))
    return ed.document;
  void vscode.window.showErrorMessage('RouterOS: open a .rsc file to push.');
  return undefined;
}

/** The language server's diagnostics for the document; waits briefly when it has not reported yet. */
async function lintDiagnostics(doc: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
  const mine = () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'routeros');
  // An open document has been linted already; one opened just now (from the explorer) has not, so wait
  // for the language server's first report on it.
  if (!justOpened.delete(doc.uri.toString())) return mine();
  await new Promise<void>((res) => {
    const t = setTimeout(() => (sub.dispose(), res()), 3000);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === doc.uri.toString())) {
        clearTimeout(t);
        sub.dispose();
        res();
      }
    });
  });
  return mine();
}

/** Lint gate: errors block, warnings ask. Returns false to stop. */
async function lintGate(doc: vscode.TextDocument): Promise<boolean> {
  const diags = await lintDiagnostics(doc);
  const errors = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
  const warnings = diags.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning);
  if (errors.length) {
    const show = 'Show Problems';
    const a = await vscode.window.showErrorMessage(
      `RouterOS: ${errors.length} lint error(s) in ${basename(doc.fileName)}; fix them before pushing. Nothing was sent.`,
      show,
    );
    if (a === show) void vscode.commands.executeCommand('workbench.actions.view.problems');
    return false;
  }
  if (warnings.length) {
    const go = 'Push Anyway';
    const a = await vscode.window.showWarningMessage(
      `RouterOS: ${warnings.length} lint warning(s) in ${basename(doc.fileName)}.`,
      {
        modal: true,
        detail: warnings
          .slice(0, 10)
          .map((w) => `line ${w.range.start.line + 1}: ${w.message}`)
          .join('\n'),
      },
      go,
    );
    return a === go;
  }
  return true;
}

function showRouterErrors(ctx: Ctx, doc: vscode.TextDocument, errors: RouterError[]): void {
  ctx.routerDiagnostics.set(
    doc.uri,
    errors.map((e) => {
      const d = new vscode.Diagnostic(
        new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)),
        e.message,
        vscode.DiagnosticSeverity.Error,
      );
      d.source = 'routeros (router)';
      if (e.located === 'none') d.message += ' (RouterOS gave no position)';
      return d;
    }),
  );
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Shows a connection error; a changed host key gets a modal with the explicit way out and no "continue". */
async function showConnectionError(e: unknown, p: RouterProfile): Promise<void> {
  if (e instanceof DeployError && e.kind === 'host-key-changed') {
    const remove = 'Remove Trusted Key…';
    const a = await vscode.window.showErrorMessage(
      `RouterOS: HOST KEY CHANGED for ${p.name}`,
      { modal: true, detail: e.message },
      remove,
    );
    if (a === remove) await vscode.commands.executeCommand('routeros.removeTrustedHostKey', p.name);
    return;
  }
  void vscode.window.showErrorMessage(`RouterOS (${p.name}): ${errorText(e)}`);
}

async function afterAuth(secrets: SecretSource, e: DeployError | undefined): Promise<void> {
  if (e?.kind === 'auth') {
    // A stored secret that no longer works is dropped, so the next attempt asks again.
    const n = await secrets.forgetUsed();
    if (n)
      void vscode.window.showWarningMessage(
        'RouterOS: authentication failed; the stored password/passphrase was removed from secret storage.',
      );
  } else {
    // Kept once the login worked: the router or the upload failing later says nothing about the secret.
    const c = errorClass(e);
    if (c !== 'connection' && c !== 'cancelled') await secrets.remember();
  }
}

async function push(ctx: Ctx, uri: unknown): Promise<void> {
  const doc = await targetDocument(uri);
  if (!doc) return;
  if (!(await lintGate(doc))) return;
  const p = await chooseProfile(ctx);
  if (!p) return;
  const secrets = new SecretSource(ctx.context.secrets);
  const conn = connectionFor(ctx, p, secrets);
  if (typeof conn === 'string') return void vscode.window.showErrorMessage(`RouterOS: ${conn}`);
  const s = settings();
  const confirmTimeoutSeconds = s.confirmTimeout ? parseDuration(s.confirmTimeout) : undefined;
  if (s.confirmTimeout && confirmTimeoutSeconds === undefined) {
    return void vscode.window.showErrorMessage(
      `RouterOS: routeros.deploy.confirmTimeout "${s.confirmTimeout}" is not a duration such as 5m.`,
    );
  }
  const backupDir = s.backupFolder
    ? s.backupFolder
        .replace(/^~(?=$|[\\/])/, homedir())
        .replace('${workspaceFolder}', vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath ?? homedir())
    : undefined;
  // The editor's text is what the user sees, so that is what is pushed; the file on disk is never written.
  const script = Buffer.from(doc.getText(), 'utf8');
  const localName = basename(doc.fileName) + (doc.isDirty ? ' (unsaved editor contents)' : '');
  ctx.routerDiagnostics.delete(doc.uri);
  ctx.out.show(true);
  ctx.out.appendLine(`--- push ${localName} to ${p.name} (${new Date().toISOString()})`);
  let result: PushResult | undefined;
  await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `RouterOS: pushing to ${p.name}`,
      cancellable: true,
    },
    async (progress, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      result = await (
        await deployCore()
      ).pushScript(
        {
          connection: conn,
          script,
          localName,
          backupDir,
          confirmTimeoutSeconds,
          // VS Code stays while the user decides, so Safe Mode can be held on RouterOS 7.18+.
          rollback: 'auto',
          diff: s.diffBeforePush,
          verbose: s.verboseImport,
          signal: ac.signal,
          commandTimeoutMs: s.commandTimeoutSeconds * 1000,
        },
        {
          log: (l) => {
            ctx.out.appendLine(l);
            progress.report({ message: l.length > 80 ? l.slice(0, 77) + '…' : l });
          },
          onRouterOutput: (t) => ctx.out.append(t.replace(/\r/g, '')),
          confirmPlan: (description, _plan, extra) => confirmPushPlan(ctx, p, doc, description, extra),
          decideRollback: (info) => {
            progress.report({ message: 'waiting for your confirmation' });
            return askRollback(p, info);
          },
        },
      );
    },
  );
  if (!result) return;
  await afterAuth(secrets, result.error);
  ctx.out.appendLine('What happened:');
  for (const l of result.report) ctx.out.appendLine(`  - ${l}`);
  if (result.analysis?.errors.length) showRouterErrors(ctx, doc, result.analysis.errors);
  await reportPush(ctx, p, localName, result);
}

/** Shows the plan (and the diff against the router, when asked) and asks before anything is sent. */
async function confirmPushPlan(
  ctx: Ctx,
  p: RouterProfile,
  doc: vscode.TextDocument,
  description: string,
  extra: PlanExtras | undefined,
): Promise<boolean> {
  if (extra) await showPushDiff(ctx, p.name, basename(doc.fileName), doc.getText(), extra);
  ctx.out.appendLine(description);
  const go = 'Push';
  return (
    (await vscode.window.showWarningMessage(
      `Push ${basename(doc.fileName)} to ${p.name}?`,
      { modal: true, detail: description },
      go,
    )) === go
  );
}

/** After the import with a rollback armed: keep, roll back now, or leave it pending (no answer in time). */
async function askRollback(
  p: RouterProfile,
  { success, plan }: Parameters<NonNullable<PushUi['decideRollback']>>[0],
): Promise<'keep' | 'rollback' | 'pending'> {
  const safe = plan.safeMode;
  const interval = safe?.interval ?? plan.rollback!.interval;
  const keep = 'Confirm (Keep Changes)';
  const back = 'Roll Back Now';
  const how = safe
    ? 'Safe Mode undoes it (no reboot)'
    : 'it restores the previous configuration (and reboots)';
  const q = success
    ? `RouterOS: pushed to ${p.name}. Check the router, then confirm within ${interval}, or ${how}.`
    : `RouterOS: the import on ${p.name} failed part-way. Roll back now${safe ? '' : ' (reboot)'}, or keep what ran?`;
  // Safe Mode waits for the answer; the scheduler job does not: answer a little before its deadline.
  // No answer: Safe Mode is unrolled, the scheduler job stays armed.
  const seconds = safe ? safe.timeoutSeconds : plan.rollback!.timeoutSeconds - 10;
  const timeout = new Promise<undefined>((res) =>
    setTimeout(() => res(undefined), Math.max(1000, seconds * 1000)),
  );
  const a = await Promise.race([vscode.window.showWarningMessage(q, keep, back), timeout]);
  if (a === keep) return 'keep';
  if (a === back) return 'rollback';
  return 'pending';
}

/** The closing message of a push, by its outcome. */
async function reportPush(ctx: Ctx, p: RouterProfile, localName: string, result: PushResult): Promise<void> {
  const r = result;
  switch (r.status) {
    case 'success':
      void vscode.window.showInformationMessage(
        `RouterOS: ${localName} pushed to ${p.name}: Script file loaded and executed successfully.`,
      );
      break;
    case 'router-errors':
      void vscode.window.showErrorMessage(
        `RouterOS: ${p.name} reported ${r.analysis?.errors.length ?? 0} error(s); see Problems and the output. ${r.report.find((l) => l.includes('ran the script')) ?? ''}`,
      );
      break;
    case 'pending-confirmation': {
      const pending = ctx.context.globalState.get<PendingPush[]>(PENDING_KEY, []);
      pending.push({
        profile: p.name,
        schedulerName: r.plan.rollback!.schedulerName,
        deadline: Date.now() + r.plan.rollback!.timeoutSeconds * 1000,
      });
      await ctx.context.globalState.update(PENDING_KEY, pending);
      const c = 'Confirm Push';
      const a = await vscode.window.showWarningMessage(
        `RouterOS: the push to ${p.name} is not confirmed; the router restores its previous configuration (and reboots) within ${r.plan.rollback!.interval}.`,
        c,
      );
      if (a === c) await vscode.commands.executeCommand('routeros.confirmPush', p.name);
      break;
    }
    case 'rolled-back':
      void vscode.window.showWarningMessage(
        `RouterOS: ${p.name} is restoring its pre-push configuration and rebooting.`,
      );
      break;
    case 'declined':
      break;
    case 'failed': {
      // Nothing changed because the router was never reached (or the options were bad): say so as such.
      const c = errorClass(r.error);
      if (r.error && r.changed === 'no' && (c === 'connection' || c === 'usage'))
        await showConnectionError(r.error, p);
      else
        void vscode.window.showErrorMessage(
          `RouterOS: the push to ${p.name} stopped: ${r.error?.message ?? 'unknown error'}. See the output for exactly what ran.`,
        );
      break;
    }
  }
}

/** "RouterOS: Push to Routers…": the same push to a group of the inventory the settings name. */
async function pushToRouters(ctx: Ctx, uri: unknown): Promise<void> {
  const doc = await targetDocument(uri);
  if (!doc) return;
  const s = settings();
  if (!s.inventory) {
    void vscode.window.showErrorMessage(
      'RouterOS: no inventory. Set routeros.deploy.inventory to an Ansible YAML inventory file.',
    );
    return;
  }
  const path = s.inventory
    .replace(/^~(?=$|[\\/])/, homedir())
    .replace('${workspaceFolder}', vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath ?? homedir());
  const core = await deployCore();
  let inv: ReturnType<typeof core.parseInventory>;
  try {
    inv = core.parseInventory(readFileSync(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    void vscode.window.showErrorMessage(`RouterOS: inventory ${path}: ${code ?? errorText(e)}`);
    return;
  }
  const pick = await vscode.window.showQuickPick(
    [...inv.groups].map(([g, hosts]) => ({
      label: g,
      description: `${hosts.length} router(s): ${hosts.join(', ')}`,
    })),
    { title: `Push ${basename(doc.fileName)} to a group of ${basename(path)}` },
  );
  if (!pick) return;
  const hosts = core.limitHosts(inv, pick.label);
  const noUser = hosts.filter((h) => !h.user).map((h) => h.name);
  if (noUser.length) {
    void vscode.window.showErrorMessage(`RouterOS: no ansible_user for ${noUser.join(', ')} in ${path}.`);
    return;
  }
  if (!(await lintGate(doc))) return;
  const confirmTimeoutSeconds = s.confirmTimeout ? parseDuration(s.confirmTimeout) : undefined;
  const go = `Push to ${hosts.length} Router(s)`;
  const detail =
    `${hosts.map((h) => `${h.name} (${h.user}@${h.host}:${h.port})`).join('\n')}\n\n` +
    'Per router: upload, /import verbose=yes, remove the upload. ' +
    (confirmTimeoutSeconds
      ? 'Rollback: Safe Mode on RouterOS 7.18+, else backup + scheduler; each router is confirmed only when its import succeeded and a fresh SSH login works, otherwise rolled back.'
      : 'No rollback (routeros.deploy.confirmTimeout is empty).') +
    ' At most 4 at a time. The exact commands are in the RouterOS Deploy output.';
  if (
    (await vscode.window.showWarningMessage(
      `Push ${basename(doc.fileName)} to "${pick.label}"?`,
      { modal: true, detail },
      go,
    )) !== go
  )
    return;
  const script = Buffer.from(doc.getText(), 'utf8');
  const localName = basename(doc.fileName);
  ctx.out.show(true);
  ctx.out.appendLine(`--- push ${localName} to group ${pick.label} (${new Date().toISOString()})`);
  const rows = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `RouterOS: pushing to ${pick.label}`,
      cancellable: true,
    },
    async (progress, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      let done = 0;
      return core.pool(hosts, 4, async (h) => {
        const secrets = new SecretSource(ctx.context.secrets);
        const conn = connectionFor(
          ctx,
          { name: h.name, host: h.host, port: h.port, username: h.user!, privateKey: h.privateKey },
          secrets,
        );
        if (typeof conn === 'string')
          return {
            router: h.name,
            result: `failed (${conn})`,
            state: 'unchanged: nothing was sent',
            code: 2,
          };
        conn.log = (l) => ctx.out.appendLine(`[${h.name}] ${l}`);
        const r = await core.pushScript(
          {
            connection: conn,
            script,
            localName,
            confirmTimeoutSeconds,
            rollback: 'auto',
            autoConfirm: confirmTimeoutSeconds !== undefined,
            verbose: s.verboseImport,
            signal: ac.signal,
            commandTimeoutMs: s.commandTimeoutSeconds * 1000,
          },
          { log: (l) => ctx.out.appendLine(`[${h.name}] ${l}`), confirmPlan: async () => true },
        );
        await afterAuth(secrets, r.error);
        progress.report({ message: `${++done}/${hosts.length} done`, increment: 100 / hosts.length });
        return { router: h.name, result: core.resultText(r), state: r.state, code: core.codeOf(r) };
      });
    },
  );
  ctx.out.appendLine(core.formatTable(rows));
  const failed = rows.filter((r) => r.code !== 0);
  if (failed.length)
    void vscode.window.showErrorMessage(
      `RouterOS: ${failed.length} of ${rows.length} router(s) did not succeed: ${failed.map((r) => r.router).join(', ')}. See the RouterOS Deploy output.`,
    );
  else
    void vscode.window.showInformationMessage(
      `RouterOS: ${localName} pushed to all ${rows.length} router(s) of ${pick.label}.`,
    );
}

async function validate(ctx: Ctx, uri: unknown): Promise<void> {
  const doc = await targetDocument(uri);
  if (!doc) return;
  const p = await chooseProfile(ctx);
  if (!p) return;
  const secrets = new SecretSource(ctx.context.secrets);
  const conn = connectionFor(ctx, p, secrets);
  if (typeof conn === 'string') return void vscode.window.showErrorMessage(`RouterOS: ${conn}`);
  ctx.routerDiagnostics.delete(doc.uri);
  await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `RouterOS: validating on ${p.name}`,
      cancellable: true,
    },
    async (_progress, token) => {
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      try {
        const r = await (
          await deployCore()
        ).validateOnRouter(
          {
            connection: conn,
            script: Buffer.from(doc.getText(), 'utf8'),
            signal: ac.signal,
            commandTimeoutMs: settings().commandTimeoutSeconds * 1000,
          },
          (l) => ctx.out.appendLine(l),
        );
        await afterAuth(secrets, undefined);
        for (const l of r.report) ctx.out.appendLine(`  - ${l}`);
        if (r.valid)
          void vscode.window.showInformationMessage(
            `RouterOS: ${p.name} accepts ${basename(doc.fileName)} (:parse). Nothing was changed.`,
          );
        else {
          showRouterErrors(ctx, doc, r.analysis.errors);
          void vscode.window.showErrorMessage(
            `RouterOS: ${p.name} rejects ${basename(doc.fileName)}: ${r.analysis.errors[0]?.message ?? ''}`,
          );
        }
      } catch (e) {
        await afterAuth(secrets, e instanceof DeployError ? e : undefined);
        await showConnectionError(e, p);
      }
    },
  );
}

async function confirm(ctx: Ctx, profileName: unknown): Promise<void> {
  const pending = ctx.context.globalState.get<PendingPush[]>(PENDING_KEY, []);
  const { profiles } = readProfiles();
  let p = typeof profileName === 'string' ? profiles.find((x) => x.name === profileName) : undefined;
  if (!p && pending.length) p = profiles.find((x) => x.name === pending[pending.length - 1].profile);
  p ??= await chooseProfile(ctx);
  if (!p) return;
  const secrets = new SecretSource(ctx.context.secrets);
  const conn = connectionFor(ctx, p, secrets);
  if (typeof conn === 'string') return void vscode.window.showErrorMessage(`RouterOS: ${conn}`);
  const name = p.name;
  try {
    const st = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `RouterOS: confirming on ${name}`,
        cancellable: true,
      },
      async (_pr, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        return (await deployCore()).confirmPending(conn, (l) => ctx.out.appendLine(l), ac.signal);
      },
    );
    await afterAuth(secrets, undefined);
    for (const l of st.report) ctx.out.appendLine(`  - ${l}`);
    await ctx.context.globalState.update(
      PENDING_KEY,
      pending.filter((x) => x.profile !== name),
    );
    if (st.confirmed.length)
      void vscode.window.showInformationMessage(`RouterOS: confirmed on ${name}; the changes are permanent.`);
    else if (st.orphanBackups.length)
      void vscode.window.showWarningMessage(
        `RouterOS: no pending push on ${name}, but a rollback backup is there without its job: the push was probably rolled back already.`,
      );
    else void vscode.window.showInformationMessage(`RouterOS: no pending push on ${name}.`);
  } catch (e) {
    await afterAuth(secrets, e instanceof DeployError ? e : undefined);
    await showConnectionError(e, p);
  }
}

async function removeTrustedKey(ctx: Ctx, profileName: unknown): Promise<void> {
  const { profiles } = readProfiles();
  const p =
    (typeof profileName === 'string' && profiles.find((x) => x.name === profileName)) ||
    (await ctx.active.pick());
  if (!p) return;
  const file = storeFile(ctx.context);
  const go = 'Remove';
  const a = await vscode.window.showWarningMessage(
    `Remove the trusted host key of ${formatHostPort(p.host, p.port)} from the extension's store?`,
    {
      modal: true,
      detail: `File: ${file}\nDo this only if you know why the key changed (router reset, new router). Entries in ~/.ssh/known_hosts are not touched: remove those yourself (ssh-keygen -R).`,
    },
    go,
  );
  if (a !== go) return;
  const n = removeKnownHost(file, p.host, p.port);
  void vscode.window.showInformationMessage(
    `RouterOS: removed ${n} entr${n === 1 ? 'y' : 'ies'} for ${formatHostPort(p.host, p.port)}. The next connection will show the new fingerprint and ask.`,
  );
}

async function forgetSecrets(ctx: Ctx): Promise<void> {
  const p = await ctx.active.pick();
  if (!p) return;
  await ctx.context.secrets.delete(passwordKey(p));
  if (p.privateKey)
    await ctx.context.secrets.delete(passphraseKey(p.privateKey.replace(/^~(?=$|[\\/])/, homedir())));
  void vscode.window.showInformationMessage(`RouterOS: forgot the stored password/passphrase for ${p.name}.`);
}

export function registerDeploy(context: vscode.ExtensionContext): void {
  const active = new ActiveRouter(context);
  const out = vscode.window.createOutputChannel('RouterOS Deploy');
  const routerDiagnostics = vscode.languages.createDiagnosticCollection('routeros-router');
  const diffDocs = new Map<string, string>();
  const ctx: Ctx = { context, active, out, routerDiagnostics, diffDocs };
  context.subscriptions.push(
    active,
    out,
    routerDiagnostics,
    vscode.commands.registerCommand('routeros.addRouter', () => addRouter(context, active)),
    vscode.commands.registerCommand('routeros.pickRouter', () => active.pick()),
    vscode.commands.registerCommand('routeros.pushScript', (uri?: vscode.Uri) => push(ctx, uri)),
    vscode.commands.registerCommand('routeros.validateOnRouter', (uri?: vscode.Uri) => validate(ctx, uri)),
    vscode.commands.registerCommand('routeros.confirmPush', (name?: string) => confirm(ctx, name)),
    vscode.commands.registerCommand('routeros.removeTrustedHostKey', (name?: string) =>
      removeTrustedKey(ctx, name),
    ),
    vscode.commands.registerCommand('routeros.forgetRouterSecrets', () => forgetSecrets(ctx)),
    vscode.commands.registerCommand('routeros.pushToRouters', (uri?: vscode.Uri) => pushToRouters(ctx, uri)),
    vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, {
      provideTextDocumentContent: (uri) => diffDocs.get(uri.path) ?? '',
    }),
    // Router diagnostics describe the text that was pushed; an edit makes them stale.
    vscode.workspace.onDidChangeTextDocument((e) => routerDiagnostics.delete(e.document.uri)),
  );
  // A push left unconfirmed in an earlier window is still worth a reminder while its deadline is ahead.
  const pending = context.globalState
    .get<PendingPush[]>(PENDING_KEY, [])
    .filter((x) => x.deadline > Date.now());
  void context.globalState.update(PENDING_KEY, pending);
  if (pending.length) {
    const c = 'Confirm Push';
    void vscode.window
      .showWarningMessage(
        `RouterOS: a push to ${pending[pending.length - 1].profile} is not confirmed yet; the router will roll it back.`,
        c,
      )
      .then(
        (a) =>
          a === c &&
          vscode.commands.executeCommand('routeros.confirmPush', pending[pending.length - 1].profile),
      );
  }
}
