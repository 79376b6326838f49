// The packets a trace replays: parsed from the `--packet` spec ("udp 192.168.88.10:5000 > 1.2.3.4:3478
// in=bridge size=120 payload=0a0b time=0.5") or made from a decoded capture. Addresses are as the packet
// arrives on `in=`. Pure: errors are values naming the spec and the position.
import { parseIPv4, protocolNumber } from './ipv4';

export interface TracePacket {
  /** The protocol number (6 tcp, 17 udp, 1 icmp, ...). */
  protocol: number;
  src: number;
  dst: number;
  /** 0 for protocols without ports. */
  srcPort: number;
  dstPort: number;
  inInterface: string;
  /** Size of the whole IP packet (what `packet-size` compares). */
  size: number;
  payload: Uint8Array;
  /** Seconds on the packets' clock (address-list timeouts, connection-rate). */
  time: number;
  /** How the user named it: the spec, or "frame N" of a capture. */
  label: string;
}

export class PacketSpecError extends Error {}

/** IP header plus the transport header the size is computed with when `size=` is not given. */
export function headerBytes(protocol: number): number {
  return 20 + (protocol === 6 ? 20 : protocol === 17 || protocol === 1 ? 8 : 0);
}

const hasPorts = (protocol: number): boolean => protocol === 6 || protocol === 17 || protocol === 132;

function endpoint(text: string, ports: boolean, spec: string): { address: number; port: number } {
  const colon = text.lastIndexOf(':');
  const addrText = ports && colon >= 0 ? text.slice(0, colon) : text;
  const address = parseIPv4(addrText);
  if (address === undefined)
    throw new PacketSpecError(`packet "${spec}": "${addrText}" is not an IPv4 address`);
  if (!ports) {
    if (colon >= 0)
      throw new PacketSpecError(`packet "${spec}": "${text}" has a port, the protocol has none`);
    return { address, port: 0 };
  }
  if (colon < 0) throw new PacketSpecError(`packet "${spec}": "${text}" needs a port (ADDRESS:PORT)`);
  const portText = text.slice(colon + 1);
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535)
    throw new PacketSpecError(`packet "${spec}": "${portText}" is not a port (0-65535)`);
  return { address, port: Number(portText) };
}

/** Bytes of a hex string (spaces, `:` and `-` between bytes allowed); errors name the position. */
export function parseHexBytes(text: string, spec: string): Uint8Array {
  const clean: number[] = [];
  const t = /^0x/i.test(text) ? text.slice(2) : text;
  let pending = -1;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === ':' || c === '-' || c === ' ') continue;
    if (!/[0-9a-fA-F]/.test(c))
      throw new PacketSpecError(`packet "${spec}": payload "${c}" at position ${i} is not a hex digit`);
    const v = parseInt(c, 16);
    if (pending < 0) pending = v;
    else {
      clean.push(pending * 16 + v);
      pending = -1;
    }
  }
  if (pending >= 0) throw new PacketSpecError(`packet "${spec}": payload has an odd number of hex digits`);
  return Uint8Array.from(clean);
}

/**
 * Reads "PROTO SRC[:PORT] > DST[:PORT] in=IFACE [size=N] [payload=HEX] [time=SECONDS]". `previousTime` is
 * the clock when `time=` is not given (the packet arrives at the same moment as the one before it).
 */
export function parsePacketSpec(spec: string, previousTime = 0): TracePacket {
  const words = spec.trim().split(/\s+/);
  if (words.length < 4 || words[2] !== '>')
    throw new PacketSpecError(
      `packet "${spec}": expected "PROTO SRC:PORT > DST:PORT in=IFACE [size=N] [payload=HEX] [time=SECONDS]"`,
    );
  const protocol = protocolNumber(words[0]);
  if (protocol === undefined)
    throw new PacketSpecError(
      `packet "${spec}": "${words[0]}" is not a protocol (tcp, udp, icmp or a number)`,
    );
  const ports = hasPorts(protocol);
  const src = endpoint(words[1], ports, spec);
  const dst = endpoint(words[3], ports, spec);
  let inInterface: string | undefined;
  let size: number | undefined;
  let payload: Uint8Array = new Uint8Array(0);
  let time = previousTime;
  for (const w of words.slice(4)) {
    const eq = w.indexOf('=');
    const key = eq > 0 ? w.slice(0, eq) : w;
    const value = eq > 0 ? w.slice(eq + 1) : '';
    switch (key) {
      case 'in':
        if (value === '') throw new PacketSpecError(`packet "${spec}": in= needs an interface name`);
        inInterface = value;
        break;
      case 'size':
        if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
          throw new PacketSpecError(`packet "${spec}": size "${value}" is not a byte count (20-65535)`);
        size = Number(value);
        break;
      case 'payload':
        payload = parseHexBytes(value, spec);
        break;
      case 'time':
        if (!/^\d+(\.\d+)?$/.test(value))
          throw new PacketSpecError(`packet "${spec}": time "${value}" is not a number of seconds`);
        time = Number(value);
        break;
      default:
        throw new PacketSpecError(
          `packet "${spec}": unknown part "${w}" (expected in=, size=, payload= or time=)`,
        );
    }
  }
  if (inInterface === undefined)
    throw new PacketSpecError(`packet "${spec}": in=IFACE is missing (the interface it arrives on)`);
  const minimum = headerBytes(protocol) + payload.length;
  if (size !== undefined && size < minimum)
    throw new PacketSpecError(
      `packet "${spec}": size=${size} is less than its headers and payload (${minimum} bytes)`,
    );
  return {
    protocol,
    src: src.address,
    dst: dst.address,
    srcPort: src.port,
    dstPort: dst.port,
    inInterface,
    size: size ?? minimum,
    payload,
    time,
    label: spec.trim(),
  };
}
