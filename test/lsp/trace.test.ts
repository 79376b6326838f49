// The two custom requests behind "Show Mangle Flow" and "Trace Packet…" over stdio: the flow picture's
// data of an open document, a trace of typed packets, a capture replay with hit counts, and the error for
// a bad packet spec.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LspSession } from './harness';
import { frame, ipPacket, writePcap, LINK_TYPES } from '../../server/src/l7/pcap-writer';

const TEXT = [
  '/ip address add address=192.168.88.1/24 interface=lan',
  '/ip address add address=92.50.1.2/24 interface=wan',
  '/ip route add gateway=92.50.1.1',
  '/ip firewall mangle add chain=forward protocol=udp action=mark-packet new-packet-mark=voip',
  '/ip firewall nat add chain=srcnat out-interface=wan action=masquerade',
  '/queue tree add name=voice parent=global packet-mark=voip',
  '',
].join('\n');

interface Graph {
  lanes: { chain: string; rules: { line: number; hits: number | null }[] }[];
  markQueues: { mark: string; queues: string[] }[];
  packets: { queues: string[]; packetMark: string | null }[];
}

describe('lsp over stdio: flow picture and packet trace', { timeout: 120_000 }, () => {
  let lsp: LspSession;
  const uri = 'file:///trace-test.rsc';
  before(async () => {
    lsp = new LspSession();
    await lsp.initialize();
    await lsp.open(uri, TEXT);
  });
  after(() => lsp.kill());

  it('routeros/flowGraph: lanes, marks into queues, no hit counts', async () => {
    const g = await lsp.connection.sendRequest<Graph>('routeros/flowGraph', { uri });
    assert.deepEqual(
      g.lanes.map((l) => l.chain),
      ['forward', 'srcnat'],
    );
    assert.deepEqual(g.markQueues, [{ mark: 'voip', queues: ['voice'] }]);
    assert.equal(g.lanes[0].rules[0].hits, null);
  });

  it('routeros/trace: typed packets give the path, marks and queue', async () => {
    const r = await lsp.connection.sendRequest<{ graph: Graph; json: { packets: { verdict: string }[] } }>(
      'routeros/trace',
      { uri, packets: ['udp 192.168.88.10:5000 > 8.8.8.8:53 in=lan'] },
    );
    assert.deepEqual(r.graph.packets[0].queues, ['voice']);
    assert.equal(r.graph.packets[0].packetMark, 'voip');
    assert.equal(r.json.packets[0].verdict, 'accept');
  });

  it('routeros/trace: a capture replay counts hits per rule', async () => {
    const udp = ipPacket({
      src: '192.168.88.10',
      dst: '8.8.8.8',
      sport: 5000,
      dport: 53,
      payload: [1],
      protocol: 'udp',
    });
    const tcp = ipPacket({
      src: '192.168.88.10',
      dst: '8.8.8.8',
      sport: 5001,
      dport: 80,
      payload: [],
      protocol: 'tcp',
    });
    const pcap = writePcap(
      [{ data: frame(udp, 'ethernet') }, { data: frame(tcp, 'ethernet') }, { data: frame(udp, 'ethernet') }],
      {
        linkType: LINK_TYPES.ethernet,
      },
    );
    const r = await lsp.connection.sendRequest<{ graph: Graph; hits: [number, number][]; capture: boolean }>(
      'routeros/trace',
      {
        uri,
        pcap: { name: 'c.pcap', base64: Buffer.from(pcap).toString('base64'), iface: 'lan' },
      },
    );
    assert.equal(r.capture, true);
    assert.deepEqual(r.hits, [
      [4, 2],
      [5, 2],
    ]);
    assert.deepEqual(
      r.graph.lanes.flatMap((l) => l.rules.map((x) => [x.line, x.hits])),
      [
        [4, 2],
        [5, 2],
      ],
    );
  });

  it('routeros/trace: a bad packet spec comes back as an error naming it', async () => {
    const r = await lsp.connection.sendRequest<{ error?: string }>('routeros/trace', {
      uri,
      packets: ['udp 192.168.88.10:5000 > 8.8.8.8:53 in=ether9'],
    });
    assert.match(r.error ?? '', /packet "udp .* in=ether9": unknown interface "ether9"/);
  });
});
