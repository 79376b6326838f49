// The `rsc gen skype-nack` command line for a set of options, as the VS Code command shows it so the user
// can make the same recipe from a shell.
import { SKYPE_NACK_DEFAULTS, type SkypeNackOptions } from './skype-nack-options';

/** One argument quoted for a POSIX shell when it needs it. */
export function shellQuote(a: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/** The `rsc gen skype-nack` command line that makes the same recipe (defaults left out). */
export function skypeNackCommandLine(o: SkypeNackOptions): string {
  const args: string[] = [];
  const opt = (name: string, value: string | undefined, dflt?: string): void => {
    if (value !== undefined && value !== dflt) args.push(name, value);
  };
  for (const ip of o.publicIps) args.push('--public-ip', ip);
  opt('--upload', o.upload);
  opt('--download', o.download);
  opt('--chain', o.chain, SKYPE_NACK_DEFAULTS.chain);
  opt('--list', o.addressList, SKYPE_NACK_DEFAULTS.addressList);
  opt('--timeout', o.timeout, SKYPE_NACK_DEFAULTS.timeout);
  opt('--rate', o.rate, SKYPE_NACK_DEFAULTS.rate);
  opt('--l7-name', o.layer7Name, SKYPE_NACK_DEFAULTS.layer7Name);
  opt('--conn-mark', o.connectionMark, SKYPE_NACK_DEFAULTS.connectionMark);
  opt('--packet-mark', o.packetMark, SKYPE_NACK_DEFAULTS.packetMark);
  opt('--in-interface', o.inInterface);
  opt('--wan-list', o.wanList ?? o.inInterfaceList, SKYPE_NACK_DEFAULTS.wanList);
  opt('--dscp', o.dscp === undefined ? undefined : String(o.dscp));
  const q = o.queue;
  if (q?.kind === 'tree') {
    opt('--wan-interface', q.wanInterface, SKYPE_NACK_DEFAULTS.wanInterface);
    opt('--lan-interface', q.lanInterface, SKYPE_NACK_DEFAULTS.lanInterface);
  }
  if (q?.kind === 'simple') opt('--simple-queue', q.target);
  if (q?.kind === 'none') args.push('--no-queue');
  if (q !== undefined && q.kind !== 'none') opt('--queue-name', q.name, SKYPE_NACK_DEFAULTS.queueName);
  if (o.strict === true) args.push('--strict');
  opt('--pattern', o.pattern, 'auto');
  opt('--target', o.target, 'latest');
  opt('--form', o.form, 'rsc');
  return ['rsc', 'gen', 'skype-nack', ...args.map(shellQuote)].join(' ');
}
