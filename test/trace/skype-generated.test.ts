// Issue 21's first end-to-end case with the recipe as `rsc gen skype-nack` writes it (not the hand-written
// fixture): RouterOS 7's default configuration plus the generated recipe, for several address sets and
// queue kinds. The voice packet must not be fast-tracked, must carry the Skype marks and must be shaped by
// the Skype queue the generator made; the client's first packet (before any NAck) goes to the default child.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateSkypeNack, type SkypeNackOptions } from '../../server/src/codegen';
import { traceScenario, withDefconf } from './skype-scenario';

const cases: { name: string; options: SkypeNackOptions; upload: string[]; firstQueue: string[] }[] = [
  {
    name: 'one /32, queue tree (default), pattern chosen by measurement',
    options: { publicIps: ['92.50.1.2/32'], upload: '20M', download: '100M' },
    upload: ['skype-upload'],
    firstQueue: ['skype-upload-other'],
  },
  {
    name: 'two /8 ranges (the strict pattern is chosen)',
    options: { publicIps: ['92.0.0.0/8', '213.0.0.0/8'], upload: '10M', download: '50M' },
    upload: ['skype-upload'],
    firstQueue: ['skype-upload-other'],
  },
  {
    name: 'tolerant pattern forced',
    options: { publicIps: ['92.50.1.2/32'], upload: '20M', download: '100M', pattern: 'tolerant' },
    upload: ['skype-upload'],
    firstQueue: ['skype-upload-other'],
  },
];

for (const c of cases) {
  test(`defconf + generated recipe (${c.name}): voice packet marked, shaped, not fast-tracked`, () => {
    const recipe = generateSkypeNack(c.options).rsc;
    const [first, nack, voice] = traceScenario(withDefconf(recipe));
    assert.equal(first.packetMark, null);
    assert.deepEqual(first.queues, c.firstQueue);
    assert.deepEqual(
      nack.addressLists.map((l) => l.list + ' ' + l.address),
      ['skype 77.88.99.10'],
    );
    assert.equal(nack.packetMark, 'skype');
    for (const p of [first, nack, voice]) {
      assert.equal(p.fasttracked, false);
      assert.deepEqual(p.notModelled, []);
      assert.equal(p.verdict, 'accept');
    }
    assert.equal(voice.connectionMark, 'conn_skype');
    assert.equal(voice.packetMark, 'skype');
    assert.deepEqual(voice.queues, c.upload);
  });
}

test('a NAck carrying another public address lists nobody and leaves the call unshaped', () => {
  const recipe = generateSkypeNack({ publicIps: ['213.45.67.89/32'], upload: '20M', download: '100M' }).rsc;
  const [, nack, voice] = traceScenario(withDefconf(recipe));
  assert.deepEqual(nack.addressLists, []);
  assert.equal(voice.packetMark, null);
  assert.notDeepEqual(voice.queues, ['skype-upload']);
});
