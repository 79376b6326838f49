// Running a trace over a configuration's text or parse, and reading a capture's packets for it: what the
// `rsc trace` command, the editor's "Trace Packet…" request and the tests share. Pure (bytes in, reports out).
import { parse, type ParseResult } from '../syntax';
import { schemaOracle } from '../lint/oracle';
import { parseTime } from '../schema/time';
import { decodeFrame, readCapture, linkTypeName } from '../l7';
import {
  capturePacket,
  checkInterfaces,
  parseIPv4,
  parsePacketSpec,
  PacketSpecError,
  runTrace,
  traceSetup,
  type TracePacket,
  type TraceReport,
} from '../analysis/trace';

const seconds = (t: string): number | undefined => {
  const ms = parseTime(t);
  return ms === undefined ? undefined : ms / 1000;
};

/** Parses and replays: the function the tests and the editor share (config text, packets) -> report. */
export function traceConfigText(
  text: string,
  packets: readonly (string | TracePacket)[],
): { report: TraceReport; hits: ReadonlyMap<number, number> } {
  return traceParsed(parse(text, { commandOracle: schemaOracle }), text, packets);
}

/** The same over an existing parse (the editor's document). Throws PacketSpecError on bad packets. */
export function traceParsed(
  parsed: ParseResult,
  text: string,
  packets: readonly (string | TracePacket)[],
): { report: TraceReport; hits: ReadonlyMap<number, number> } {
  const setup = traceSetup(parsed, text, seconds);
  const list: TracePacket[] = [];
  let time = 0;
  for (const p of packets) {
    const tp = typeof p === 'string' ? parsePacketSpec(p, time) : p;
    time = tp.time;
    list.push(tp);
  }
  checkInterfaces(setup, list);
  return runTrace(setup, list, seconds);
}

/** The TCP/UDP IPv4 packets of a capture; a CaptureError becomes a usage error with its byte offset. */
export function capturePackets(bytes: Uint8Array, iface: string, file: string): TracePacket[] {
  const cap = readCapture(bytes);
  if (cap.error !== undefined)
    throw new PacketSpecError(`${file}: ${cap.error.message} (byte offset ${cap.error.offset})`);
  const out: TracePacket[] = [];
  const start = cap.frames[0]?.time ?? 0;
  for (const f of cap.frames) {
    const d = decodeFrame(f);
    if ('unsupported' in d)
      throw new PacketSpecError(
        `${file}: frame ${f.index} at byte offset ${f.offset} has ${linkTypeName(d.unsupported)}, which rsc cannot read; capture on an Ethernet, Linux cooked (SLL/SLL2) or raw IP interface`,
      );
    if (!('packet' in d) || d.packet.ipVersion !== 4) continue;
    const tp = capturePacket(d.packet, iface, parseIPv4, start);
    if (tp) out.push(tp);
  }
  return out;
}
