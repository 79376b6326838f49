// The thread's pattern against the generated one, through `rsc l7 test` exactly as a user runs it: a
// payload with a pipe byte anywhere matches the thread's `[\\\\|\\xd5]` (the overmatch), while the
// generator's pattern for the same public ranges ignores it and still matches a real NAck.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { l7Command } from '../../server/src/cli/l7';
import type { CliIO } from '../../server/src/cli/io';
import { generateSkypeNack } from '../../server/src/codegen/qos/skype-nack';

async function l7(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const io: CliIO = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (out += t),
    readFile: () => Buffer.alloc(0),
    env: {},
    isTTY: false,
  };
  const code = await l7Command(['test', ...args], io);
  return { code, out };
}

// Unrelated traffic: a DNS-like payload with a 0x7C ('|') in the middle.
const pipePayload = '00017c0203040506';
// A NAck for 213.45.6.7: 3 bytes, the address at payload offset 3, 4 more bytes (no zeros).
const nack = '0201abd52d0607112233aa';

test('the thread pattern overmatches a pipe byte anywhere; the generated pattern does not', async () => {
  const thread = await l7(['--regexp', '[\\\\\\\\|\\\\xd5]', '--hex', pipePayload]);
  assert.equal(thread.code, 0, thread.out);
  assert.match(thread.out, /MATCH/);

  const generated = generateSkypeNack({ publicIps: ['213.0.0.0/8', '92.0.0.0/8'], queue: { kind: 'none' } })
    .pattern.cli;
  const noise = await l7(['--regexp', generated, '--hex', pipePayload]);
  assert.equal(noise.code, 1, noise.out);
  assert.doesNotMatch(noise.out, /: MATCH/);

  const real = await l7(['--regexp', generated, '--hex', `<0a0b0c0d0e`, '--reply', nack]);
  assert.equal(real.code, 0, real.out);
});
