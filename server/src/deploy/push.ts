// Push, validate and confirm: the orchestration of one deployment over an SSH session. Every step is
// recorded in a plain-language report so that, whatever fails, the user learns exactly what ran on the
// router and what state it is in. The user's file is only read, never written.
import { accessSync, constants, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeployError } from './errors';
import { analyzeOutput, type ImportAnalysis } from './output';
import { diffConfig, type ConfigDiff } from '../analysis/config-diff';
import {
  chooseRollbackMechanism,
  countConfigChanges,
  SAFE_MODE_MAX_CHANGES,
  describePlan,
  makePushPlan,
  makeValidatePlan,
  SAFE_NAME,
  removeFileCommand,
  type PushPlan,
} from './plan';
import { formatHostPort } from './hosts';
// For the VS Code client, which loads this module lazily: the fleet helpers and the inventory come with it.
export { formatTable, pool, resultText, codeOf, type Row as FleetRow } from './fleet';
export { limitHosts, parseInventory, type InventoryHost } from './inventory';
export { applyDiffToExport, formatConfigDiff } from '../analysis/config-diff';
import { storeFileProblem } from './knownHosts';
import { connect, type ConnectOptions, type ConsoleSession, type RouterSession } from './ssh';

export interface PushUi {
  /** Progress lines (output channel / stderr). Never receives secrets. */
  log(line: string): void;
  /** Raw router output of the import, streamed as it arrives. */
  onRouterOutput?(text: string): void;
  /** Shows the exact plan; resolve true to go ahead. Nothing is connected or sent before this. */
  confirmPlan(description: string, plan: PushPlan, extra?: PlanExtras): Promise<boolean>;
  /**
   * Only with a rollback armed, after the import: 'keep' confirms (removes the job), 'rollback' restores
   * now (the router reboots), 'pending' leaves the job to fire unless confirmed later.
   */
  decideRollback?(info: {
    success: boolean;
    plan: PushPlan;
    analysis?: ImportAnalysis;
  }): Promise<'keep' | 'rollback' | 'pending'>;
}

/** What the read-only questions before the plan found (only when they were asked). */
export interface PlanExtras {
  /** `/system resource get version`, e.g. "7.18.2 (stable)". */
  version?: string;
  /** The router's `/export` (with --diff). */
  exportText?: string;
  /** What the script would change on that configuration (with --diff). */
  diff?: ConfigDiff;
}

export const VERSION_COMMAND = ':put [/system resource get version]';
export const EXPORT_COMMAND = '/export';

export interface PushRequest {
  connection: ConnectOptions;
  /** The file's exact bytes; uploaded unchanged. */
  script: Buffer;
  localName: string;
  backupDir?: string;
  confirmTimeoutSeconds?: number;
  verbose?: boolean;
  signal?: AbortSignal;
  /** Limit for each router command (default 120 s). */
  commandTimeoutMs?: number;
  /** Limit for each SFTP upload or download (default: commandTimeoutMs). */
  transferTimeoutMs?: number;
  /**
   * With confirmTimeoutSeconds: 'auto' asks the router's version first and uses Safe Mode on RouterOS
   * 7.18+ (when the script's changes fit), the backup + scheduler job otherwise. Default 'scheduler'.
   */
  rollback?: 'auto' | 'safe-mode' | 'scheduler';
  /** Fetch the router's /export before the plan and pass the diff to confirmPlan. */
  diff?: boolean;
  /**
   * Decide the confirmation without asking: keep the changes when the import succeeded and a fresh SSH
   * login still works; roll back otherwise.
   */
  autoConfirm?: boolean;
  /** For reproducible tests. */
  now?: Date;
  random?: string;
}

export type PushStatus =
  'success' | 'router-errors' | 'declined' | 'failed' | 'rolled-back' | 'pending-confirmation';

export interface PushResult {
  status: PushStatus;
  plan: PushPlan;
  analysis?: ImportAnalysis;
  /** Everything the import printed. */
  output: string;
  /** What happened, one sentence per step, in order. Shown to the user at the end. */
  report: string[];
  /** Whether the router's configuration may differ from before the push. */
  changed: 'no' | 'yes' | 'maybe';
  /** Local paths of downloaded backups. */
  backupFiles: string[];
  /** The exact state the router was left in, one line (the fleet table's last column). */
  state: string;
  /** Safe Mode was held by a session that ended without release/unroll: RouterOS reverts by itself. */
  safeModeLost?: boolean;
  error?: DeployError;
}

/** Errors RouterOS prints for a command that failed (not for the script being imported). */
function commandFailed(out: string): string | undefined {
  const a = analyzeOutput(out, '');
  return a.errors.length ? a.errors.map((e) => e.message).join('; ') : undefined;
}

/** Runs one of our own commands; RouterOS's error text makes it throw. Each command run is logged. */
async function run(
  s: RouterSession,
  cmd: string,
  req: Pick<PushRequest, 'commandTimeoutMs' | 'signal'>,
  log: (line: string) => void,
): Promise<string> {
  const out = await s.exec(cmd, { timeoutMs: req.commandTimeoutMs, signal: req.signal });
  const bad = commandFailed(out);
  if (bad) throw new DeployError('router', `the router refused "${cmd}": ${bad}`);
  log(`ran: ${cmd}`);
  return out;
}

/**
 * Local paths the push will write to, checked before anything touches the router: the backup folder is
 * created (or must be a writable folder) and the host-key store must be a file we can create. Returns a
 * usage error or undefined.
 */
export function checkLocalPaths(backupDir: string | undefined, storeFile: string): DeployError | undefined {
  const store = storeFileProblem(storeFile);
  if (store) return new DeployError('usage', store);
  if (backupDir === undefined) return undefined;
  try {
    mkdirSync(backupDir, { recursive: true });
    if (!statSync(backupDir).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    accessSync(backupDir, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'it (or a folder on its path) is a file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'it is not writable'
          : (code ?? 'error');
    return new DeployError('usage', `the backup folder ${backupDir} cannot be used: ${why}`);
  }
  return undefined;
}

/** Cleanup gets at least this long per command, whatever the user's (possibly short) command limit. */
const CLEANUP_TIMEOUT_MS = 30_000;

export async function pushScript(req: PushRequest, ui: PushUi): Promise<PushResult> {
  const c = req.connection;
  const scriptText = req.script.toString('utf8');
  const wantRollback = req.confirmTimeoutSeconds !== undefined;
  const mode = wantRollback ? (req.rollback ?? 'scheduler') : undefined;
  // Read-only questions asked before the plan (the version decides the rollback; --diff needs /export).
  const probe = mode === 'auto' || req.diff === true;
  const planFor = (mechanism: 'scheduler' | 'safe-mode' | undefined, reason?: string) =>
    makePushPlan({
      localName: req.localName,
      backupDir: req.backupDir,
      confirmTimeoutSeconds: req.confirmTimeoutSeconds,
      mechanism,
      mechanismReason: reason,
      verbose: req.verbose,
      now: req.now,
      random: req.random,
    });
  let plan = planFor(
    mode === 'safe-mode' ? 'safe-mode' : 'scheduler',
    mode === 'safe-mode' ? 'asked for' : undefined,
  );
  const result: PushResult = {
    status: 'failed',
    plan,
    output: '',
    report: [],
    changed: 'no',
    backupFiles: [],
    state: 'unchanged: nothing was sent',
  };
  const report = result.report;
  const log = (line: string) => {
    report.push(line);
    ui.log(line);
  };
  const target = `${c.username}@${formatHostPort(c.host, c.port)}`;
  if (mode === 'safe-mode') {
    // Past 100 actions RouterOS lets go of Safe Mode without undoing anything: refuse rather than promise
    // a rollback that would not happen.
    const n = countConfigChanges(scriptText);
    if (n === undefined || n > SAFE_MODE_MAX_CHANGES) {
      result.error = new DeployError(
        'usage',
        `Safe Mode cannot protect this script (${n === undefined ? 'it loops, so its changes cannot be counted' : `about ${n} changes; Safe Mode keeps 100`}): use the scheduler rollback (--rollback scheduler)`,
      );
      report.push(`nothing was sent: ${result.error.message}`);
      return result;
    }
  }
  const local = probe ? checkLocalPaths(req.backupDir, c.hostKeys.storeFile) : undefined;
  if (local) {
    result.error = local;
    report.push(`nothing was sent: ${local.message}`);
    return result;
  }
  let s: RouterSession | undefined;
  const extra: PlanExtras = {};
  if (probe) {
    try {
      s = await connect({ ...c, signal: req.signal ?? c.signal, log: c.log ?? ui.log });
      if (mode === 'auto') {
        extra.version = (await run(s, VERSION_COMMAND, req, log)).trim();
        const choice = chooseRollbackMechanism(extra.version, scriptText);
        plan = planFor(choice.mechanism, choice.reason);
        result.plan = plan;
      }
      if (req.diff) {
        extra.exportText = await run(s, EXPORT_COMMAND, req, log);
        extra.diff = diffConfig(scriptText, extra.exportText);
      }
    } catch (e) {
      s?.close();
      result.error = e instanceof DeployError ? e : new DeployError('router', (e as Error).message);
      report.push(`nothing was changed: ${result.error.message}`);
      return result;
    }
  }
  let description = describePlan(plan, target);
  if (probe) {
    const asked = [mode === 'auto' ? VERSION_COMMAND : '', req.diff ? EXPORT_COMMAND : ''].filter(Boolean);
    description += `\n  (already asked the router, read-only: ${asked.join('; ')})`;
  }
  if (!(await ui.confirmPlan(description, plan, extra))) {
    s?.close();
    result.status = 'declined';
    report.push(
      probe
        ? 'nothing was changed: the plan was not confirmed'
        : 'nothing was sent: the plan was not confirmed',
    );
    result.state = 'unchanged: the plan was declined';
    return result;
  }
  if (!probe) {
    const bad = checkLocalPaths(plan.backup?.dir, c.hostKeys.storeFile);
    if (bad) {
      result.error = bad;
      report.push(`nothing was sent: ${bad.message}`);
      return result;
    }
    try {
      s = await connect({ ...c, signal: req.signal ?? c.signal, log: c.log ?? ui.log });
    } catch (e) {
      result.error = e as DeployError;
      report.push(`nothing was sent: ${(e as Error).message}`);
      return result;
    }
  }
  return pushConnected(req, ui, s!, result, log);
}

async function pushConnected(
  req: PushRequest,
  ui: PushUi,
  session: RouterSession,
  result: PushResult,
  log: (line: string) => void,
): Promise<PushResult> {
  const c = req.connection;
  const plan = result.plan;
  const report = result.report;
  let s = session;
  // Cleanup must run even after the user cancelled, so it does not take the (aborted) signal, and it gets
  // its own limit: a user's short command limit that just expired must not cut the cleanup short too.
  const noSignal = { commandTimeoutMs: Math.max(req.commandTimeoutMs ?? 0, CLEANUP_TIMEOUT_MS) };
  const transfer = { signal: req.signal, timeoutMs: req.transferTimeoutMs ?? req.commandTimeoutMs };
  let backupsPending = false;
  let armed = false;
  let consoleSession: ConsoleSession | undefined;
  let safeModeHeld = false;
  let confirmed = false;
  let uploadStarted = false;
  let importStarted = false;
  let uploaded = false;
  try {
    // 1. Optional backups, downloaded before anything changes.
    if (plan.backup) {
      const b = plan.backup;
      backupsPending = true;
      for (const cmd of b.commands) await run(s, cmd, req, log);
      for (const f of [b.exportFile, b.backupFile]) {
        const data = await s.download(f, transfer);
        const local = join(b.dir, f);
        writeFileSync(local, data, { flag: 'wx' });
        result.backupFiles.push(local);
        log(`downloaded ${f} to ${local}`);
      }
      for (const cmd of b.cleanupCommands) await run(s, cmd, req, log);
      backupsPending = false;
    }
    // 2. Optional rollback: backup first, then the job (so the backup does not contain the job).
    if (plan.rollback) {
      await run(s, plan.rollback.saveCommand, req, log);
      // From here on the disarm path runs, so a refused job does not leave the backup behind.
      armed = true;
      await run(s, plan.rollback.schedulerCommand, req, log);
      log(
        `rollback armed: ${plan.rollback.schedulerName} restores ${plan.rollback.backupFile} (and reboots) in ${plan.rollback.interval} unless confirmed`,
      );
    }
    // 3. Upload and import.
    uploadStarted = true;
    await s.upload(plan.uploadName, req.script, transfer);
    uploaded = true;
    log(`uploaded ${req.localName} as ${plan.uploadName}`);
    result.changed = 'maybe';
    if (plan.safeMode) {
      // Safe Mode belongs to one console session: take it there, and import there.
      consoleSession = await s.openConsole({ signal: req.signal });
      const took = await consoleSession.run(plan.safeMode.takeCommand, {
        timeoutMs: req.commandTimeoutMs,
        signal: req.signal,
      });
      const bad = commandFailed(took);
      if (bad) throw new DeployError('router', `the router refused "${plan.safeMode.takeCommand}": ${bad}`);
      safeModeHeld = true;
      log(`ran: ${plan.safeMode.takeCommand} (Safe Mode is held by this push's console session)`);
    }
    ui.log(`running: ${plan.importCommand}`);
    importStarted = true;
    let out = '';
    try {
      const opts = {
        timeoutMs: req.commandTimeoutMs,
        signal: req.signal,
        onData: (t: string) => {
          out += t;
          ui.onRouterOutput?.(t);
        },
      };
      if (consoleSession) await consoleSession.run(plan.importCommand, opts);
      else await s.exec(plan.importCommand, opts);
    } finally {
      result.output = out;
    }
    report.push(`ran: ${plan.importCommand}`);
    const analysis = analyzeOutput(out, req.script.toString('utf8'));
    result.analysis = analysis;
    if (analysis.success) {
      result.status = 'success';
      result.changed = 'yes';
      log('RouterOS: Script file loaded and executed successfully');
    } else {
      result.status = 'router-errors';
      const ran =
        analysis.lastEchoLine !== undefined
          ? `RouterOS ran the script up to line ${analysis.lastEchoLine + 1}; commands before the failing one are in effect`
          : 'RouterOS may have run part of the script before stopping';
      log(`the import did not succeed (${analysis.errors.length} error(s)); ${ran}`);
      if (analysis.lastEchoLine === undefined && analysis.errors.every((e) => e.located === 'reported')) {
        // A parse error stops the import before anything runs only when nothing was echoed.
        result.changed = 'maybe';
      } else result.changed = 'yes';
    }
  } catch (e) {
    result.error = e instanceof DeployError ? e : new DeployError('router', (e as Error).message);
    result.status = 'failed';
    log(`stopped: ${result.error.message}`);
    if (importStarted && result.analysis === undefined) {
      // Closing our channel does not stop an import that RouterOS already runs.
      log('the import had started: RouterOS may have run none, part or all of the script; check the router');
    }
  }
  if (plan.safeMode && safeModeHeld && consoleSession) {
    await decideSafeMode(req, ui, result, consoleSession, log);
  }
  // A connection that died is reopened once, to remove what we left behind: the uploaded (or partly
  // uploaded) file, and, when nothing was imported, the rollback job, so the router does not reboot for
  // nothing. After an import an armed job is never removed without the user's confirmation.
  if (s.isClosed && (uploadStarted || armed || backupsPending)) {
    try {
      s = await connect({ ...c, signal: undefined, log: c.log ?? ui.log });
      log('reconnected to clean up');
    } catch (e) {
      log(`could not reconnect to clean up: ${(e as Error).message}`);
    }
  }
  // Backup files whose download did not finish are not left on the router's flash.
  if (plan.backup && backupsPending) {
    try {
      for (const cmd of plan.backup.cleanupCommands) await run(s, cmd, noSignal, log);
    } catch (e) {
      log(
        `could NOT remove the backup files from the router (${(e as Error).message}); remove them with: ${plan.backup.cleanupCommands.join('; ')}`,
      );
    }
  }
  // 4. The uploaded file is removed whatever happened (a partial upload too).
  if (uploadStarted) {
    try {
      await run(s, plan.cleanupCommand, noSignal, log);
      log(`removed ${plan.uploadName} from the router`);
    } catch (e) {
      log(
        `could NOT remove ${plan.uploadName} from the router (${(e as Error).message}); remove it with: ${plan.cleanupCommand}`,
      );
    }
  }
  // 5. Rollback decision.
  if (armed && plan.rollback) {
    const r = plan.rollback;
    if (!uploaded) {
      result.changed = 'no';
      // Nothing was imported: disarm, so the router does not reboot for nothing.
      try {
        for (const cmd of r.confirmCommands) await run(s, cmd, noSignal, log);
        log(`nothing was imported; the rollback job ${r.schedulerName} was removed again`);
      } catch (e) {
        log(
          `nothing was imported, but the rollback job ${r.schedulerName} could NOT be removed (${(e as Error).message}): the router will load ${r.backupFile} and reboot within ${r.interval} unless you run: ${r.confirmCommands.join('; ')}`,
        );
        result.changed = 'yes';
      }
    } else if (s.isClosed) {
      log(
        `the connection is gone; the rollback job ${r.schedulerName} stays armed: the router restores its pre-push configuration (and reboots) within ${r.interval} unless you confirm`,
      );
      result.status = result.status === 'failed' ? 'failed' : 'pending-confirmation';
    } else {
      const decision = await decide(req, ui, result, log);
      if (decision === 'keep') {
        try {
          for (const cmd of r.confirmCommands) await run(s, cmd, noSignal, log);
          log(`confirmed: the rollback job ${r.schedulerName} was removed; the changes are permanent`);
          confirmed = true;
        } catch (e) {
          log(
            `could NOT confirm (${(e as Error).message}): the router restores its pre-push configuration within ${r.interval} unless you run: ${r.confirmCommands.join('; ')}`,
          );
          result.status = 'pending-confirmation';
        }
      } else if (decision === 'rollback') {
        try {
          // The router reboots while this runs, so a dropped connection is the expected outcome.
          await s.exec(r.restoreCommand, { timeoutMs: 30_000 });
        } catch {
          // See above.
        }
        report.push(`ran: ${r.restoreCommand}`);
        log(
          `rolled back: the router is loading ${r.backupFile} and rebooting into its pre-push configuration`,
        );
        result.status = 'rolled-back';
      } else {
        log(
          `not confirmed: the router restores its pre-push configuration (and reboots) within ${r.interval} of the push unless you confirm (rsc push --confirm-pending, or "RouterOS: Keep Changes on Router (Confirm)")`,
        );
        result.status = result.status === 'failed' ? 'failed' : 'pending-confirmation';
      }
    }
  }
  s.close();
  result.state = describeState(result, { confirmed, importStarted });
  return result;
}

/** The one-line state the router was left in, from what the push did. */
function describeState(r: PushResult, f: { confirmed: boolean; importStarted: boolean }): string {
  const rb = r.plan.rollback;
  const ran =
    r.analysis?.lastEchoLine !== undefined ? ` up to line ${r.analysis.lastEchoLine + 1}` : ' (partly)';
  switch (r.status) {
    case 'declined':
      return 'unchanged: the plan was declined';
    case 'success':
      return f.confirmed || r.plan.safeMode
        ? 'changed: script applied and confirmed'
        : 'changed: script applied';
    case 'router-errors':
      return `changed${ran}: RouterOS stopped at an error${f.confirmed ? ' (kept)' : ''}`;
    case 'pending-confirmation':
      return `changed, NOT confirmed: ${rb?.schedulerName} restores the pre-push backup (reboot) within ${rb?.interval}`;
    case 'rolled-back':
      return r.plan.safeMode
        ? 'unchanged: Safe Mode undid the push'
        : `rolling back: loading ${rb?.backupFile} and rebooting into the pre-push configuration`;
    default:
      if (r.changed === 'no') return 'unchanged: nothing was imported';
      if (r.safeModeLost)
        return 'unknown until RouterOS notices the lost session, then Safe Mode undoes the push';
      if (rb && r.changed !== 'yes')
        return `unknown: the import may have run; ${rb.schedulerName} restores the pre-push backup within ${rb.interval}`;
      return f.importStarted
        ? 'unknown: the import may have run none, part or all of the script'
        : 'unchanged';
  }
}

/** keep / rollback / pending: asked of the user, or decided by a fresh login with autoConfirm. */
async function decide(
  req: PushRequest,
  ui: PushUi,
  result: PushResult,
  log: (line: string) => void,
): Promise<'keep' | 'rollback' | 'pending'> {
  const success = result.status === 'success';
  if (req.autoConfirm) {
    if (!success) {
      log('auto-confirm: the import did not succeed, so the push is rolled back');
      return 'rollback';
    }
    return (await stillReachable(req, log)) ? 'keep' : 'rollback';
  }
  return ui.decideRollback
    ? ui.decideRollback({ success, plan: result.plan, analysis: result.analysis })
    : 'pending';
}

/** Whether a NEW SSH login to the router still works after the import (the lockout test). */
async function stillReachable(req: PushRequest, log: (line: string) => void): Promise<boolean> {
  try {
    const t = await connect({ ...req.connection, signal: req.signal, log: () => undefined });
    try {
      const out = await t.exec(':put "rsc-alive"', { timeoutMs: req.commandTimeoutMs, signal: req.signal });
      const ok = out.includes('rsc-alive');
      log(
        ok
          ? 'auto-confirm: a fresh SSH login to the router works after the import'
          : 'auto-confirm: a fresh login did not answer',
      );
      return ok;
    } finally {
      t.close();
    }
  } catch (e) {
    log(`auto-confirm: a fresh SSH login failed after the import (${(e as Error).message})`);
    return false;
  }
}

/** Safe Mode: keep (release) or undo (unroll) in the console session that holds it, then /quit. */
async function decideSafeMode(
  req: PushRequest,
  ui: PushUi,
  result: PushResult,
  con: ConsoleSession,
  log: (line: string) => void,
): Promise<void> {
  const m = result.plan.safeMode!;
  if (!con.isOpen) {
    result.safeModeLost = true;
    log(
      'the console session holding Safe Mode is gone: RouterOS undoes every change of this push once it notices (the manual: after the TCP timeout, about 9 minutes), without a reboot',
    );
    return;
  }
  const decision = await decide(req, ui, result, log);
  const cmd = decision === 'keep' ? m.releaseCommand : m.unrollCommand;
  try {
    const out = await con.run(cmd, { timeoutMs: Math.max(req.commandTimeoutMs ?? 0, CLEANUP_TIMEOUT_MS) });
    const bad = commandFailed(out);
    if (bad) throw new DeployError('router', `the router refused "${cmd}": ${bad}`);
    result.report.push(`ran: ${cmd}`);
    con.quit();
    if (decision === 'keep') log('confirmed: Safe Mode released; the changes are permanent');
    else {
      log(
        decision === 'rollback'
          ? 'rolled back: Safe Mode undid every change of this push (no reboot)'
          : `not confirmed within ${m.interval}: Safe Mode undid every change of this push (no reboot)`,
      );
      result.status = 'rolled-back';
      result.changed = 'no';
    }
  } catch (e) {
    // Dropping the session without /quit is an abnormal end: RouterOS undoes the Safe Mode changes.
    con.close();
    result.safeModeLost = true;
    result.status = 'failed';
    result.error = e instanceof DeployError ? e : new DeployError('router', (e as Error).message);
    log(
      `could NOT run "${cmd}" (${(e as Error).message}); the session was dropped, so RouterOS undoes this push's changes once it notices`,
    );
  }
}

export interface ValidateRequest {
  connection: ConnectOptions;
  script: Buffer;
  signal?: AbortSignal;
  commandTimeoutMs?: number;
  /** Limit for the SFTP upload (default: commandTimeoutMs). */
  transferTimeoutMs?: number;
  now?: Date;
  random?: string;
}

export interface ValidateResult {
  valid: boolean;
  analysis: ImportAnalysis;
  output: string;
  report: string[];
}

/** Asks RouterOS's own parser about the script without running it; nothing in the configuration changes. */
export async function validateOnRouter(
  req: ValidateRequest,
  log: (l: string) => void,
): Promise<ValidateResult> {
  const plan = makeValidatePlan(req.now, req.random);
  const report: string[] = [];
  const s = await connect({ ...req.connection, signal: req.signal, log: req.connection.log ?? log });
  try {
    await s.upload(plan.uploadName, req.script, {
      signal: req.signal,
      timeoutMs: req.transferTimeoutMs ?? req.commandTimeoutMs,
    });
    report.push(`uploaded as ${plan.uploadName}`);
    let out = '';
    try {
      out = await s.exec(plan.parseCommand, { timeoutMs: req.commandTimeoutMs, signal: req.signal });
      report.push(`ran: ${plan.parseCommand}`);
    } finally {
      try {
        await s.exec(plan.cleanupCommand, { timeoutMs: CLEANUP_TIMEOUT_MS });
        report.push(`removed ${plan.uploadName}`);
      } catch (e) {
        const m = `could NOT remove ${plan.uploadName} (${(e as Error).message}); remove it with: ${plan.cleanupCommand}`;
        report.push(m);
        log(m);
      }
    }
    const analysis = analyzeOutput(out, req.script.toString('utf8'));
    const valid = out.includes(plan.okMarker) && analysis.errors.length === 0;
    if (!valid && analysis.errors.length === 0) {
      analysis.errors.push({
        message: `RouterOS did not accept the script: ${out.trim() || 'no answer'}`,
        start: 0,
        end: 0,
        line: 0,
        located: 'none',
      });
    }
    return { valid, analysis: { ...analysis, success: valid }, output: out, report };
  } finally {
    s.close();
  }
}

export interface PendingState {
  /** Scheduler jobs that were removed (confirmed). */
  confirmed: string[];
  /** Rollback backups still on the router without a job: the rollback most likely already ran. */
  orphanBackups: string[];
  report: string[];
}

const listJobs =
  ':foreach i in=[/system scheduler find where name~"^rsc-rollback-"] do={:put [/system scheduler get $i name]}';
const listBackups = ':foreach i in=[/file find where name~"^rsc-rollback-"] do={:put [/file get $i name]}';

function names(out: string, prefix: string): string[] {
  return out
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith(prefix) && SAFE_NAME.test(l));
}

/** Confirms every pending push on the router: removes our rollback jobs and their backups. */
export async function confirmPending(
  connection: ConnectOptions,
  log: (l: string) => void,
  signal?: AbortSignal,
): Promise<PendingState> {
  const s = await connect({ ...connection, signal, log: connection.log ?? log });
  const state: PendingState = { confirmed: [], orphanBackups: [], report: [] };
  try {
    const jobs = names(await s.exec(listJobs, { signal }), 'rsc-rollback-');
    for (const j of jobs) {
      await s.exec(`/system scheduler remove [find name="${j}"]`, { signal });
      await s.exec(removeFileCommand(`${j}.backup`), { signal });
      state.confirmed.push(j);
      state.report.push(`confirmed ${j}: job and its backup removed`);
    }
    const backups = names(await s.exec(listBackups, { signal }), 'rsc-rollback-');
    state.orphanBackups = backups;
    for (const b of backups) {
      state.report.push(
        `${b} is on the router without its job: that push was probably rolled back already (the file is left for you to inspect)`,
      );
    }
    if (jobs.length === 0 && backups.length === 0) state.report.push('no pending push found on the router');
    return state;
  } finally {
    s.close();
  }
}
