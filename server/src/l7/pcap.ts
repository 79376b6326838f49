// A small reader for capture files, pcap (both byte orders, micro- and nanosecond timestamps) and pcapng
// (section header, interface description, enhanced and simple packet blocks, several interfaces and
// sections). It returns raw frames with their link type; flows.ts decodes them. Never throws on bad input.

export type CaptureErrorKind = 'not-a-capture' | 'truncated' | 'malformed' | 'unsupported-link-type';

export interface CaptureError {
  kind: CaptureErrorKind;
  message: string;
  /** Byte offset in the file where the problem is. */
  offset: number;
}

export interface Frame {
  /** 1-based frame number, as Wireshark counts. */
  index: number;
  linkType: number;
  interfaceId: number;
  /** Seconds since the epoch (fractional). */
  time: number;
  /** The captured bytes (may be shorter than origLength when the capture had a snap length). */
  data: Uint8Array;
  origLength: number;
  /** Byte offset of the record (pcap) or block (pcapng) in the file. */
  offset: number;
}

export interface Capture {
  format: 'pcap' | 'pcapng' | 'unknown';
  frames: Frame[];
  /** Set when reading stopped early; the frames before it are still returned. */
  error?: CaptureError;
}

/** Names of the link types we decode, and a few common others for clearer messages. */
export const LINK_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'BSD loopback (NULL)',
  1: 'Ethernet',
  101: 'raw IP',
  105: 'IEEE 802.11',
  113: 'Linux cooked capture (SLL)',
  127: 'IEEE 802.11 radiotap',
  228: 'raw IPv4',
  229: 'raw IPv6',
  276: 'Linux cooked capture v2 (SLL2)',
};

class Reader {
  private readonly view: DataView;
  constructor(
    bytes: Uint8Array,
    public little: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u16(o: number): number {
    return this.view.getUint16(o, this.little);
  }
  u32(o: number): number {
    return this.view.getUint32(o, this.little);
  }
}

const PCAP_MAGIC_MICRO = 0xa1b2c3d4;
const PCAP_MAGIC_NANO = 0xa1b23c4d;
const PCAPNG_SHB = 0x0a0d0d0a;
const PCAPNG_BOM = 0x1a2b3c4d;
/** Refuse absurd record lengths instead of trusting them (a corrupt header would claim gigabytes). */
const MAX_RECORD = 256 * 1024 * 1024;

/** Reads a pcap or pcapng file. */
export function readCapture(bytes: Uint8Array): Capture {
  if (bytes.length < 4) {
    return {
      format: 'unknown',
      frames: [],
      error: { kind: 'not-a-capture', message: `not a capture file: only ${bytes.length} bytes`, offset: 0 },
    };
  }
  const be = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, false);
  if (be === PCAPNG_SHB) return readPcapng(bytes);
  const le = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  for (const [magic, nano] of [
    [PCAP_MAGIC_MICRO, false],
    [PCAP_MAGIC_NANO, true],
  ] as const) {
    if (le === magic) return readPcap(bytes, true, nano);
    if (be === magic) return readPcap(bytes, false, nano);
  }
  const hex = [...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return {
    format: 'unknown',
    frames: [],
    error: {
      kind: 'not-a-capture',
      message: `not a capture file: the first bytes (${hex}) are neither a pcap nor a pcapng magic number`,
      offset: 0,
    },
  };
}

function readPcap(bytes: Uint8Array, little: boolean, nano: boolean): Capture {
  const r = new Reader(bytes, little);
  const frames: Frame[] = [];
  if (bytes.length < 24) {
    return {
      format: 'pcap',
      frames,
      error: {
        kind: 'truncated',
        message: `truncated pcap file header: ${bytes.length} of 24 bytes`,
        offset: 0,
      },
    };
  }
  // The link-type field's upper bits may carry FCS information; the type is the low 16 bits.
  const linkType = r.u32(20) & 0xffff;
  let o = 24;
  while (o < bytes.length) {
    if (o + 16 > bytes.length) {
      return {
        format: 'pcap',
        frames,
        error: {
          kind: 'truncated',
          message: `truncated record header at byte offset ${o}: ${bytes.length - o} of 16 bytes`,
          offset: o,
        },
      };
    }
    const sec = r.u32(o);
    const frac = r.u32(o + 4);
    const incl = r.u32(o + 8);
    const orig = r.u32(o + 12);
    if (incl > MAX_RECORD) {
      return {
        format: 'pcap',
        frames,
        error: { kind: 'malformed', message: `record at byte offset ${o} claims ${incl} bytes`, offset: o },
      };
    }
    if (o + 16 + incl > bytes.length) {
      return {
        format: 'pcap',
        frames,
        error: {
          kind: 'truncated',
          message: `truncated record at byte offset ${o}: it needs ${incl} bytes of data, the file has ${bytes.length - o - 16}`,
          offset: o,
        },
      };
    }
    frames.push({
      index: frames.length + 1,
      linkType,
      interfaceId: 0,
      time: sec + frac / (nano ? 1e9 : 1e6),
      data: bytes.subarray(o + 16, o + 16 + incl),
      origLength: orig,
      offset: o,
    });
    o += 16 + incl;
  }
  return { format: 'pcap', frames };
}

interface Interface {
  linkType: number;
  snaplen: number;
  /** Timestamp units per second. */
  unitsPerSecond: number;
}

function readPcapng(bytes: Uint8Array): Capture {
  const frames: Frame[] = [];
  let interfaces: Interface[] = [];
  const r = new Reader(bytes, true);
  const fail = (kind: CaptureErrorKind, message: string, offset: number): Capture => ({
    format: 'pcapng',
    frames,
    error: { kind, message, offset },
  });
  let o = 0;
  while (o < bytes.length) {
    if (o + 12 > bytes.length) return fail('truncated', `truncated block header at byte offset ${o}`, o);
    if (r.u32(o) === PCAPNG_SHB) {
      // The byte order of a section is given by its byte-order magic.
      const bomLe = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(o + 8, true);
      if (bomLe === PCAPNG_BOM) r.little = true;
      else if (bomLe === 0x4d3c2b1a) r.little = false;
      else return fail('malformed', `section header at byte offset ${o} has no valid byte-order magic`, o);
      interfaces = [];
    }
    const len = r.u32(o + 4);
    if (len < 12 || len % 4 !== 0)
      return fail('malformed', `block at byte offset ${o} has an invalid length ${len}`, o);
    if (o + len > bytes.length) {
      return fail(
        'truncated',
        `truncated block at byte offset ${o}: it needs ${len} bytes, the file has ${bytes.length - o}`,
        o,
      );
    }
    const body = o + 8;
    const bodyEnd = o + len - 4;
    const blockType = r.u32(o);
    if (blockType === 1) {
      if (bodyEnd - body < 8) return fail('malformed', `interface block at byte offset ${o} is too short`, o);
      const iface: Interface = { linkType: r.u16(body), snaplen: r.u32(body + 4), unitsPerSecond: 1e6 };
      // Options: code, length, value padded to 4 bytes; if_tsresol (9) sets the timestamp unit.
      let p = body + 8;
      while (p + 4 <= bodyEnd) {
        const code = r.u16(p);
        const olen = r.u16(p + 2);
        if (code === 0) break;
        if (code === 9 && olen >= 1 && p + 4 < bodyEnd) {
          const v = bytes[p + 4];
          iface.unitsPerSecond = v & 0x80 ? 2 ** (v & 0x7f) : 10 ** v;
        }
        p += 4 + ((olen + 3) & ~3);
      }
      interfaces.push(iface);
    } else if (blockType === 6 || blockType === 2 || blockType === 3) {
      const simple = blockType === 3;
      const headerLen = simple ? 4 : 20;
      if (bodyEnd - body < headerLen)
        return fail('malformed', `packet block at byte offset ${o} is too short`, o);
      const ifaceId = simple ? 0 : blockType === 2 ? r.u16(body) : r.u32(body);
      const iface = interfaces[ifaceId];
      if (iface === undefined) {
        return fail(
          'malformed',
          `packet block at byte offset ${o} refers to interface ${ifaceId}, which is not described`,
          o,
        );
      }
      let capLen: number;
      let origLen: number;
      let time = 0;
      if (simple) {
        origLen = r.u32(body);
        capLen = Math.min(origLen, bodyEnd - body - 4, iface.snaplen > 0 ? iface.snaplen : Infinity);
      } else {
        const ts = r.u32(body + 4) * 2 ** 32 + r.u32(body + 8);
        time = ts / iface.unitsPerSecond;
        capLen = r.u32(body + 12);
        origLen = r.u32(body + 16);
      }
      const dataStart = body + headerLen;
      if (dataStart + capLen > bodyEnd) {
        return fail(
          'truncated',
          `packet block at byte offset ${o} claims ${capLen} bytes, more than the block holds`,
          o,
        );
      }
      frames.push({
        index: frames.length + 1,
        linkType: iface.linkType,
        interfaceId: ifaceId,
        time,
        data: bytes.subarray(dataStart, dataStart + capLen),
        origLength: origLen,
        offset: o,
      });
    }
    // Other blocks (name resolution, statistics, custom ...) carry nothing we need.
    o += len;
  }
  return { format: 'pcapng', frames };
}

export function linkTypeName(t: number): string {
  const name = LINK_TYPE_NAMES[t];
  return name === undefined ? `link type ${t}` : `link type ${t} (${name})`;
}
