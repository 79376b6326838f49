// The push plan: every file name and every RouterOS command a push will use, decided before anything is
// sent, so the user can read exactly what will run and confirm it. Pure: no I/O.
import { randomBytes } from 'node:crypto';

export interface PlanOptions {
  /** Local path or name of the script, shown to the user only. */
  localName: string;
  /** Download an `/export` and a binary `/system backup` to this local folder before pushing. */
  backupDir?: string;
  /** Arm an automatic rollback that fires unless the push is confirmed within this many seconds. */
  confirmTimeoutSeconds?: number;
  /**
   * How the rollback works when confirmTimeoutSeconds is set: the backup + scheduler job (default), or
   * RouterOS's Safe Mode (7.18+) in one console session that stays open until the push is confirmed.
   */
  mechanism?: 'scheduler' | 'safe-mode';
  /** Why this mechanism was chosen (shown in the plan), e.g. "RouterOS 7.18.2 has /safe-mode". */
  mechanismReason?: string;
  /** `/import ... verbose=yes` (default true): RouterOS echoes each line, which locates errors. */
  verbose?: boolean;
  /** For tests: fixed time and random part so plans are reproducible. */
  now?: Date;
  random?: string;
}

export interface RollbackPlan {
  /** `/system backup save` name (RouterOS appends `.backup`). */
  backupName: string;
  backupFile: string;
  schedulerName: string;
  /** The RouterOS scheduler interval string, e.g. `5m` or `90s`. */
  interval: string;
  timeoutSeconds: number;
  saveCommand: string;
  schedulerCommand: string;
  /** What "confirm" runs: removes the job and the rollback backup. */
  confirmCommands: string[];
  /** What rolling back now runs: the scheduler's on-event, started with :execute. */
  restoreCommand: string;
}

/** Safe Mode: the import runs in one console session holding Safe Mode until it is confirmed. */
export interface SafeModePlan {
  timeoutSeconds: number;
  /** Human form of the timeout, e.g. `5m`. */
  interval: string;
  takeCommand: string;
  releaseCommand: string;
  unrollCommand: string;
  reason?: string;
}

export interface BackupPlan {
  dir: string;
  exportName: string;
  exportFile: string;
  backupName: string;
  backupFile: string;
  commands: string[];
  /** Files removed from the router after download, so backups do not fill its flash. */
  cleanupCommands: string[];
}

export interface PushPlan {
  id: string;
  localName: string;
  uploadName: string;
  importCommand: string;
  cleanupCommand: string;
  backup?: BackupPlan;
  rollback?: RollbackPlan;
  safeMode?: SafeModePlan;
  /** Why the scheduler rollback (or none) was chosen, shown in the plan. */
  rollbackReason?: string;
}

export interface ValidatePlan {
  uploadName: string;
  parseCommand: string;
  cleanupCommand: string;
  /** Printed by parseCommand only when `:parse` accepted the file. */
  okMarker: string;
}

/** Only these characters ever appear in a name we create on the router; nothing needs quoting. */
export const SAFE_NAME = /^[a-z0-9][a-z0-9.-]*$/;

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

export function makeId(now: Date = new Date(), random?: string): string {
  const r = random ?? randomBytes(4).toString('hex');
  const id = `${stamp(now)}-${r.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
  if (!SAFE_NAME.test(id)) throw new Error(`internal: unsafe id ${id}`);
  return id;
}

/** Seconds to a RouterOS time interval: whole minutes as `Nm`, otherwise `Ns`. */
export function routerInterval(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  return s % 60 === 0 ? `${s / 60}m` : `${s}s`;
}

/** Parses `90`, `90s`, `5m`, `1h`, `1h30m` into seconds; undefined when malformed or zero. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^\d+$/.test(t)) return Number(t) > 0 ? Number(t) : undefined;
  const re = /(\d+)([hms])/gy;
  let total = 0;
  let pos = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    total += Number(m[1]) * (m[2] === 'h' ? 3600 : m[2] === 'm' ? 60 : 1);
    pos = re.lastIndex;
  }
  return pos === t.length && total > 0 ? total : undefined;
}

/** `[find name="X"]` removal never fails when X is already gone, which keeps cleanup idempotent. */
export function removeFileCommand(name: string): string {
  return `/file remove [find name="${name}"]`;
}

export function makePushPlan(opts: PlanOptions): PushPlan {
  const id = makeId(opts.now, opts.random);
  const uploadName = `rsc-push-${id}.rsc`;
  const verbose = opts.verbose ?? true;
  const plan: PushPlan = {
    id,
    localName: opts.localName,
    uploadName,
    importCommand: `/import file-name=${uploadName}${verbose ? ' verbose=yes' : ''}`,
    cleanupCommand: removeFileCommand(uploadName),
  };
  if (opts.backupDir !== undefined) {
    const exportName = `rsc-pre-${id}`;
    plan.backup = {
      dir: opts.backupDir,
      exportName,
      exportFile: `${exportName}.rsc`,
      backupName: exportName,
      backupFile: `${exportName}.backup`,
      commands: [`/export file=${exportName}`, `/system backup save name=${exportName} dont-encrypt=yes`],
      cleanupCommands: [removeFileCommand(`${exportName}.rsc`), removeFileCommand(`${exportName}.backup`)],
    };
  }
  if (opts.confirmTimeoutSeconds !== undefined && opts.mechanism === 'safe-mode') {
    plan.safeMode = {
      timeoutSeconds: Math.max(1, Math.round(opts.confirmTimeoutSeconds)),
      interval: routerInterval(opts.confirmTimeoutSeconds),
      takeCommand: '/safe-mode take',
      releaseCommand: '/safe-mode release',
      unrollCommand: '/safe-mode unroll',
      reason: opts.mechanismReason,
    };
  } else if (opts.confirmTimeoutSeconds !== undefined) {
    plan.rollbackReason = opts.mechanismReason;
    const name = `rsc-rollback-${id}`;
    const interval = routerInterval(opts.confirmTimeoutSeconds);
    // The binary backup is saved BEFORE the scheduler job exists, so loading it restores a configuration
    // without the job: the rollback removes itself, and nothing the script added survives.
    const load = `/system backup load name=${name}.backup password=\\"\\"`;
    // "Roll back now" runs the same load through :execute, i.e. as a background script like the scheduler
    // does, so RouterOS never stops to ask "Restore and reboot? [y/N]" on the SSH channel.
    const restoreCommand = `:execute script="${load}"`;
    plan.rollback = {
      backupName: name,
      backupFile: `${name}.backup`,
      schedulerName: name,
      interval,
      timeoutSeconds: Math.max(1, Math.round(opts.confirmTimeoutSeconds)),
      saveCommand: `/system backup save name=${name} dont-encrypt=yes`,
      schedulerCommand:
        `/system scheduler add name=${name} interval=${interval} ` +
        `comment="rsc push: restores the pre-push configuration unless confirmed" ` +
        `on-event="${load}"`,
      confirmCommands: [
        `/system scheduler remove [find name="${name}"]`,
        removeFileCommand(`${name}.backup`),
      ],
      restoreCommand,
    };
  }
  return plan;
}

export function makeValidatePlan(now?: Date, random?: string): ValidatePlan {
  const uploadName = `rsc-check-${makeId(now, random)}.rsc`;
  const okMarker = 'rsc-parse-ok';
  return {
    uploadName,
    // `:parse` compiles without running; it raises "syntax error (line N column M)" on invalid input,
    // which ends the command before the marker is printed.
    parseCommand: `:local rscSrc [/file get [find name="${uploadName}"] contents]; :local rscCode [:parse $rscSrc]; :put "${okMarker}"`,
    cleanupCommand: removeFileCommand(uploadName),
    okMarker,
  };
}

/** The plan as the numbered list shown before confirmation; every command appears verbatim. */
export function describePlan(plan: PushPlan, target: string): string {
  const out: string[] = [`Push ${plan.localName} to ${target}:`];
  let n = 1;
  const step = (s: string) => out.push(`  ${n++}. ${s}`);
  if (plan.backup) {
    for (const c of plan.backup.commands) step(`run: ${c}`);
    step(`download ${plan.backup.exportFile} and ${plan.backup.backupFile} to ${plan.backup.dir}`);
    for (const c of plan.backup.cleanupCommands) step(`run: ${c}`);
  }
  if (plan.safeMode) {
    const m = plan.safeMode;
    out.push(`  Rollback: RouterOS Safe Mode${m.reason ? ` (${m.reason})` : ''}.`);
  } else if (plan.rollback) {
    out.push(
      `  Rollback: backup + scheduler job, /system backup load (REBOOTS)${plan.rollbackReason ? ` (${plan.rollbackReason})` : ''}.`,
    );
  } else {
    out.push(
      '  Rollback: NONE (--no-rollback / confirmTimeout empty): a script that cuts you off stays in effect.',
    );
  }
  if (plan.rollback) {
    const r = plan.rollback;
    step(`run: ${r.saveCommand}`);
    step(`run: ${r.schedulerCommand}`);
    out.push(
      `     (unless you confirm within ${r.interval}, the router loads ${r.backupFile} and REBOOTS,`,
      `      restoring exactly the configuration it had before this push)`,
    );
  }
  step(`upload ${plan.localName} as ${plan.uploadName} (SFTP)`);
  if (plan.safeMode) {
    const m = plan.safeMode;
    step(`open one console session and run: ${m.takeCommand}`);
    step(`run in that session: ${plan.importCommand}`);
    step(
      `ask you to confirm within ${m.interval}; confirming runs: ${m.releaseCommand}; "roll back" or no answer runs: ${m.unrollCommand}`,
    );
    out.push(
      '     (if the connection is lost, RouterOS itself undoes every change made in Safe Mode once it notices',
      '      the session is gone, no reboot needed)',
    );
    step(`run: ${plan.cleanupCommand}`);
    return out.join('\n');
  }
  step(`run: ${plan.importCommand}`);
  step(`run: ${plan.cleanupCommand}`);
  if (plan.rollback) {
    step(`ask you to confirm; confirming runs: ${plan.rollback.confirmCommands.join('; ')}`);
  }
  return out.join('\n');
}

/** Safe Mode holds at most 100 actions (the manual); past that RouterOS lets go without undoing anything. */
export const SAFE_MODE_MAX_CHANGES = 90;

/**
 * About how many configuration actions a script makes: lines running add/set/remove/enable/disable/move/
 * unset/comment. Undefined when loops make the number unknowable before running it.
 */
export function countConfigChanges(text: string): number | undefined {
  const joined = text.replace(/\\\r?\n\s*/g, ' ');
  let n = 0;
  for (const raw of joined.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (/(^|[\s{;])(:for|:foreach|:while|:do)\b/.test(line)) return undefined;
    const m = line.match(/(^|[\s{;[])(add|set|remove|enable|disable|move|unset|comment|reset)(?=\s|$|;|\])/g);
    if (m) n += m.length;
  }
  return n;
}

/** `7.18.2 (stable)` -> [7, 18]; undefined when it does not look like a version. */
export function parseRouterVersion(text: string): [number, number] | undefined {
  const m = /(\d+)\.(\d+)/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/**
 * Safe Mode where the router has it (RouterOS 7.18+, `/safe-mode`) and the script's changes fit its
 * history; the backup + scheduler rollback otherwise. The reason is shown in the plan.
 */
export function chooseRollbackMechanism(
  versionText: string | undefined,
  script: string,
): { mechanism: 'scheduler' | 'safe-mode'; reason: string } {
  const v = versionText ? parseRouterVersion(versionText) : undefined;
  const shown = versionText?.trim() || 'unknown';
  if (!v || v[0] < 7 || (v[0] === 7 && v[1] < 18))
    return { mechanism: 'scheduler', reason: `RouterOS ${shown} has no /safe-mode (7.18 and later)` };
  const n = countConfigChanges(script);
  if (n === undefined)
    return {
      mechanism: 'scheduler',
      reason: `RouterOS ${shown} has /safe-mode, but the script loops, so its changes may not fit the 100 Safe Mode keeps`,
    };
  if (n > SAFE_MODE_MAX_CHANGES)
    return {
      mechanism: 'scheduler',
      reason: `RouterOS ${shown} has /safe-mode, but about ${n} changes exceed the 100 Safe Mode keeps`,
    };
  return {
    mechanism: 'safe-mode',
    reason: `RouterOS ${shown}; about ${n} change(s), within the 100 Safe Mode keeps`,
  };
}
