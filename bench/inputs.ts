// Deterministic benchmark inputs: the same bytes on every run and every machine (seeded PRNG), so figures
// from different commits compare.

import { prng as rng } from '../test/prng';

const ip = (r: () => number) =>
  `${1 + Math.floor(r() * 222)}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`;

/** About 56 KB of scripting: functions, loops, conditions, arrays, string interpolation, substitutions. */
export function scriptingHeavy(targetBytes = 56 * 1024): string {
  const r = rng(56);
  const parts: string[] = ['# generated scripting benchmark\n'];
  let size = parts[0].length;
  for (let i = 0; size < targetBytes; i++) {
    const block = `:global fn${i} do={
    :local total 0
    :local names {"a${i}";"b${i}";"c${i}"}
    :foreach k,v in=$names do={
        :if ([:len $v] > ${Math.floor(r() * 5)}) do={
            :set total ($total + [:len $v] * ${Math.floor(r() * 9) + 1})
        } else={
            :log info "short name $v in fn${i} at $[:pick $v 0 1]"
        }
    }
    :for j from=1 to=${Math.floor(r() * 20) + 2} step=1 do={
        :if (($j % 2) = 0 && $total < 1000) do={ :set total ($total + $j) }
    }
    :do {
        :local id [/ip firewall address-list find where list="l${i}" and address=${ip(r)}]
        :if ([:len $id] = 0) do={ /ip firewall address-list add list="l${i}" address=${ip(r)} timeout=1h }
    } on-error={ :log warning "fn${i} failed" }
    :return $total
}
:put [$fn${i} x=${i}]
`;
    parts.push(block);
    size += block.length;
  }
  return parts.join('');
}

/** A /export of a router with `rules` firewall and mangle rules plus queues, with continuation lines. */
export function firewallExport(rules = 5000): string {
  const r = rng(5000);
  const out: string[] = ['# 2026-11-25 12:00:00 by RouterOS 7.22.1\n# model = CCR2004\n'];
  out.push('/queue tree\n');
  for (let i = 0; i < 50; i++)
    out.push(`add name=q${i} parent=global packet-mark=pm${i} priority=${1 + (i % 8)}\n`);
  out.push('/ip firewall address-list\n');
  for (let i = 0; i < 50; i++) out.push(`add address=${ip(r)} list=list${i % 10}\n`);
  out.push('/ip firewall filter\n');
  for (let i = 0; i < rules / 2; i++) {
    out.push(
      `add action=${r() < 0.5 ? 'accept' : 'drop'} chain=${r() < 0.5 ? 'forward' : 'input'} comment="rule ${i}: allow \\\n    traffic" dst-port=${1 + Math.floor(r() * 60000)} protocol=${r() < 0.5 ? 'tcp' : 'udp'} src-address-list=list${i % 10}\n`,
    );
  }
  out.push('/ip firewall mangle\n');
  for (let i = 0; i < rules / 2; i++) {
    const m = i % 50;
    out.push(
      i % 2 === 0
        ? `add action=mark-connection chain=forward connection-rate=0-50k new-connection-mark=cm${m} passthrough=yes protocol=udp src-address-list=list${i % 10}\n`
        : `add action=mark-packet chain=forward connection-mark=cm${m} new-packet-mark=pm${m} passthrough=no\n`,
    );
  }
  return out.join('');
}

/** A 100,000-line address-list import (~5 MB). */
export function addressListFile(lines = 100_000): string {
  const r = rng(100_000);
  const out: string[] = ['/ip firewall address-list\n'];
  for (let i = 1; i < lines; i++) {
    out.push(`add address=${ip(r)} list=blocklist comment="feed entry ${i}"\n`);
  }
  return out.join('');
}

/**
 * Layer-7 matching: a fixed set of patterns in the Winbox form (the thread's, l7-filter-style protocol
 * signatures, and patterns the generator makes) and seeded connections to run each against: a mix of text
 * (HTTP-like) and binary payloads of 0 to 1,400 bytes, 1 to 12 packets, both directions.
 */
export function l7Cases(): { patterns: string[]; connections: { payload: Uint8Array; orig: boolean }[][] } {
  const patterns = [
    '[\\\\|\\xd5]',
    '\\xd5.......$',
    '[\\x4a.\\x3a.\\xda.\\xca]',
    '(\\xd5.?.?.?.?.?.?.?|\\x5c\\x2d.?.?.?.?.?.?)$',
    '^(get|post|head|put|delete|options) [\\x09-\\x0d -~]* http/(0\\.9|1\\.0|1\\.1)',
    '^\\x16\\x03[\\x00-\\x03]..\\x01...\\x03[\\x00-\\x03]',
    '^(\\x13bittorrent protocol|azver\\x01$|get /scrape\\?info_hash=)',
    'user-agent: [ -~]*(mozilla|curl|wget)',
    '^ssh-[12]\\.[0-9]',
    '^[\\x01\\x02][\\x01- ]\\x06.*c\\x82sc',
    'x-kazaa-username|x-kazaa-network',
    '(a|b)*c(d|e)f+g?h',
  ];
  const r = rng(7);
  const text = 'get post http/1.1 host user-agent mozilla curl abc xyz \r\n 0123456789 .:/?=&';
  const connections: { payload: Uint8Array; orig: boolean }[][] = [];
  for (let c = 0; c < 200; c++) {
    const packets: { payload: Uint8Array; orig: boolean }[] = [];
    const n = 1 + Math.floor(r() * 12);
    const binary = r() < 0.5;
    for (let k = 0; k < n; k++) {
      const len = r() < 0.2 ? 0 : Math.floor(r() * (r() < 0.3 ? 1400 : 200));
      const payload = new Uint8Array(len);
      for (let i = 0; i < len; i++)
        payload[i] = binary ? Math.floor(r() * 256) : text.charCodeAt(Math.floor(r() * text.length));
      packets.push({ payload, orig: k % 2 === 0 });
    }
    connections.push(packets);
  }
  return { patterns, connections };
}
