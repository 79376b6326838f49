// One connection as the layer-7 matcher sees it ("l7-filter semantics"): payloads of both directions are
// appended in arrival order into one buffer, NUL bytes removed and ASCII letters lower-cased, for the first
// packets only; the pattern is searched over the whole buffer after each packet, and a match sticks.
import { dfaFor, type DfaScan, type LazyDfa } from './dfa';
import { searchProgram } from './engine';
import { type L7Pattern } from './pattern';

/*
 * Details taken from the l7-filter kernel matcher, which the RouterOS manual's description matches:
 * - Packets are counted from the connection's first one, empty ones (TCP handshake, bare ACKs) included;
 *   packet number 11 and later are not appended and never evaluated.
 * - The buffer is a C string of `bufferSize` (2048) bytes, so it holds at most bufferSize - 1 = 2047 bytes of
 *   data. The copy loop counts payload bytes *before* removing NULs against the free space, so a payload
 *   with NULs can fill less than the free space when it reaches the limit.
 * - A packet that adds no byte (empty payload, only NULs, or a full buffer) is not evaluated at all.
 * - A pattern that does not compile never matches; the data is still collected.
 */

export type Direction = 'orig' | 'reply';

export interface ConnectionLimits {
  /** Packets of the connection the matcher looks at (default 10). */
  maxPackets: number;
  /** Size of the data buffer, terminator included (default 2048: 2047 bytes of data). */
  bufferSize: number;
}

export const DEFAULT_LIMITS: Readonly<ConnectionLimits> = { maxPackets: 10, bufferSize: 2048 };

/** Where a buffer byte came from: the packet (0-based, in this connection) and the offset in its payload. */
export interface ByteOrigin {
  packet: number;
  offset: number;
}

export interface MatchLocation {
  /** Buffer offsets (after NUL removal), end exclusive. */
  bufferStart: number;
  bufferEnd: number;
  /** Origin of the first and last matched byte; null for an empty match. */
  first: ByteOrigin | null;
  last: ByteOrigin | null;
  /** The packet being evaluated when the match happened. */
  packet: number;
}

export type PacketStatus =
  | 'matched' // this packet made the connection match
  | 'no-match' // evaluated, no match yet
  | 'no-new-data' // nothing appended, so not evaluated
  | 'over-packet-limit' // beyond maxPackets: not looked at
  | 'already-matched' // the connection matched earlier; the result sticks
  | 'pattern-invalid'; // collected, but the pattern does not compile

export interface PacketVerdict {
  packet: number;
  direction: Direction;
  payloadLength: number;
  /** Bytes added to the buffer; NULs removed; bytes cut off because the buffer was full. */
  appended: number;
  nulsRemoved: number;
  cutOff: number;
  status: PacketStatus;
  /** Whether the connection is classified after this packet. */
  matched: boolean;
  /** Set on the packet that made it match. */
  match?: MatchLocation;
  /** Regex work for this packet (instructions executed). */
  steps: number;
}

export class L7Connection {
  private readonly data: Uint8Array;
  /**
   * The packets that added bytes: where their bytes start in the buffer and their payload. The origin of a
   * buffer byte is worked out from these when asked (a display need), so collecting writes nothing per byte.
   */
  private readonly appendedFrom: { packet: number; bufferStart: number; payload: Uint8Array }[] = [];
  private length = 0;
  private packets = 0;
  private result: MatchLocation | null = null;
  /** Where the DFA stopped on this buffer: the next evaluation reads only the bytes added since. */
  private scanned: { dfa: LazyDfa; at: DfaScan } | undefined;
  readonly limits: ConnectionLimits;

  constructor(
    readonly pattern: L7Pattern,
    limits: Partial<ConnectionLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.data = new Uint8Array(Math.max(this.limits.bufferSize, 1));
  }

  /** The bytes collected so far, as the regex sees them. */
  get buffer(): Uint8Array {
    return this.data.subarray(0, this.length);
  }

  get packetCount(): number {
    return this.packets;
  }

  get match(): MatchLocation | null {
    return this.result;
  }

  origin(bufferIndex: number): ByteOrigin | null {
    if (bufferIndex < 0 || bufferIndex >= this.length) return null;
    let k = this.appendedFrom.length - 1;
    while (k > 0 && this.appendedFrom[k].bufferStart > bufferIndex) k--;
    const from = this.appendedFrom[k];
    // Walk the payload, skipping NULs as collecting did, to the byte that landed at bufferIndex.
    let at = from.bufferStart;
    for (let i = 0; i < from.payload.length; i++) {
      if (from.payload[i] === 0) continue;
      if (at === bufferIndex) return { packet: from.packet, offset: i };
      at++;
    }
    return null;
  }

  /** Offers the next packet of the connection (in arrival order) to the matcher. */
  add(payload: Uint8Array, direction: Direction = 'orig'): PacketVerdict {
    const packet = this.packets++;
    const base = {
      packet,
      direction,
      payloadLength: payload.length,
      appended: 0,
      nulsRemoved: 0,
      cutOff: 0,
      steps: 0,
    };
    if (this.result !== null) return { ...base, status: 'already-matched', matched: true };
    if (this.packets > this.limits.maxPackets)
      return { ...base, status: 'over-packet-limit', matched: false };

    const room = this.limits.bufferSize - this.length - 1;
    const bufferStart = this.length;
    const data = this.data;
    let length = this.length;
    let i = 0;
    let nuls = 0;
    const last = Math.min(room, payload.length);
    for (; i < last; i++) {
      const b = payload[i];
      if (b === 0) {
        nuls++;
        continue;
      }
      data[length++] = b >= 0x41 && b <= 0x5a ? b + 0x20 : b;
    }
    this.length = length;
    if (length > bufferStart) this.appendedFrom.push({ packet, bufferStart, payload });
    const appended = i - nuls;
    const cutOff = payload.length - i;
    const counts = { ...base, appended, nulsRemoved: nuls, cutOff };
    if (appended === 0) return { ...counts, status: 'no-new-data', matched: false };
    if (this.pattern.program === null) return { ...counts, status: 'pattern-invalid', matched: false };

    // One pass over the bytes added since the last evaluation decides; only a match runs the Pike VM, which
    // finds where it is (over the whole buffer, as the reference's regexec would).
    const dfa = dfaFor(this.pattern.engine, this.pattern.program);
    const at = dfa.scan(
      this.data,
      this.length,
      this.scanned !== undefined && this.scanned.dfa === dfa ? this.scanned.at : undefined,
    );
    if (at.verdict === false) {
      this.scanned = { dfa, at };
      return { ...counts, steps: at.read, status: 'no-match', matched: false };
    }
    this.scanned = undefined;
    const pike = searchProgram(this.pattern.program, this.data, this.length);
    const found = { match: pike.match, steps: at.read + pike.steps };
    if (found.match === null) return { ...counts, steps: found.steps, status: 'no-match', matched: false };
    const { start, end } = found.match;
    this.result = {
      bufferStart: start,
      bufferEnd: end,
      first: end > start ? this.origin(start) : null,
      last: end > start ? this.origin(end - 1) : null,
      packet,
    };
    return { ...counts, steps: found.steps, status: 'matched', matched: true, match: this.result };
  }
}

/** Runs a whole connection (payloads in arrival order) and returns each packet's verdict. */
export function runConnection(
  pattern: L7Pattern,
  packets: readonly { payload: Uint8Array; direction: Direction }[],
  limits: Partial<ConnectionLimits> = {},
): { verdicts: PacketVerdict[]; match: MatchLocation | null; buffer: Uint8Array; connection: L7Connection } {
  const connection = new L7Connection(pattern, limits);
  const verdicts = packets.map((p) => connection.add(p.payload, p.direction));
  return { verdicts, match: connection.match, buffer: connection.buffer, connection };
}
