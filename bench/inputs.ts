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

/**
 * About 56 KB of script shaped like the big public script collections (update checkers, notifiers,
 * backup and DHCP helpers): global functions with named parameters, arrays and key/value arrays, nested
 * `:if`/`:foreach`/`:while`, `:do ... on-error=`, `[/... find where ...]` and `print as-value` loops,
 * scheduler and script definitions whose `source=`/`on-event=` are long strings full of escapes (`\"`,
 * `\$`, `\n`, `\\`), and `$[...]` interpolation. Every block differs (seeded), so nothing is a repeat.
 */
export function realShapedScript(targetBytes = 56 * 1024): string {
  const r = rng(5656);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const n = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const topics = ['backup', 'certificate', 'dhcp', 'firmware', 'health', 'netwatch', 'ppp', 'wireguard'];
  const levels = ['info', 'warning', 'error', 'debug'];
  const menus = [
    '/interface',
    '/ip address',
    '/ip dhcp-server lease',
    '/ip route',
    '/system script',
    '/ppp active',
  ];
  const header = `# ${'-'.repeat(70)}
# Script collection: helpers for scheduled maintenance (bench input, generated, real-shaped)
# requires RouterOS, version=7.12
# ${'-'.repeat(70)}
:local ScriptName [ :jobname ];
:global GlobalConfigReady; :global GlobalFunctionsReady;
:global Identity [ /system identity get name ];
:global SentNotifications ({});
`;
  const parts: string[] = [header];
  let size = header.length;
  for (let i = 0; size < targetBytes; i++) {
    const topic = pick(topics);
    const fn = `${topic[0].toUpperCase()}${topic.slice(1)}Check${i}`;
    const menu = pick(menus);
    const limit = n(2, 40);
    const block = `
# ${fn}: ${pick(['check', 'collect', 'notify about', 'clean up'])} ${topic} state and send a notification
:global ${fn} do={
  :local Name [ :tostr $1 ];
  :local Limit ${limit};
  :local Seen ({});
  :local Counts { "ok"=0; "warn"=0; "fail"=0 };
  :global LogPrint; :global SendNotification2; :global SymbolForNotification;
  :foreach Item in=[ ${menu} find where ${pick(['disabled=no', 'dynamic=no', '!invalid', 'running=yes'])} ] do={
    :local Val [ ${menu} get $Item ];
    :local Key ($Val->"${pick(['name', 'address', 'comment', 'interface'])}");
    :if ([ :typeof $Key ] = "nothing" || [ :len $Key ] = 0) do={
      :set ($Counts->"fail") (($Counts->"fail") + 1);
    } else={
      :if ([ :find $Seen $Key ] >= 0) do={
        $LogPrint ${pick(levels)} $0 ("Duplicate entry '" . $Key . "' in ${menu}, skipping.");
      } else={
        :set Seen ($Seen, $Key);
        :local Pos [ :find $Key "${pick(['-', '.', ':', '_'])}" ];
        :if ($Pos > ${n(0, 6)} && [ :pick $Key 0 $Pos ] != "${pick(['wan', 'lan', 'vpn', 'mgmt'])}") do={
          :set ($Counts->"warn") (($Counts->"warn") + 1);
        } else={
          :set ($Counts->"ok") (($Counts->"ok") + 1);
        }
      }
    }
  }
  :local Tries 0;
  :while ($Tries < ${n(2, 9)} && ($Counts->"fail") > $Limit) do={
    :delay ${n(1, 30)}s;
    :set Tries ($Tries + 1);
  }
  :do {
    :local Data [ /tool fetch check-certificate=yes-without-crl output=user \\
      ("https://example.net/${topic}/" . [ /system package update get channel ] . "/${i}") as-value ];
    :if (($Data->"status") = "finished") do={
      $SendNotification2 ({ origin=$0; \\
        subject=([ $SymbolForNotification "${pick(['warning-sign', 'information', 'sparkles'])}" ] . "${topic} on $Identity"); \\
        message=("Checked " . [ :len $Seen ] . " entries:\\n\\tok: " . ($Counts->"ok") . \\
          "\\n\\twarn: " . ($Counts->"warn") . "\\n\\tfail: " . ($Counts->"fail") . \\
          "\\nDetails: \\"${menu}\\" on \\$Identity (" . $Name . ")") });
    }
  } on-error={
    $LogPrint warning $0 ("Failed fetching ${topic} data for '" . $Name . "', status \\"" . [ :tostr $Tries ] . "\\".");
  }
  :return $Counts;
}
/system scheduler add name="${topic}-${i}" interval=${n(1, 23)}h start-time=startup \\
  on-event=":global ${fn}; :local R [ \\$${fn} \\"${topic}\\" ]; :if ((\\$R->\\"fail\\") > ${limit}) do={ :log ${pick(levels)} (\\"${topic}: \\" . (\\$R->\\"fail\\") . \\" failures\\") }" \\
  comment="run ${fn} \\\\ generated"
:log ${pick(levels)} ("$ScriptName: defined ${fn} (limit $[ :tostr ${limit} ], menu ${menu})");
`;
    parts.push(block);
    size += block.length;
  }
  parts.push(':set GlobalFunctionsReady true;\n');
  return parts.join('');
}
