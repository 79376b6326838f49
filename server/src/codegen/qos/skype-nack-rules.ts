// The Skype NAck recipe's commands, in the order they are added: the layer-7 pattern, the FastTrack
// exception, the detection of peers, the marks, and the queues. Each step returns its commands with the
// reasons the script prints above them.
import type { NackPattern } from './nack-pattern';
import {
  formatRate,
  shapedRate,
  SKYPE_NACK_DEFAULTS,
  type Normalized,
  type NormalizedQueue,
  type RecipeRule,
  type SkypeNackRecipe,
} from './skype-nack-options';

type QueueValues = NonNullable<SkypeNackRecipe['queues']>;

/** The comment every generated command carries, so the user (and place-before) can find it. */
const tag = (what: string): [string, string] => ['comment', `Skype NAck QoS: ${what}`];

/** The queue values from the line rates: parents at 90%, the Skype child's guarantee. */
export function queueValues(o: Normalized): SkypeNackRecipe['queues'] {
  if (o.queue.kind === 'none') return undefined;
  const uploadLimit = shapedRate(o.upload);
  const downloadLimit = shapedRate(o.download);
  // The guarantee per direction: the connection-rate ceiling (one call's both directions together, so
  // more than one direction needs), at most half the smaller parent so the default child keeps a share.
  const half = Math.floor(Math.min(uploadLimit, downloadLimit) / 2 / 1000) * 1000;
  const limitAt = Math.max(1000, Math.min(o.rateTo, half));
  return { upload: o.upload, download: o.download, uploadLimit, downloadLimit, limitAt };
}

/** Builds the rules in order. */
export function buildRules(o: Normalized, pattern: NackPattern): RecipeRule[] {
  return [
    layer7Rule(o, pattern),
    fastTrackRule(o),
    ...detectionRules(o),
    ...markingRules(o),
    ...queueRules(o),
  ];
}

/** The layer-7 protocol holding the pattern. */
function layer7Rule(o: Normalized, pattern: NackPattern): RecipeRule {
  return {
    menu: '/ip firewall layer7-protocol',
    explain: [
      'The NAck pattern described above. Layer-7 matching is CPU-heavy: the rules below hand it only',
      '39-byte UDP packets from the WAN.',
    ],
    props: [
      ['name', o.layer7Name],
      ['regexp', pattern.winbox],
      tag(`NAck carrying ${o.ranges.map((r) => r.cidr).join(', ')}`),
    ],
  };
}

/**
 * FastTrack (manual, "FastTrack"): fast-tracked packets bypass the firewall, mangle, simple queues and
 * queue trees with parent=global. A queue tree on an interface still sees them.
 */
function fastTrackRule(o: Normalized): RecipeRule {
  const ft = SKYPE_NACK_DEFAULTS.fasttrackComment;
  if (o.queue.kind === 'simple') {
    return {
      menu: '/ip firewall filter',
      explain: [
        `FastTrack: RouterOS's default configuration fast-tracks established connections ("${ft}"), and`,
        'fast-tracked packets bypass mangle and simple queues. A simple queue shapes only what it sees, so',
        'the parent limit would miss most traffic: this disables the default fasttrack rule (routing then',
        'costs more CPU; the queue tree form, without --simple-queue, keeps FastTrack for other traffic).',
        'No such rule on your router: nothing happens.',
      ],
      command: 'set',
      find: [['comment', ft]],
      props: [['disabled', 'yes']],
    };
  } else {
    return {
      menu: '/ip firewall filter',
      explain: [
        `FastTrack: RouterOS's default configuration fast-tracks established connections ("${ft}"), and`,
        'fast-tracked packets skip mangle, so a Skype connection would be marked on its first packets only.',
        'connection-mark=no-mark keeps the marked Skype connections out of FastTrack; all other traffic',
        'stays fast-tracked (cheap on the CPU) and still passes the queues below, which hang on interfaces',
        '(FastTrack bypasses only simple queues and queue trees under global). Chosen over an accept rule',
        'before the fasttrack rule because that would have to repeat the Skype match and keeps working only',
        'as long as both rules stay in order. No such rule on your router: nothing happens.',
      ],
      command: 'set',
      find: [['comment', ft]],
      props: [['connection-mark', 'no-mark']],
    };
  }
}

/** The rules that put the peers on the address list: prerouting also needs its twin in postrouting. */
function detectionRules(o: Normalized): RecipeRule[] {
  const rules: RecipeRule[] = [];
  const wanIn: [string, string] =
    o.wan.kind === 'list' ? ['in-interface-list', o.wan.name] : ['in-interface', o.wan.name];
  const notWanOut: [string, string] =
    o.wan.kind === 'list' ? ['out-interface-list', `!${o.wan.name}`] : ['out-interface', `!${o.wan.name}`];
  const wanWords = o.wan.kind === 'list' ? `the interface list ${o.wan.name}` : `the interface ${o.wan.name}`;
  const detect = (chain: string, where: [string, string], what: string): [string, string][] => [
    ['chain', chain],
    ['action', 'add-src-to-address-list'],
    ['protocol', 'udp'],
    ['packet-size', '39'],
    where,
    ['layer7-protocol', o.layer7Name],
    ['address-list', o.addressList],
    ['address-list-timeout', o.timeout],
    tag(what),
  ];
  const timeoutWords = o.timeout.startsWith('none') ? `with timeout ${o.timeout}` : `for ${o.timeout}`;
  const detectExplain = [
    'Detection: a 39-byte UDP packet (20 bytes IP + 8 UDP + 11 payload) whose data ends with the NAck for',
    `your address. Its source is the peer that sent the NAck, so add-src-to-address-list puts the peer on the`,
    `list "${o.addressList}" ${timeoutWords} (each new NAck renews the entry).`,
    `Only packets arriving from ${wanWords} are examined: a LAN host sending a 39-byte UDP packet must not`,
    'become a "peer", and layer-7 work stays off LAN traffic.',
  ];
  if (o.chain === 'forward') {
    detectExplain.push(
      'The forward chain sees both directions of forwarded traffic, as the layer-7 matcher needs.',
    );
  } else {
    detectExplain.push(
      'prerouting (border router): the manual asks for the same layer-7 rule in postrouting too, so the',
      'matcher sees both directions of every connection (next rule).',
    );
  }
  rules.push({
    menu: '/ip firewall mangle',
    explain: detectExplain,
    props: detect(o.chain, wanIn, 'detect peers'),
  });
  if (o.chain === 'prerouting') {
    rules.push({
      menu: '/ip firewall mangle',
      explain: [
        "The same detection in postrouting, for the traffic prerouting does not see (the router's own), as the",
        `manual requires for a layer-7 rule in prerouting. Packets leaving towards ${wanWords} are left out,`,
        'which keeps LAN hosts off the list here too.',
      ],
      props: detect('postrouting', notWanOut, 'detect peers (postrouting)'),
    });
  }
  return rules;
}

/** Connection marks for calls with listed peers, the optional DSCP, and the packet mark the queues use. */
function markingRules(o: Normalized): RecipeRule[] {
  const rules: RecipeRule[] = [];
  const rateWords = `while the connection stays within ${o.rate} bits/s (calls, not file transfers)`;
  const protocolWhy =
    'protocol=udp: connection-rate works only with TCP and UDP, and the manual asks for the protocol.';
  rules.push({
    menu: '/ip firewall mangle',
    explain: [
      `Mark UDP connections from listed peers ${rateWords}. connection-rate counts both directions,`,
      'headers included, every second (see the header for the default). ' + protocolWhy,
      'passthrough=yes: the packet goes on to the next rules, which mark it for the queue.',
    ],
    props: [
      ['chain', o.chain],
      ['action', 'mark-connection'],
      ['protocol', 'udp'],
      ['src-address-list', o.addressList],
      ['connection-rate', o.rate],
      ['new-connection-mark', o.connectionMark],
      ['passthrough', 'yes'],
      tag('connections from peers'),
    ],
  });
  rules.push({
    menu: '/ip firewall mangle',
    explain: ['The same for UDP connections to listed peers.'],
    props: [
      ['chain', o.chain],
      ['action', 'mark-connection'],
      ['protocol', 'udp'],
      ['dst-address-list', o.addressList],
      ['connection-rate', o.rate],
      ['new-connection-mark', o.connectionMark],
      ['passthrough', 'yes'],
      tag('connections to peers'),
    ],
  });
  if (o.dscp !== undefined) {
    rules.push({
      menu: '/ip firewall mangle',
      explain: [
        `Set DSCP ${o.dscp}${o.dscp === 46 ? ' (EF, expedited forwarding)' : ''} on these packets so routers further on can`,
        'prioritise them too. It stands before the packet mark, which ends the chain for them.',
      ],
      props: [
        ['chain', o.chain],
        ['action', 'change-dscp'],
        ['protocol', 'udp'],
        ['connection-mark', o.connectionMark],
        ['connection-rate', o.rate],
        ['new-dscp', String(o.dscp)],
        ['passthrough', 'yes'],
        tag('DSCP'),
      ],
    });
  }
  rules.push({
    menu: '/ip firewall mangle',
    explain: [
      'Mark the packets of those connections for the queue. connection-rate again: a marked connection that',
      'grows into a file transfer loses the priority (its packets go to the default queue). passthrough=no',
      'ends the chain for these packets, so no later rule can change the mark.',
    ],
    props: [
      ['chain', o.chain],
      ['action', 'mark-packet'],
      ['protocol', 'udp'],
      ['connection-mark', o.connectionMark],
      ['connection-rate', o.rate],
      ['new-packet-mark', o.packetMark],
      ['passthrough', 'no'],
      tag('packets'),
    ],
  });
  return rules;
}

/** The queues from the line rates, in the form the options ask for (none with --no-queue). */
function queueRules(o: Normalized): RecipeRule[] {
  const qv = queueValues(o);
  if (qv === undefined) return [];
  if (o.queue.kind === 'tree') return queueTreeRules(o, o.queue, qv);
  if (o.queue.kind === 'simple') return simpleQueueRules(o, o.queue, qv);
  return [];
}

/** Per direction: a parent on the interface, the Skype child at priority 1, everything else at 8. */
function queueTreeRules(
  o: Normalized,
  queue: Extract<NormalizedQueue, { kind: 'tree' }>,
  qv: QueueValues,
): RecipeRule[] {
  const rules: RecipeRule[] = [];
  const n = queue.name;
  const dirs = [
    ['upload', queue.wanInterface, qv.upload, qv.uploadLimit, 'leaves through the WAN interface'],
    ['download', queue.lanInterface, qv.download, qv.downloadLimit, 'leaves through the LAN interface'],
  ] as const;
  for (const [dir, iface, line, limit, how] of dirs) {
    const parent = `${n}-qos-${dir}`;
    rules.push({
      menu: '/queue tree',
      explain: [
        `${dir === 'upload' ? 'Upload' : 'Download'}: traffic that ${how} (${iface}). The parent's max-limit is 90% of the`,
        `${formatRate(line)} line rate, so the queue forms here, where priorities act, and not in the modem. HTB`,
        'priority only orders children competing under a limited parent (manual, "Queues" and "HTB").',
      ],
      props: [['name', parent], ['parent', iface], ['max-limit', formatRate(limit)], tag(`${dir} parent`)],
    });
    rules.push({
      menu: '/queue tree',
      explain: [
        `Skype first: priority 1, guaranteed ${formatRate(qv.limitAt)} (limit-at), may borrow up to the parent's limit.`,
      ],
      props: [
        ['name', `${n}-${dir}`],
        ['parent', parent],
        ['packet-mark', o.packetMark],
        ['limit-at', formatRate(qv.limitAt)],
        ['max-limit', formatRate(limit)],
        ['priority', '1'],
        tag(`${dir} Skype`),
      ],
    });
    rules.push({
      menu: '/queue tree',
      explain: [
        'Everything else (packets without a packet mark, fast-tracked ones included): priority 8, the lowest.',
      ],
      props: [
        ['name', `${n}-${dir}-other`],
        ['parent', parent],
        ['packet-mark', 'no-mark'],
        ['max-limit', formatRate(limit)],
        ['priority', '8'],
        tag(`${dir} default`),
      ],
    });
  }
  return rules;
}

/** A parent simple queue for the target, the Skype child at priority 1, everything else at 8. */
function simpleQueueRules(
  o: Normalized,
  queue: Extract<NormalizedQueue, { kind: 'simple' }>,
  qv: QueueValues,
): RecipeRule[] {
  const rules: RecipeRule[] = [];
  const n = queue.name;
  const both = `${formatRate(qv.uploadLimit)}/${formatRate(qv.downloadLimit)}`;
  rules.push({
    menu: '/queue simple',
    explain: [
      `The parent for ${queue.target}: max-limit 90% of the line rates (upload/download), so the queue forms`,
      'here and priorities act. Simple queues are matched in list order: these three are added at the end,',
      'so an earlier simple queue for the same or a broader target would take their packets (RSC4015): move',
      'them to the top (/queue simple move) if you have one.',
    ],
    props: [['name', `${n}-qos`], ['target', queue.target], ['max-limit', both], tag('parent')],
  });
  rules.push({
    menu: '/queue simple',
    explain: [
      'Skype first: priority 1 (upload/download) with a guarantee; listed before the broader default queue,',
      'which would otherwise take its packets.',
    ],
    props: [
      ['name', n],
      ['parent', `${n}-qos`],
      ['target', queue.target],
      ['packet-marks', o.packetMark],
      ['limit-at', `${formatRate(qv.limitAt)}/${formatRate(qv.limitAt)}`],
      ['max-limit', both],
      ['priority', '1/1'],
      tag('Skype'),
    ],
  });
  rules.push({
    menu: '/queue simple',
    explain: ['Everything else for the target: priority 8 (the lowest).'],
    props: [
      ['name', `${n}-other`],
      ['parent', `${n}-qos`],
      ['target', queue.target],
      ['max-limit', both],
      ['priority', '8/8'],
      tag('default'),
    ],
  });
  return rules;
}
