// `rsc push SCRIPT --inventory FILE.yml`: the same push, with the same checks (host key, plan, rollback),
// to every router of an Ansible inventory: `--limit`, `--parallel N`, `--canary N`. Nobody can answer
// questions for fifty routers at once, so each push is confirmed automatically only when the import
// succeeded and a fresh SSH login still works, and rolled back otherwise. Prints a table of router,
// result and the exact state left; the exit code is non-zero when any router failed.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatHostPort } from '../deploy/hosts';
import { limitHosts, parseInventory, type InventoryHost } from '../deploy/inventory';
import { describePlan, makePushPlan } from '../deploy/plan';
import { codeOf, FLEET_EXIT as EXIT, formatTable, pool, resultText, type Row } from '../deploy/fleet';
import { pushScript } from '../deploy/push';
import type { ConnectOptions } from '../deploy/ssh';
import type { CliIO } from './io';

export interface FleetOptions {
  file: string;
  script: Buffer;
  inventory: string;
  limit?: string;
  parallel: number;
  canary: number;
  /** Used for hosts without ansible_user. */
  user?: string;
  identity?: string;
  storeFile: string;
  acceptNew: boolean;
  backup?: string;
  confirmTimeout?: number;
  rollback?: 'auto' | 'safe-mode' | 'scheduler';
  yes: boolean;
  timeoutMs?: number;
  connectTimeoutMs?: number;
  ask(question: string): Promise<string | undefined>;
}

export async function runFleet(o: FleetOptions, io: CliIO): Promise<number> {
  let hosts: InventoryHost[];
  try {
    hosts = limitHosts(parseInventory(io.readFile(o.inventory).toString('utf8')), o.limit);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.stderr(`rsc push: inventory ${o.inventory}: ${code ?? (e as Error).message}\n`);
    return EXIT.usage;
  }
  if (hosts.length === 0) {
    io.stderr(
      `rsc push: the inventory ${o.inventory} selects no router${o.limit ? ` (--limit ${o.limit})` : ''}\n`,
    );
    return EXIT.usage;
  }
  const noUser = hosts.filter((h) => !h.user && !o.user).map((h) => h.name);
  if (noUser.length) {
    io.stderr(
      `rsc push: no user for ${noUser.join(', ')}: set ansible_user in the inventory or pass --user\n`,
    );
    return EXIT.usage;
  }
  const rollback = o.confirmTimeout !== undefined;
  // The plan, exactly, for each mechanism a router may get (the version decides, per router).
  const sample = (mechanism: 'safe-mode' | 'scheduler') =>
    describePlan(
      makePushPlan({
        localName: o.file,
        backupDir: o.backup ? join(o.backup, 'ROUTER') : undefined,
        confirmTimeoutSeconds: o.confirmTimeout,
        mechanism,
        mechanismReason: mechanism === 'safe-mode' ? 'RouterOS 7.18+' : 'RouterOS before 7.18',
        random: 'id',
      }),
      'each router',
    );
  io.stderr(
    `Push ${o.file} to ${hosts.length} router(s): ${hosts.map((h) => h.name).join(', ')}\n` +
      `  at most ${o.parallel} at a time${o.canary ? `; first ${o.canary} as canary (any failure stops the rest)` : ''}\n`,
  );
  if (!rollback) io.stderr(sample('scheduler') + '\n');
  else if (o.rollback === 'scheduler') io.stderr(sample('scheduler') + '\n');
  else if (o.rollback === 'safe-mode') io.stderr(sample('safe-mode') + '\n');
  else {
    io.stderr(`On RouterOS 7.18 and later (Safe Mode):\n${sample('safe-mode')}\n`);
    io.stderr(`On older versions (backup + scheduler):\n${sample('scheduler')}\n`);
  }
  if (rollback)
    io.stderr(
      '  Each router is confirmed only when its import succeeded and a fresh SSH login works; otherwise it is rolled back.\n' +
        '  (Each router is first asked, read-only: :put [/system resource get version])\n',
    );
  if (!o.yes) {
    if (!io.isTTY) {
      io.stderr(
        'rsc push: the plan needs confirmation and there is no terminal: pass --yes; nothing was sent\n',
      );
      return EXIT.usage;
    }
    const ans = await o.ask(`Push to ${hosts.length} router(s)? (yes/no) `);
    if (ans !== 'yes' && ans !== 'y') return EXIT.notConfirmed;
  }
  const home = io.env.HOME || homedir();
  const pushOne = async (h: InventoryHost): Promise<Row> => {
    const say = (l: string) => io.stderr(`[${h.name}] ${l}\n`);
    let needAnswer: string | undefined;
    const connection: ConnectOptions = {
      host: h.host,
      port: h.port,
      username: (h.user ?? o.user)!,
      readyTimeoutMs: o.connectTimeoutMs,
      hostKeys: {
        knownHostsFiles: [join(home, '.ssh', 'known_hosts'), join(home, '.ssh', 'known_hosts2')],
        storeFile: o.storeFile,
        onUnknownHost: async (i) => {
          say(`host key of ${formatHostPort(i.host, i.port)} is not known: ${i.keyType} ${i.fingerprint}`);
          if (!o.acceptNew)
            needAnswer = 'unknown host key: check the fingerprint, then pass --accept-new-host-key';
          return o.acceptNew;
        },
      },
      auth: {
        privateKeyPath: o.identity ? resolve(o.identity) : undefined,
        agentSocket: io.env.SSH_AUTH_SOCK || undefined,
        getPassword: async () => io.env.RSC_PASSWORD,
        getPassphrase: async () => io.env.RSC_KEY_PASSPHRASE,
      },
    };
    const r = await pushScript(
      {
        connection,
        script: o.script,
        localName: o.file,
        backupDir: o.backup ? join(resolve(o.backup), h.name) : undefined,
        confirmTimeoutSeconds: o.confirmTimeout,
        rollback: o.rollback ?? 'auto',
        autoConfirm: rollback,
        commandTimeoutMs: o.timeoutMs,
      },
      { log: say, confirmPlan: async () => true },
    );
    if (needAnswer) say(needAnswer);
    return { router: h.name, result: resultText(r), state: r.state, code: codeOf(r) };
  };
  const canary = Math.min(o.canary, hosts.length);
  const rows = await pool(hosts.slice(0, canary), Math.max(1, Math.min(o.parallel, canary)), pushOne);
  const canaryFailed = rows.some((r) => r.code !== EXIT.ok);
  const rest = hosts.slice(canary);
  if (canaryFailed) {
    for (const h of rest)
      rows.push({
        router: h.name,
        result: 'skipped (a canary failed)',
        state: 'unchanged: not attempted',
        code: EXIT.notConfirmed,
      });
  } else rows.push(...(await pool(rest, o.parallel, pushOne)));
  io.stdout(formatTable(rows));
  const failed = rows.filter((r) => r.code !== EXIT.ok);
  if (failed.length)
    io.stderr(
      `rsc push: ${failed.length} of ${rows.length} router(s) did not succeed: ${failed.map((r) => r.router).join(', ')}\n`,
    );
  return failed[0]?.code ?? EXIT.ok;
}
