// `rsc ansible SCRIPT --inventory FILE.yml`: past a few dozen routers the user's own orchestration engine
// is the right tool. This writes an Ansible playbook for the community.routeros collection that does per
// host what `rsc push` does: arm the backup + scheduler rollback, upload, import, verify (RouterOS's
// success line, then a fresh connection), and confirm, or roll back at once when a step failed. The
// commands come from the same plan as `rsc push` (deploy/plan.ts), so both run exactly the same thing.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { limitHosts, parseInventory } from '../deploy/inventory';
import { makePushPlan, parseDuration } from '../deploy/plan';
import { parseCommandLine, UsageError, type OptionSpecs } from './args';
import { EXIT, type Subcommand } from './io';

export const ansibleHelp = `Usage: rsc ansible SCRIPT.rsc --inventory FILE.yml [--limit PATTERN] [--confirm-timeout 5m]
                   [--output PLAYBOOK.yml]

Writes an Ansible playbook (community.routeros collection, SSH via ansible.netcommon.network_cli) that
pushes SCRIPT to every router of the inventory with rsc push's confirm-or-roll-back logic, per host:
  1. /system backup save + a scheduler job that loads it (and reboots) unless confirmed in time
  2. upload SCRIPT over SFTP (ansible.netcommon.net_put) under a unique name
  3. /import it verbose=yes; check RouterOS printed "Script file loaded and executed successfully"
  4. reconnect and check the router still answers
  5. confirm (remove the job and the backup); if any step failed, roll back at once
The uploaded file is removed in every case. Run it with: ansible-playbook -i FILE.yml PLAYBOOK.yml
(Safe Mode is not used: it belongs to one console session, which network_cli does not keep across tasks.)

Options:
  --inventory FILE     the Ansible YAML inventory (checked: every host must be usable)
  --limit PATTERN      the play's hosts (default all)
  --confirm-timeout T  when the router rolls back by itself if the playbook never confirms (default 5m)
  --output FILE        write the playbook there (default: standard output); an existing file is kept
  -h, --help           show this help

Exit codes: 0 written, 2 usage error or unusable inventory.
`;

/** The playbook text for a script and inventory. Pure. */
export function makePlaybook(o: {
  scriptPath: string;
  localName: string;
  hosts: string;
  confirmTimeoutSeconds: number;
  now?: Date;
  random?: string;
}): string {
  const plan = makePushPlan({
    localName: o.localName,
    confirmTimeoutSeconds: o.confirmTimeoutSeconds,
    mechanism: 'scheduler',
    now: o.now,
    random: o.random,
  });
  const r = plan.rollback!;
  const cmd = (name: string, commands: string[], extra: Record<string, unknown> = {}) => ({
    name,
    'community.routeros.command': { commands },
    ...extra,
  });
  const play = {
    name: `Push ${o.localName} with rsc's confirm-or-roll-back logic`,
    hosts: o.hosts,
    gather_facts: false,
    connection: 'ansible.netcommon.network_cli',
    vars: { ansible_network_os: 'community.routeros.routeros' },
    tasks: [
      cmd(`Save the rollback backup before anything changes (${r.backupFile})`, [r.saveCommand]),
      cmd(`Arm the rollback: unless confirmed within ${r.interval}, load ${r.backupFile} and reboot`, [
        r.schedulerCommand,
      ]),
      {
        name: 'Upload, import, verify and confirm; roll back at once if any step fails',
        block: [
          {
            name: `Upload ${o.localName} as ${plan.uploadName}`,
            'ansible.netcommon.net_put': { src: o.scriptPath, dest: plan.uploadName, protocol: 'sftp' },
          },
          cmd(`Import ${plan.uploadName}`, [plan.importCommand], { register: 'rsc_import' }),
          {
            name: 'Verify: RouterOS reports success',
            'ansible.builtin.assert': {
              that: ["'Script file loaded and executed successfully' in rsc_import.stdout[0]"],
              fail_msg: 'the import did not succeed; see rsc_import.stdout',
            },
          },
          { name: 'Verify: drop the connection', 'ansible.builtin.meta': 'reset_connection' },
          cmd('Verify: a new connection still reaches the router', [':put "rsc-alive"'], {
            register: 'rsc_alive',
          }),
          {
            name: 'Verify: the router answered',
            'ansible.builtin.assert': { that: ["'rsc-alive' in rsc_alive.stdout[0]"] },
          },
          cmd('Confirm: remove the rollback job and its backup', r.confirmCommands),
        ],
        rescue: [
          cmd(`Roll back now: load ${r.backupFile} (the router reboots)`, [r.restoreCommand], {
            ignore_errors: true,
          }),
          {
            name: 'Report the rollback',
            'ansible.builtin.fail': {
              msg: `the push of ${o.localName} failed on {{ inventory_hostname }}; it was rolled back (the router reboots into its pre-push configuration)`,
            },
          },
        ],
        always: [cmd(`Remove ${plan.uploadName}`, [plan.cleanupCommand], { ignore_errors: true })],
      },
    ],
  };
  const head =
    `# Written by rsc ansible for ${o.localName}: per host, arm a rollback, upload, import, verify, then\n` +
    `# confirm or roll back. Run: ansible-playbook -i INVENTORY.yml THIS.yml\n`;
  return head + stringify([play], { lineWidth: 0 });
}

const ANSIBLE_OPTIONS: OptionSpecs = {
  inventory: { type: 'string' },
  limit: { type: 'string' },
  output: { type: 'string' },
  'confirm-timeout': { type: 'string' },
};

export const ansibleCommand: Subcommand = async (args, io) => {
  let script: string | undefined;
  let inventory: string | undefined;
  let limit: string | undefined;
  let output: string | undefined;
  let confirm = 300;
  try {
    const line = parseCommandLine(args, ANSIBLE_OPTIONS);
    if (line.help) {
      io.stdout(ansibleHelp);
      return EXIT.ok;
    }
    for (const o of line.options) {
      switch (o.name) {
        case '--inventory':
          inventory = o.value;
          break;
        case '--limit':
          limit = o.value;
          break;
        case '--output':
          output = o.value;
          break;
        case '--confirm-timeout': {
          const s = parseDuration(o.value);
          if (s === undefined) throw new UsageError('--confirm-timeout needs a duration such as 5m or 90s');
          confirm = s;
          break;
        }
      }
    }
    const [first, second] = line.positionals;
    if (second !== undefined) throw new UsageError(`only one SCRIPT (got ${first} and ${second})`);
    script = first;
    if (!script) throw new UsageError('SCRIPT is required');
    if (!inventory) throw new UsageError('--inventory FILE.yml is required');
    try {
      io.readFile(script);
    } catch (e) {
      throw new UsageError(`cannot read ${script}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    let text: string;
    try {
      text = io.readFile(inventory).toString('utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${inventory}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    try {
      if (limitHosts(parseInventory(text), limit).length === 0) throw new Error('it selects no host');
    } catch (e) {
      throw new UsageError(`inventory ${inventory}: ${(e as Error).message}`);
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`rsc ansible: ${e.message}\n(see rsc ansible --help)\n`);
    return EXIT.usage;
  }
  const playbook = makePlaybook({
    scriptPath: resolve(script),
    localName: script.split(/[\\/]/).pop() ?? script,
    hosts: limit ?? 'all',
    confirmTimeoutSeconds: confirm,
  });
  if (!output) {
    io.stdout(playbook);
    return EXIT.ok;
  }
  try {
    // 'wx': a file the user already has is never overwritten.
    writeFileSync(output, playbook, { flag: 'wx' });
  } catch (e) {
    io.stderr(`rsc ansible: cannot write ${output}: ${(e as NodeJS.ErrnoException).code ?? 'error'}\n`);
    return EXIT.usage;
  }
  io.stderr(`rsc ansible: wrote ${output}; run: ansible-playbook -i ${inventory} ${output}\n`);
  return EXIT.ok;
};
