// Router profiles as stored in the `routeros.routers` setting, their validation, and the jump-host
// notation ("user@host:port" or the name of another profile). Pure. Profiles never hold secrets.

import { parseHost } from './hosts';

export interface RouterProfile {
  name: string;
  host: string;
  port: number;
  username: string;
  /** Path to a private key file; the passphrase lives in secret storage or an agent, never here. */
  privateKey?: string;
  /** "user@host:port", "host", or the name of another profile. */
  jumpHost?: string;
}

export interface JumpTarget {
  host: string;
  port: number;
  username?: string;
  privateKey?: string;
  /** Set when the jump host was given as a profile name. */
  profile?: string;
}

/** Fields a profile must not carry: secrets belong in secret storage only. */
const SECRET_FIELDS = ['password', 'passphrase', 'secret', 'privateKeyData'];

export function validateProfile(raw: unknown): { profile?: RouterProfile; problems: string[] } {
  const problems: string[] = [];
  if (typeof raw !== 'object' || raw === null) return { problems: ['a router profile must be an object'] };
  const o = raw as Record<string, unknown>;
  for (const f of SECRET_FIELDS) {
    if (f in o)
      problems.push(`"${f}" does not belong in settings: secrets are kept in secret storage; remove it`);
  }
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string).trim() : undefined);
  const name = str('name');
  const host = str('host');
  const username = str('username');
  if (!name) problems.push('"name" is required');
  const parsedHost = host ? parseHost(host) : undefined;
  if (!host) problems.push('"host" is required');
  else if (parsedHost && 'error' in parsedHost) problems.push(`"host": ${parsedHost.error}`);
  if (!username) problems.push('"username" is required');
  else if (/[\s@:]/.test(username) || username.startsWith('-'))
    problems.push(`"username" is not valid: ${username}`);
  let port = 22;
  if (o.port !== undefined) {
    if (typeof o.port === 'number' && Number.isInteger(o.port) && o.port > 0 && o.port < 65536) port = o.port;
    else problems.push('"port" must be an integer from 1 to 65535');
  }
  if (o.privateKey !== undefined && typeof o.privateKey !== 'string')
    problems.push('"privateKey" must be a file path');
  if (o.jumpHost !== undefined && typeof o.jumpHost !== 'string')
    problems.push('"jumpHost" must be a string');
  if (problems.length || !name || !host || !username) return { problems };
  const profile: RouterProfile = {
    name,
    host: parsedHost && 'host' in parsedHost ? parsedHost.host : host,
    port,
    username,
  };
  if (str('privateKey')) profile.privateKey = str('privateKey');
  if (str('jumpHost')) profile.jumpHost = str('jumpHost');
  return { profile, problems };
}

/** Resolves a jumpHost value: a profile name wins over the `[user@]host[:port]` notation. */
export function parseJumpHost(
  spec: string,
  profiles: readonly RouterProfile[],
): JumpTarget | { error: string } {
  const s = spec.trim();
  const byName = profiles.find((p) => p.name === s);
  if (byName) {
    if (byName.jumpHost)
      return { error: `jump host profile "${s}" has a jump host itself; chains are not supported` };
    return {
      host: byName.host,
      port: byName.port,
      username: byName.username,
      privateKey: byName.privateKey,
      profile: byName.name,
    };
  }
  const m = /^(?:([^@\s:]+)@)?(\[[0-9A-Fa-f:.]+\]|[^@\s:[\]]+)(?::(\d{1,5}))?$/.exec(s);
  if (!m) return { error: `jump host "${s}" is neither a router profile name nor user@host:port` };
  const port = m[3] ? Number(m[3]) : 22;
  if (port < 1 || port > 65535) return { error: `jump host "${s}" has an invalid port` };
  const host = m[2].replace(/^\[(.*)\]$/, '$1');
  if (host.startsWith('-')) return { error: `jump host "${s}" is not valid` };
  return { host, port, username: m[1] };
}
