// Push, validate and confirm: the orchestration of one deployment over an SSH session. Every step is
// recorded in a plain-language report so that, whatever fails, the user learns exactly what ran on the
// router and what state it is in. The user's file is only read, never written.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeployError } from './errors';
import { analyzeOutput, type ImportAnalysis } from './output';
import {
  describePlan,
  makePushPlan,
  makeValidatePlan,
  SAFE_NAME,
  removeFileCommand,
  type PushPlan,
} from './plan';
import { connect, type ConnectOptions, type RouterSession } from './ssh';

export interface PushUi {
  /** Progress lines (output channel / stderr). Never receives secrets. */
  log(line: string): void;
  /** Raw router output of the import, streamed as it arrives. */
  onRouterOutput?(text: string): void;
  /** Shows the exact plan; resolve true to go ahead. Nothing is connected or sent before this. */
  confirmPlan(description: string, plan: PushPlan): Promise<boolean>;
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

export async function pushScript(req: PushRequest, ui: PushUi): Promise<PushResult> {
  const plan = makePushPlan({
    localName: req.localName,
    backupDir: req.backupDir,
    confirmTimeoutSeconds: req.confirmTimeoutSeconds,
    verbose: req.verbose,
    now: req.now,
    random: req.random,
  });
  const c = req.connection;
  const result: PushResult = {
    status: 'failed',
    plan,
    output: '',
    report: [],
    changed: 'no',
    backupFiles: [],
  };
  const report = result.report;
  const log = (line: string) => {
    report.push(line);
    ui.log(line);
  };
  if (!(await ui.confirmPlan(describePlan(plan, `${c.username}@${c.host}:${c.port}`), plan))) {
    result.status = 'declined';
    report.push('nothing was sent: the plan was not confirmed');
    return result;
  }
  let s: RouterSession;
  try {
    s = await connect({ ...c, signal: req.signal ?? c.signal, log: c.log ?? ui.log });
  } catch (e) {
    result.error = e as DeployError;
    report.push(`nothing was sent: ${(e as Error).message}`);
    return result;
  }
  // Cleanup must run even after the user cancelled, so it does not take the (aborted) signal.
  const noSignal = { commandTimeoutMs: req.commandTimeoutMs };
  let backupsPending = false;
  let armed = false;
  let uploadStarted = false;
  let importStarted = false;
  let uploaded = false;
  try {
    // 1. Optional backups, downloaded before anything changes.
    if (plan.backup) {
      const b = plan.backup;
      backupsPending = true;
      for (const cmd of b.commands) await run(s, cmd, req, log);
      mkdirSync(b.dir, { recursive: true });
      for (const f of [b.exportFile, b.backupFile]) {
        const data = await s.download(f, { signal: req.signal });
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
    await s.upload(plan.uploadName, req.script, { signal: req.signal });
    uploaded = true;
    log(`uploaded ${req.localName} as ${plan.uploadName}`);
    result.changed = 'maybe';
    ui.log(`running: ${plan.importCommand}`);
    importStarted = true;
    let out = '';
    try {
      out = await s.exec(plan.importCommand, {
        timeoutMs: req.commandTimeoutMs,
        signal: req.signal,
        onData: (t) => {
          out += t;
          ui.onRouterOutput?.(t);
        },
      });
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
      const decision = ui.decideRollback
        ? await ui.decideRollback({ success: result.status === 'success', plan, analysis: result.analysis })
        : 'pending';
      if (decision === 'keep') {
        try {
          for (const cmd of r.confirmCommands) await run(s, cmd, noSignal, log);
          log(`confirmed: the rollback job ${r.schedulerName} was removed; the changes are permanent`);
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
          `not confirmed: the router restores its pre-push configuration (and reboots) within ${r.interval} of the push unless you confirm (rsc push --confirm-pending, or "RouterOS: Confirm Push")`,
        );
        result.status = result.status === 'failed' ? 'failed' : 'pending-confirmation';
      }
    }
  }
  s.close();
  return result;
}

export interface ValidateRequest {
  connection: ConnectOptions;
  script: Buffer;
  signal?: AbortSignal;
  commandTimeoutMs?: number;
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
    await s.upload(plan.uploadName, req.script, { signal: req.signal });
    report.push(`uploaded as ${plan.uploadName}`);
    let out = '';
    try {
      out = await s.exec(plan.parseCommand, { timeoutMs: req.commandTimeoutMs, signal: req.signal });
      report.push(`ran: ${plan.parseCommand}`);
    } finally {
      try {
        await s.exec(plan.cleanupCommand, { timeoutMs: 30_000 });
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
