// Unit tests of known_hosts parsing and the trust verdict (no server needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  appendKnownHost,
  removeKnownHost,
  checkHostKey,
  fingerprintSha256,
  hostFieldMatches,
  keyTypeOfBlob,
  knownKeyTypes,
  parseKnownHosts,
} from './knownHosts';
import { hostKeyAlgorithmOrder } from './ssh';

function blob(type: string, body: string): Buffer {
  const t = Buffer.from(type);
  const b = Buffer.from(body);
  const len = (n: number) => {
    const x = Buffer.alloc(4);
    x.writeUInt32BE(n);
    return x;
  };
  return Buffer.concat([len(t.length), t, len(b.length), b]);
}
const A = blob('ssh-ed25519', 'key-a-32-bytes-long-xxxxxxxxxxxx');
const B = blob('ssh-ed25519', 'key-b-32-bytes-long-xxxxxxxxxxxx');
const R = blob('ssh-rsa', 'rsa-key');
const line = (hosts: string, k: Buffer, marker = '') =>
  `${marker}${marker ? ' ' : ''}${hosts} ${keyTypeOfBlob(k)} ${k.toString('base64')}`;

test('fingerprint is OpenSSH SHA256 without padding', () => {
  const fp = fingerprintSha256(A);
  assert.match(fp, /^SHA256:[A-Za-z0-9+/]{43}$/);
  assert.equal(keyTypeOfBlob(A), 'ssh-ed25519');
  assert.equal(keyTypeOfBlob(Buffer.from([0, 0, 1])), '');
});

test('host patterns: plain, [host]:port, wildcards, negation, case', () => {
  assert.ok(hostFieldMatches('router.lan,10.0.0.1', '10.0.0.1', 22));
  assert.ok(!hostFieldMatches('10.0.0.1', '10.0.0.1', 2222));
  assert.ok(hostFieldMatches('[10.0.0.1]:2222', '10.0.0.1', 2222));
  assert.ok(hostFieldMatches('*.LAN', 'router.lan', 22));
  assert.ok(hostFieldMatches('10.0.0.?', '10.0.0.7', 22));
  assert.ok(!hostFieldMatches('*.lan,!bad.lan', 'bad.lan', 22));
  assert.ok(!hostFieldMatches('', 'x', 22));
});

test('hashed |1| entries match by HMAC-SHA1 of the lookup name', () => {
  const salt = Buffer.from('0123456789abcdef0123');
  const h = (name: string) =>
    `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
  assert.ok(hostFieldMatches(h('[192.168.88.1]:2200'), '192.168.88.1', 2200));
  assert.ok(!hostFieldMatches(h('[192.168.88.1]:2200'), '192.168.88.1', 22));
  assert.ok(hostFieldMatches(h('192.168.88.1'), '192.168.88.1', 22));
  assert.ok(!hostFieldMatches('|1|garbage', 'x', 22));
});

test('verdicts: trusted, unknown, changed (naming file:line), revoked wins', () => {
  const e = parseKnownHosts(
    ['# comment', '', line('r1', A), line('r2', B), 'junk', '@unknown-marker r1 x y'].join('\n'),
    'kh',
  );
  assert.equal(e.length, 2);
  assert.equal(checkHostKey(e, 'r1', 22, { keyType: 'ssh-ed25519', blob: A }).kind, 'trusted');
  assert.equal(checkHostKey(e, 'r3', 22, { keyType: 'ssh-ed25519', blob: A }).kind, 'unknown');
  const ch = checkHostKey(e, 'r1', 22, { keyType: 'ssh-ed25519', blob: B });
  assert.equal(ch.kind, 'changed');
  assert.deepEqual(ch.kind === 'changed' && ch.entries.map((x) => `${x.file}:${x.line}`), ['kh:3']);
  // A key of another type than the one known is not silently accepted either.
  assert.equal(checkHostKey(e, 'r1', 22, { keyType: 'ssh-rsa', blob: R }).kind, 'changed');
  const rev = parseKnownHosts([line('r1', A), line('*', A, '@revoked')].join('\n'), 'kh');
  assert.equal(checkHostKey(rev, 'r1', 22, { keyType: 'ssh-ed25519', blob: A }).kind, 'revoked');
  // @cert-authority lines are not host keys.
  const ca = parseKnownHosts(line('*', A, '@cert-authority'), 'kh');
  assert.equal(checkHostKey(ca, 'r1', 22, { keyType: 'ssh-ed25519', blob: A }).kind, 'unknown');
});

test('known key types are preferred during key exchange', () => {
  const e = parseKnownHosts(line('r1', R), 'kh');
  assert.deepEqual(knownKeyTypes(e, 'r1', 22), ['ssh-rsa']);
  assert.deepEqual(hostKeyAlgorithmOrder(['ssh-rsa']).slice(0, 4), [
    'rsa-sha2-512',
    'rsa-sha2-256',
    'ssh-rsa',
    'ssh-ed25519',
  ]);
  assert.equal(hostKeyAlgorithmOrder([])[0], 'ssh-ed25519');
});

test('parsing is linear and never throws on hostile input', () => {
  const evil = '*'.repeat(5000) + 'a';
  assert.equal(hostFieldMatches(evil, 'b'.repeat(5000), 22), false);
  assert.deepEqual(parseKnownHosts('\u0000\n@\n@revoked\n|1|||| a', 'kh').length, 0);
});

test('appendKnownHost then removeKnownHost round-trip on our own store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rsc-kh-'));
  try {
    const f = join(dir, 'sub', 'known_hosts');
    appendKnownHost(f, 'r1', 2222, { keyType: 'ssh-ed25519', blob: A });
    appendKnownHost(f, 'r2', 22, { keyType: 'ssh-ed25519', blob: B });
    assert.equal(readFileSync(f, 'utf8'), `${line('[r1]:2222', A)}\n${line('r2', B)}\n`);
    assert.equal(removeKnownHost(f, 'r1', 2222), 1);
    assert.equal(removeKnownHost(f, 'r1', 2222), 0);
    assert.equal(readFileSync(f, 'utf8'), `${line('r2', B)}\n`);
    assert.equal(removeKnownHost(join(dir, 'missing'), 'r1', 22), 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
