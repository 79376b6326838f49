// The Skype NAck scenario of issue 21, shared by the end-to-end tests (and any later test that generates
// the recipe instead of reading the committed fixture): a LAN client's first UDP packet to a peer, the
// peer's 39-byte NAck to the router's public address (92.50.1.2, carried at payload offset 3), then a
// voice packet. `traceScenario(config)` is (config text, packets) -> report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { traceConfigText } from '../../server/src/features/trace';
import type { PacketReport } from '../../server/src/analysis/trace';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'trace');

export const readTraceFixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

/** RouterOS 7's default configuration followed by `extra` (as if imported after it). */
export const withDefconf = (extra: string): string => `${readTraceFixture('defconf.rsc')}${extra}`;

/** 11 bytes: 3 bytes, the public address 92.50.1.2 (5c 32 01 02), 4 more bytes. */
export const NACK_PAYLOAD = '02010a' + '5c320102' + '11223344';

export const SKYPE_PACKETS: readonly string[] = [
  'udp 192.168.88.10:50000 > 77.88.99.10:40000 in=ether2 size=120 time=0',
  `udp 77.88.99.10:40000 > 92.50.1.2:50000 in=ether1 size=39 payload=${NACK_PAYLOAD} time=0.05`,
  'udp 192.168.88.10:50000 > 77.88.99.10:40000 in=ether2 size=100 time=0.1',
];

export function traceScenario(config: string, packets: readonly string[] = SKYPE_PACKETS): PacketReport[] {
  return traceConfigText(config, packets).report.packets;
}
