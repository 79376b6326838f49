// Writes the layer-7 sample captures into test/l7/fixtures/ (run: npx tsx test/l7/make-fixtures.ts), for
// trying `rsc l7 test --pcap` by hand. Tests build the same captures in memory and do not need the files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { frame, LINK_TYPES, nackScenario, writePcap, writePcapng } from '../../server/src/l7/pcap-writer';

const dir = join(__dirname, 'fixtures');
mkdirSync(dir, { recursive: true });
const s = nackScenario();
writeFileSync(
  join(dir, 'skype-nack.pcap'),
  writePcap(
    s.packets.map((p) => ({ data: frame(p, 'ethernet') })),
    { linkType: LINK_TYPES.ethernet },
  ),
);
writeFileSync(
  join(dir, 'skype-nack-vlan.pcapng'),
  writePcapng(
    [{ linkType: LINK_TYPES.ethernet }],
    s.packets.map((p) => ({ data: frame(p, 'ethernet', [20]) })),
  ),
);
writeFileSync(
  join(dir, 'skype-nack-sll2.pcap'),
  writePcap(
    s.packets.map((p) => ({ data: frame(p, 'sll2') })),
    { linkType: LINK_TYPES.sll2 },
  ),
);
