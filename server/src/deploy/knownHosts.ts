// Host-key checking against OpenSSH known_hosts files: parsing (hashed `|1|` entries, `[host]:port`,
// wildcards, negation, @revoked), the trust verdict for a presented key, and appending a trusted key.
// The verdict logic is pure; only `readKnownHostsFiles` and `appendKnownHost` touch the file system.
import { createHash, createHmac } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, parse } from 'node:path';

export interface KnownHostLine {
  /** Which file and 1-based line the entry came from, so a warning can name it exactly. */
  file: string;
  line: number;
  marker: '' | 'revoked' | 'cert-authority';
  /** The raw host-pattern field (comma-separated patterns or one `|1|salt|hash`). */
  hosts: string;
  keyType: string;
  /** Base64 of the key blob as written in the file. */
  key: string;
}

export type HostKeyVerdict =
  | { kind: 'trusted'; entry: KnownHostLine }
  | { kind: 'unknown' }
  | { kind: 'changed'; entries: KnownHostLine[] }
  | { kind: 'revoked'; entry: KnownHostLine };

/** The presented key: its SSH wire blob (type string + key data). */
export interface PresentedKey {
  keyType: string;
  blob: Buffer;
}

/** OpenSSH's fingerprint format: `SHA256:` + unpadded base64 of SHA-256 over the key blob. */
export function fingerprintSha256(blob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}

/** Reads the key type (the first SSH string) out of a key blob; '' when the blob is malformed. */
export function keyTypeOfBlob(blob: Buffer): string {
  if (blob.length < 4) return '';
  const n = blob.readUInt32BE(0);
  if (n > blob.length - 4 || n > 64) return '';
  return blob.subarray(4, 4 + n).toString('latin1');
}

/** The name OpenSSH looks a host up by: `host` on port 22, `[host]:port` otherwise. */
export function hostLookupName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** Parses one known_hosts file's text. Unparseable lines are skipped, as OpenSSH does. */
export function parseKnownHosts(text: string, file: string): KnownHostLine[] {
  const out: KnownHostLine[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const fields = raw.split(/\s+/);
    let marker: KnownHostLine['marker'] = '';
    if (fields[0].startsWith('@')) {
      const m = fields.shift()!;
      if (m === '@revoked') marker = 'revoked';
      else if (m === '@cert-authority') marker = 'cert-authority';
      else continue;
    }
    if (fields.length < 3) continue;
    out.push({ file, line: i + 1, marker, hosts: fields[0], keyType: fields[1], key: fields[2] });
  }
  return out;
}

/** OpenSSH glob: `*` any run, `?` one character; compared case-insensitively like host names. */
function globMatch(pattern: string, name: string): boolean {
  // Iterative matcher with one backtrack point: linear-ish and never recursive, so hostile patterns
  // cannot blow the stack.
  const p = pattern.toLowerCase();
  const s = name.toLowerCase();
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === s[si])) {
      pi++;
      si++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = si;
    } else if (star >= 0) {
      pi = star + 1;
      si = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

function hashedMatch(field: string, name: string): boolean {
  // Format: |1|base64(salt)|base64(HMAC-SHA1(salt, name)).
  const parts = field.split('|');
  if (parts.length !== 4 || parts[1] !== '1') return false;
  const salt = Buffer.from(parts[2], 'base64');
  const want = Buffer.from(parts[3], 'base64');
  const got = createHmac('sha1', salt).update(name).digest();
  return want.length === got.length && want.equals(got);
}

/** Does an entry's host field name this host? Negated patterns (`!pat`) veto a match. */
export function hostFieldMatches(hosts: string, host: string, port: number): boolean {
  const name = hostLookupName(host, port);
  if (hosts.startsWith('|')) return hashedMatch(hosts, name);
  let matched = false;
  for (const pat of hosts.split(',')) {
    if (pat === '') continue;
    const negated = pat.startsWith('!');
    const body = negated ? pat.slice(1) : pat;
    if (globMatch(body, name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/**
 * The verdict for `key` presented by host:port given every entry of every file consulted.
 * A revoked key is refused even if another line trusts it; any other known key for the host that
 * does not match makes the verdict 'changed' (never silently accepted).
 */
export function checkHostKey(
  entries: readonly KnownHostLine[],
  host: string,
  port: number,
  key: PresentedKey,
): HostKeyVerdict {
  const b64 = key.blob.toString('base64');
  for (const e of entries) {
    // Revocation is by key alone: a revoked key is bad for every host.
    if (e.marker === 'revoked' && e.key === b64) return { kind: 'revoked', entry: e };
  }
  const forHost = entries.filter((e) => e.marker === '' && hostFieldMatches(e.hosts, host, port));
  const same = forHost.find((e) => e.key === b64 && e.keyType === key.keyType);
  if (same) return { kind: 'trusted', entry: same };
  if (forHost.length > 0) return { kind: 'changed', entries: forHost };
  return { kind: 'unknown' };
}

/** Key types already known for a host, so the client can prefer them during key exchange. */
export function knownKeyTypes(entries: readonly KnownHostLine[], host: string, port: number): string[] {
  const types: string[] = [];
  for (const e of entries) {
    if (e.marker === '' && hostFieldMatches(e.hosts, host, port) && !types.includes(e.keyType)) {
      types.push(e.keyType);
    }
  }
  return types;
}

/** Reads and parses the given files; a missing or unreadable file simply contributes no entries. */
export function readKnownHostsFiles(files: readonly string[]): KnownHostLine[] {
  const out: KnownHostLine[] = [];
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      continue;
    }
    out.push(...parseKnownHosts(text, f));
  }
  return out;
}

/** The line `appendKnownHost` writes: plain (not hashed) so the user can find and remove it. */
export function formatKnownHostLine(host: string, port: number, key: PresentedKey): string {
  return `${hostLookupName(host, port)} ${key.keyType} ${key.blob.toString('base64')}`;
}

/**
 * Why a trusted key could not be saved in `file`, found before any connection is made: the file is a
 * directory (or something else), or a folder on its path is a file. Undefined when the file can be
 * written or created (permissions are left to the write itself, which reports them).
 */
export function storeFileProblem(file: string): string | undefined {
  const kind = (p: string): 'file' | 'dir' | 'other' | 'none' => {
    try {
      const st = statSync(p);
      return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
    } catch {
      return 'none';
    }
  };
  const k = kind(file);
  if (k === 'dir') return `the host-key store ${file} is a directory, not a file`;
  if (k === 'other') return `the host-key store ${file} is not a regular file`;
  if (k === 'file') return undefined;
  const root = parse(file).root;
  for (let d = dirname(file); d !== root && d !== '.'; d = dirname(d)) {
    const dk = kind(d);
    if (dk === 'dir') return undefined;
    if (dk !== 'none') return `the host-key store ${file} cannot be created: ${d} is not a directory`;
  }
  return undefined;
}

/** Appends a trusted key to our own store file (created with mode 0600 if missing). */
export function appendKnownHost(file: string, host: string, port: number, key: PresentedKey): void {
  mkdirSync(dirname(file), { recursive: true });
  let prefix = '';
  try {
    const old = readFileSync(file, 'utf8');
    if (old.length > 0 && !old.endsWith('\n')) prefix = '\n';
  } catch {
    // A missing file is created below.
  }
  appendFileSync(file, prefix + formatKnownHostLine(host, port, key) + '\n', { mode: 0o600 });
}

/**
 * Removes every entry for host:port from one of OUR store files (never from the user's ~/.ssh files,
 * which they edit themselves). Returns how many lines were removed. This is the explicit step a user
 * takes after a host key changed for a reason they know.
 */
export function removeKnownHost(file: string, host: string, port: number): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return 0;
  }
  const keep: string[] = [];
  let removed = 0;
  for (const line of text.split('\n')) {
    const parsed = parseKnownHosts(line, file)[0];
    if (parsed && parsed.marker === '' && hostFieldMatches(parsed.hosts, host, port)) removed++;
    else keep.push(line);
  }
  if (removed > 0) writeFileSync(file, keep.join('\n'), { mode: 0o600 });
  return removed;
}
