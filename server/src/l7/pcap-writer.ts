// A small capture WRITER used only by tests (and test/l7/make-fixtures.ts): builds IPv4/IPv6 TCP/UDP
// packets, wraps them in Ethernet (with VLAN tags), Linux SLL/SLL2 or raw IP, and writes pcap or pcapng,
// so the reader and `rsc l7 test --pcap` are tested on captures whose every byte we know.

export interface PacketSpec {
  src: string;
  dst: string;
  sport: number;
  dport: number;
  payload: Uint8Array | number[];
  protocol?: 'udp' | 'tcp';
  /** TCP flags byte (default 0x18, PSH+ACK; 0x02 for SYN). */
  tcpFlags?: number;
  /** IPv6 only: insert a hop-by-hop and a destination-options extension header. */
  extensionHeaders?: boolean;
}

function parseV4(a: string): number[] {
  return a.split('.').map(Number);
}

function parseV6(a: string): number[] {
  const [head, tail] = a.includes('::') ? a.split('::') : [a, undefined];
  const h = head === '' ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const words = [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t].map((w) =>
    parseInt(w, 16),
  );
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

function be16(v: number): number[] {
  return [(v >> 8) & 0xff, v & 0xff];
}

function checksum(bytes: number[]): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i] << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  return ~sum & 0xffff;
}

/** The transport header and payload (checksums left 0: the reader does not verify them). */
function transportBytes(p: PacketSpec): { proto: number; bytes: number[] } {
  const payload = [...p.payload];
  if ((p.protocol ?? 'udp') === 'udp') {
    return {
      proto: 17,
      bytes: [...be16(p.sport), ...be16(p.dport), ...be16(8 + payload.length), 0, 0, ...payload],
    };
  }
  const header = [
    ...be16(p.sport),
    ...be16(p.dport),
    0,
    0,
    0,
    1, // sequence number
    0,
    0,
    0,
    0, // acknowledgement
    0x50,
    p.tcpFlags ?? 0x18,
    ...be16(65535),
    0,
    0,
    0,
    0,
  ];
  return { proto: 6, bytes: [...header, ...payload] };
}

/** An IP packet (IPv4 or IPv6 by the address form). */
export function ipPacket(p: PacketSpec): Uint8Array {
  const t = transportBytes(p);
  if (!p.src.includes(':')) {
    const total = 20 + t.bytes.length;
    const header = [
      0x45,
      0,
      ...be16(total),
      0,
      1,
      0,
      0,
      64,
      t.proto,
      0,
      0,
      ...parseV4(p.src),
      ...parseV4(p.dst),
    ];
    const sum = checksum(header);
    header[10] = sum >> 8;
    header[11] = sum & 0xff;
    return Uint8Array.from([...header, ...t.bytes]);
  }
  let ext: number[] = [];
  let next = t.proto;
  if (p.extensionHeaders === true) {
    // Destination options (60) then, in front of it, hop-by-hop (0): each 8 bytes of padding options.
    const dest = [next, 0, 1, 4, 0, 0, 0, 0];
    const hop = [60, 0, 1, 4, 0, 0, 0, 0];
    ext = [...hop, ...dest];
    next = 0;
  }
  const payloadLength = ext.length + t.bytes.length;
  const header = [0x60, 0, 0, 0, ...be16(payloadLength), next, 64, ...parseV6(p.src), ...parseV6(p.dst)];
  return Uint8Array.from([...header, ...ext, ...t.bytes]);
}

export type LinkWrap = 'ethernet' | 'sll' | 'sll2' | 'raw' | 'raw4' | 'raw6';

export const LINK_TYPES: Readonly<Record<LinkWrap, number>> = {
  ethernet: 1,
  raw: 101,
  sll: 113,
  raw4: 228,
  raw6: 229,
  sll2: 276,
};

/** Wraps an IP packet in a link-layer header. Ethernet frames are padded to 60 bytes, like real ones. */
export function frame(ip: Uint8Array, link: LinkWrap, vlans: number[] = []): Uint8Array {
  const etherType = ip[0] >> 4 === 6 ? 0x86dd : 0x0800;
  switch (link) {
    case 'ethernet': {
      const macs = [2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2];
      const tags = vlans.flatMap((v, k) => [
        ...be16(k === 0 && vlans.length > 1 ? 0x88a8 : 0x8100),
        ...be16(v),
      ]);
      // With tags, the first type field is the first tag's TPID; each tag then carries the next type.
      const bytes = [...macs];
      if (vlans.length === 0) bytes.push(...be16(etherType));
      else {
        bytes.push(...tags.slice(0, 2));
        for (let k = 0; k < vlans.length; k++) {
          bytes.push(...be16(vlans[k]));
          bytes.push(...(k + 1 < vlans.length ? be16(0x8100) : be16(etherType)));
        }
      }
      const out = [...bytes, ...ip];
      while (out.length < 60) out.push(0);
      return Uint8Array.from(out);
    }
    case 'sll':
      return Uint8Array.from([0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0, ...be16(etherType), ...ip]);
    case 'sll2':
      return Uint8Array.from([
        ...be16(etherType),
        0,
        0,
        0,
        0,
        0,
        2,
        0,
        1,
        0,
        6,
        2,
        0,
        0,
        0,
        0,
        1,
        0,
        0,
        ...ip,
      ]);
    default:
      return ip;
  }
}

export interface WrittenFrame {
  data: Uint8Array;
  /** Seconds (fractional). */
  time?: number;
  /** Original length when `data` is cut short (snap length); defaults to data.length. */
  origLength?: number;
  /** pcapng: interface index; `simple` writes a Simple Packet Block (interface 0 only). */
  iface?: number;
  simple?: boolean;
}

class Out {
  private readonly parts: number[] = [];
  constructor(private readonly little: boolean) {}
  u16(v: number): this {
    this.parts.push(...(this.little ? [v & 0xff, (v >> 8) & 0xff] : [(v >> 8) & 0xff, v & 0xff]));
    return this;
  }
  u32(v: number): this {
    const b = [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
    this.parts.push(...(this.little ? b.reverse() : b));
    return this;
  }
  raw(b: Uint8Array | number[]): this {
    for (const x of b) this.parts.push(x);
    return this;
  }
  pad4(): this {
    while (this.parts.length % 4 !== 0) this.parts.push(0);
    return this;
  }
  get length(): number {
    return this.parts.length;
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** A classic pcap file. */
export function writePcap(
  frames: WrittenFrame[],
  options: { linkType: number; littleEndian?: boolean; nanos?: boolean; snaplen?: number },
): Uint8Array {
  const out = new Out(options.littleEndian !== false);
  out
    .u32(options.nanos === true ? 0xa1b23c4d : 0xa1b2c3d4)
    .u16(2)
    .u16(4)
    .u32(0)
    .u32(0);
  out.u32(options.snaplen ?? 65535).u32(options.linkType);
  frames.forEach((f, k) => {
    const t = f.time ?? 1700000000 + k;
    const sec = Math.floor(t);
    const frac = Math.round((t - sec) * (options.nanos === true ? 1e9 : 1e6));
    out
      .u32(sec)
      .u32(frac)
      .u32(f.data.length)
      .u32(f.origLength ?? f.data.length)
      .raw(f.data);
  });
  return out.bytes();
}

/** A pcapng file with one section and the given interfaces. */
export function writePcapng(
  interfaces: { linkType: number; snaplen?: number; tsresol?: number }[],
  frames: WrittenFrame[],
  options: { littleEndian?: boolean } = {},
): Uint8Array {
  const little = options.littleEndian !== false;
  const out = new Out(little);
  const block = (type: number, body: (o: Out) => void): void => {
    const b = new Out(little);
    body(b);
    b.pad4();
    out
      .u32(type)
      .u32(b.length + 12)
      .raw(b.bytes())
      .u32(b.length + 12);
  };
  block(0x0a0d0d0a, (b) => b.u32(0x1a2b3c4d).u16(1).u16(0).u32(0xffffffff).u32(0xffffffff));
  for (const i of interfaces) {
    block(1, (b) => {
      b.u16(i.linkType)
        .u16(0)
        .u32(i.snaplen ?? 0);
      if (i.tsresol !== undefined) b.u16(9).u16(1).raw([i.tsresol]).pad4();
      b.u16(0).u16(0);
    });
  }
  frames.forEach((f, k) => {
    if (f.simple === true) {
      block(3, (b) => b.u32(f.origLength ?? f.data.length).raw(f.data));
      return;
    }
    const iface = interfaces[f.iface ?? 0];
    const units = iface.tsresol === undefined ? 1e6 : 10 ** iface.tsresol;
    const ts = Math.round((f.time ?? 1700000000 + k) * units);
    block(6, (b) =>
      b
        .u32(f.iface ?? 0)
        .u32(Math.floor(ts / 2 ** 32))
        .u32(ts % 2 ** 32)
        .u32(f.data.length)
        .u32(f.origLength ?? f.data.length)
        .raw(f.data),
    );
  });
  return out.bytes();
}

/** The 11-byte Skype NAck payload: the public IPv4 address the peer saw, at payload offset 3. */
export function nackPayload(
  publicIp: string,
  head: number[] = [0x4f, 0x27, 0x02],
  tail: number[] = [0x13, 0x6a, 0x2e, 0x91],
): number[] {
  return [...head, ...parseV4(publicIp), ...tail];
}

/**
 * The test scenario: a Skype-style UDP exchange (client packet, then the 39-byte NAck carrying the public IP
 * 213.47.5.9 at payload offset 3), plus unrelated traffic: a TCP HTTP connection, DNS over UDP, and a UDP
 * flow whose payload happens to contain 0xD5 in the middle (not at the NAck position).
 */
export function nackScenario(): { packets: Uint8Array[]; nackFlow: number; names: string[] } {
  const client = '192.168.88.10';
  const peer = '198.51.100.7';
  const packets: Uint8Array[] = [
    ipPacket({
      src: client,
      dst: '203.0.113.80',
      sport: 50000,
      dport: 80,
      protocol: 'tcp',
      tcpFlags: 0x02,
      payload: [],
    }),
    ipPacket({
      src: client,
      dst: peer,
      sport: 40001,
      dport: 33033,
      payload: [
        0x9c, 0x11, 0x02, 0x00, 0x00, 0x00, 0x00, 0x7d, 0x41, 0xe2, 0x05, 0x33, 0x71, 0x08, 0xa0, 0x3c, 0x0b,
        0x55,
      ],
    }),
    ipPacket({
      src: client,
      dst: '203.0.113.80',
      sport: 50000,
      dport: 80,
      protocol: 'tcp',
      payload: [...new TextEncoder().encode('GET / HTTP/1.1\r\nHost: example.net\r\n\r\n')],
    }),
    ipPacket({ src: peer, dst: client, sport: 33033, dport: 40001, payload: nackPayload('213.47.5.9') }),
    ipPacket({
      src: client,
      dst: '192.0.2.53',
      sport: 53000,
      dport: 53,
      payload: [
        0x12,
        0x34,
        0x01,
        0x00,
        0x00,
        0x01,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        0x00,
        7,
        ...new TextEncoder().encode('example'),
        3,
        0x6e,
        0x65,
        0x74,
        0,
        0,
        1,
        0,
        1,
      ],
    }),
    ipPacket({
      src: '192.168.88.11',
      dst: '198.51.100.99',
      sport: 40100,
      dport: 5000,
      payload: [0x01, 0x02, 0xd5, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x11, 0x12, 0x13, 0x14],
    }),
  ];
  return {
    packets,
    nackFlow: 2,
    names: ['http (tcp)', 'skype nack (udp)', 'dns (udp)', 'other udp with 0xd5 inside'],
  };
}
