// Host names and addresses as the user types them (`--host`, a profile's host, an inventory's
// ansible_host): checked before anything goes to DNS or a socket, so a typo or an injected `a;touch X` is a
// usage error, and printed back the way OpenSSH does (`[::1]:22` for IPv6). Pure.
import { isIP } from 'node:net';

/** A DNS name: labels of letters, digits and inner hyphens (RFC 1123), at most 253 characters. */
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * Checks a host (name, IPv4, IPv6 with or without brackets) and returns it without brackets, or a reason.
 * All-numeric dotted names must be valid IPv4 addresses (`999.1.1.1` is not sent to DNS).
 */
export function parseHost(text: string): { host: string } | { error: string } {
  const t = text.trim();
  if (t === '') return { error: 'the host is empty' };
  const bare = /^\[(.*)\]$/.exec(t)?.[1];
  if (bare !== undefined) {
    return isIP(bare) === 6 ? { host: bare } : { error: `"${t}" is not an IPv6 address in brackets` };
  }
  if (isIP(t) === 6) return { host: t };
  if (isIP(t) === 4) return { host: t };
  if (/^[0-9.]+$/.test(t)) return { error: `"${t}" is not a valid IPv4 address` };
  if (t.length > 253 || !t.split('.').every((l) => LABEL.test(l)))
    return { error: `"${t}" is not a host name or address (letters, digits, "-" and "." only)` };
  return { host: t };
}

/** `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 address; the port is undefined when absent. */
export function parseHostPort(text: string): { host: string; port?: number } | { error: string } {
  const t = text.trim();
  const m = /^(\[[^\]]*\]|[^:[\]]*):(\d*)$/.exec(t);
  if (!m) return parseHost(t);
  const h = parseHost(m[1]);
  if ('error' in h) return h;
  const port = Number(m[2]);
  if (m[2] === '' || !Number.isInteger(port) || port < 1 || port > 65535)
    return { error: `"${t}" has no valid port (1 to 65535)` };
  return { host: h.host, port };
}

/** `host:port`, with IPv6 addresses in brackets as OpenSSH writes them: `[::1]:22`. */
export function formatHostPort(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}
