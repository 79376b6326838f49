// Decodes captured frames down to TCP/UDP payloads (Ethernet with 802.1Q/802.1ad tags, Linux cooked SLL and
// SLL2, raw IP; IPv4 and IPv6 with extension headers) and groups them into bidirectional flows by 5-tuple,
// the first packet's sender being the initiator: the connections the layer-7 matcher would see.
import { linkTypeName, type Capture, type CaptureError, type Frame } from './pcap';
import type { Direction } from './connection';

export interface Endpoint {
  address: string;
  port: number;
}

export interface DecodedPacket {
  frame: number;
  time: number;
  ipVersion: 4 | 6;
  protocol: 'tcp' | 'udp';
  src: Endpoint;
  dst: Endpoint;
  /** Size of the whole IP packet as the header states it (what `packet-size=` compares). */
  ipLength: number;
  payload: Uint8Array;
  /** True when the capture holds less payload than the packet had (snap length). */
  payloadTruncated: boolean;
  vlans: number[];
}

export interface FlowPacket {
  frame: number;
  time: number;
  direction: Direction;
  ipLength: number;
  payload: Uint8Array;
  payloadTruncated: boolean;
}

export interface Flow {
  /** 1-based, in order of first appearance. */
  id: number;
  protocol: 'tcp' | 'udp';
  ipVersion: 4 | 6;
  initiator: Endpoint;
  responder: Endpoint;
  packets: FlowPacket[];
}

export interface FlowExtraction {
  flows: Flow[];
  /** Frames that carry no TCP/UDP (ARP, ICMP, later fragments ...), with the reason. */
  skipped: { frame: number; reason: string }[];
  error?: CaptureError;
}

type Decoded = { packet: DecodedPacket } | { skip: string } | { unsupported: number };

function ipv4(b: Uint8Array, o: number): string {
  return `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
}

function ipv6(b: Uint8Array, o: number): string {
  const words: number[] = [];
  for (let k = 0; k < 8; k++) words.push((b[o + 2 * k] << 8) | b[o + 2 * k + 1]);
  // Compress the longest run of two or more zero words, as RFC 5952 says.
  let best = -1;
  let bestLen = 1;
  for (let k = 0; k < 8;) {
    if (words[k] !== 0) {
      k++;
      continue;
    }
    let e = k;
    while (e < 8 && words[e] === 0) e++;
    if (e - k > bestLen) {
      best = k;
      bestLen = e - k;
    }
    k = e;
  }
  const hex = words.map((w) => w.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

const u16 = (b: Uint8Array, o: number): number => (b[o] << 8) | b[o + 1];

/** Decodes one frame to a TCP/UDP packet. */
export function decodeFrame(frame: Frame): Decoded {
  const d = frame.data;
  const vlans: number[] = [];
  let o: number;
  let etherType: number;
  switch (frame.linkType) {
    case 1: {
      if (d.length < 14) return { skip: 'Ethernet header cut short' };
      etherType = u16(d, 12);
      o = 14;
      // 802.1Q, 802.1ad and the old QinQ type: each tag is 4 bytes (TCI, then the next type).
      while (etherType === 0x8100 || etherType === 0x88a8 || etherType === 0x9100) {
        if (o + 4 > d.length)
          return { skip: `VLAN tag cut short (the frame ends after ${vlans.length} stacked VLAN tags)` };
        vlans.push(u16(d, o) & 0x0fff);
        etherType = u16(d, o + 2);
        o += 4;
      }
      break;
    }
    case 113:
      if (d.length < 16) return { skip: 'SLL header cut short' };
      etherType = u16(d, 14);
      o = 16;
      break;
    case 276:
      if (d.length < 20) return { skip: 'SLL2 header cut short' };
      etherType = u16(d, 0);
      o = 20;
      break;
    case 101:
      if (d.length < 1) return { skip: 'empty frame' };
      etherType = d[0] >> 4 === 6 ? 0x86dd : 0x0800;
      o = 0;
      break;
    case 228:
      etherType = 0x0800;
      o = 0;
      break;
    case 229:
      etherType = 0x86dd;
      o = 0;
      break;
    default:
      return { unsupported: frame.linkType };
  }
  if (etherType === 0x0800) return decodeIpv4(frame, d, o, vlans);
  if (etherType === 0x86dd) return decodeIpv6(frame, d, o, vlans);
  return { skip: `not IP (EtherType 0x${etherType.toString(16).padStart(4, '0')})` };
}

function decodeIpv4(frame: Frame, d: Uint8Array, o: number, vlans: number[]): Decoded {
  if (o + 20 > d.length) return { skip: 'IPv4 header cut short' };
  if (d[o] >> 4 !== 4) return { skip: 'not an IPv4 header' };
  const ihl = (d[o] & 0x0f) * 4;
  const total = u16(d, o + 2);
  if (ihl < 20)
    return { skip: `malformed IPv4 header: header length ${ihl} bytes (IHL ${ihl / 4}; at least 20)` };
  if (total < ihl)
    return { skip: `malformed IPv4 header: total length ${total} is shorter than its ${ihl}-byte header` };
  const fragOffset = u16(d, o + 6) & 0x1fff;
  if (fragOffset !== 0) return { skip: 'IPv4 fragment after the first (no transport header)' };
  const proto = d[o + 9];
  // Ethernet pads short frames: the IP total length says where the packet really ends.
  const end = Math.min(o + total, d.length);
  return transport(
    frame,
    d,
    o + ihl,
    end,
    o + total > d.length,
    proto,
    4,
    ipv4(d, o + 12),
    ipv4(d, o + 16),
    total,
    vlans,
  );
}

function decodeIpv6(frame: Frame, d: Uint8Array, o: number, vlans: number[]): Decoded {
  if (o + 40 > d.length) return { skip: 'IPv6 header cut short' };
  if (d[o] >> 4 !== 6) return { skip: 'not an IPv6 header' };
  const payloadLength = u16(d, o + 4);
  let next = d[o + 6];
  const src = ipv6(d, o + 8);
  const dst = ipv6(d, o + 24);
  const end = Math.min(o + 40 + payloadLength, d.length);
  let p = o + 40;
  // Extension headers: hop-by-hop (0), routing (43), fragment (44), AH (51), destination options (60).
  // The loop ends because every header moves p forward by at least 8 bytes.
  while (next === 0 || next === 43 || next === 44 || next === 51 || next === 60) {
    if (p + 8 > end) return { skip: 'IPv6 extension header cut short' };
    if (next === 44) {
      if ((u16(d, p + 2) & 0xfff8) !== 0)
        return { skip: 'IPv6 fragment after the first (no transport header)' };
      next = d[p];
      p += 8;
      continue;
    }
    const len = next === 51 ? (d[p + 1] + 2) * 4 : (d[p + 1] + 1) * 8;
    next = d[p];
    p += len;
  }
  return transport(
    frame,
    d,
    p,
    end,
    o + 40 + payloadLength > d.length,
    next,
    6,
    src,
    dst,
    40 + payloadLength,
    vlans,
  );
}

function transport(
  frame: Frame,
  d: Uint8Array,
  o: number,
  end: number,
  cut: boolean,
  proto: number,
  ipVersion: 4 | 6,
  srcAddr: string,
  dstAddr: string,
  ipLength: number,
  vlans: number[],
): Decoded {
  let header: number;
  let payloadEnd = end;
  if (proto === 17) {
    if (o + 8 > end) return { skip: 'UDP header cut short' };
    header = 8;
    const udpLen = u16(d, o + 4);
    if (udpLen >= 8) {
      cut = cut || o + udpLen > end;
      payloadEnd = Math.min(o + udpLen, end);
    }
  } else if (proto === 6) {
    if (o + 20 > end) return { skip: 'TCP header cut short' };
    header = (d[o + 12] >> 4) * 4;
    if (header < 20 || o + header > end) return { skip: 'malformed TCP header' };
  } else {
    return { skip: `IP protocol ${proto} is neither TCP nor UDP` };
  }
  return {
    packet: {
      frame: frame.index,
      time: frame.time,
      ipVersion,
      protocol: proto === 6 ? 'tcp' : 'udp',
      src: { address: srcAddr, port: u16(d, o) },
      dst: { address: dstAddr, port: u16(d, o + 2) },
      ipLength,
      payload: d.subarray(o + header, Math.max(o + header, payloadEnd)),
      payloadTruncated: cut || frame.origLength > frame.data.length,
      vlans,
    },
  };
}

const endpointKey = (e: Endpoint): string => `${e.address}|${e.port}`;

/** Groups a capture's TCP/UDP packets into bidirectional flows (no TCP reassembly: the matcher has none). */
export function extractFlows(capture: Capture): FlowExtraction {
  const flows: Flow[] = [];
  const byKey = new Map<string, Flow>();
  const skipped: FlowExtraction['skipped'] = [];
  for (const frame of capture.frames) {
    const dec = decodeFrame(frame);
    if ('unsupported' in dec) {
      return {
        flows,
        skipped,
        error: {
          kind: 'unsupported-link-type',
          message: `unsupported ${linkTypeName(dec.unsupported)} in frame ${frame.index}: supported are Ethernet (1), raw IP (101, 228, 229), Linux SLL (113) and SLL2 (276)`,
          offset: frame.offset,
        },
      };
    }
    if ('skip' in dec) {
      skipped.push({ frame: frame.index, reason: dec.skip });
      continue;
    }
    const p = dec.packet;
    const a = endpointKey(p.src);
    const b = endpointKey(p.dst);
    const key = `${p.protocol}|${a < b ? a + '|' + b : b + '|' + a}`;
    let flow = byKey.get(key);
    if (flow === undefined) {
      flow = {
        id: flows.length + 1,
        protocol: p.protocol,
        ipVersion: p.ipVersion,
        initiator: p.src,
        responder: p.dst,
        packets: [],
      };
      byKey.set(key, flow);
      flows.push(flow);
    }
    const direction: Direction =
      endpointKey(flow.initiator) === a && endpointKey(flow.responder) === b ? 'orig' : 'reply';
    flow.packets.push({
      frame: p.frame,
      time: p.time,
      direction,
      ipLength: p.ipLength,
      payload: p.payload,
      payloadTruncated: p.payloadTruncated,
    });
  }
  const result: FlowExtraction = { flows, skipped };
  if (capture.error !== undefined) result.error = capture.error;
  return result;
}
