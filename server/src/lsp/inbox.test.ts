// The inbox over a real JSON-RPC connection (in memory, no process): messages read but not yet handed to
// a handler are waiting; once the connection has handed them on (or answered a cancelled one), none are.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import {
  CancellationTokenSource,
  createMessageConnection,
  NotificationType,
  NotificationType0,
  RequestType,
  RequestType0,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver/node';
import { Inbox } from './inbox';

const Echo = new RequestType<string, string, void>('test/echo');
const Note = new NotificationType<number>('test/note');
const Hold = new RequestType0<string, void>('test/hold');
const Started = new NotificationType0('test/started');

/** A server connection watched by an inbox, and a client connection talking to it. */
function pair() {
  const up = new PassThrough();
  const down = new PassThrough();
  const inbox = new Inbox();
  const server = createMessageConnection(
    inbox.watch(new StreamMessageReader(up)),
    new StreamMessageWriter(down),
    undefined,
    { messageStrategy: inbox.strategy },
  );
  const client = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  return { inbox, server, client };
}

const close = (...cs: MessageConnection[]) => cs.forEach((c) => c.dispose());

describe('inbox', () => {
  it('is busy while received messages wait to be handled, and idle once they are', async () => {
    const { inbox, server, client } = pair();
    const seen: string[] = [];
    server.onRequest(Echo, (s) => (seen.push(`echo ${inbox.busy()}`), s));
    server.onNotification(Note, (n) => void seen.push(`note ${n} ${inbox.busy()}`));
    server.listen();
    client.listen();
    try {
      assert.equal(inbox.busy(), false);
      // Written in one turn of the event loop: the server reads all three before it handles the first.
      const sent = [client.sendNotification(Note, 1), client.sendNotification(Note, 2)];
      assert.equal(await client.sendRequest(Echo, 'x'), 'x');
      await Promise.all(sent);
      assert.deepEqual(seen, ['note 1 true', 'note 2 true', 'echo false']);
      assert.equal(inbox.busy(), false);
    } finally {
      close(server, client);
    }
  });

  it('counts no cancellation as waiting: of a queued request, of a running one, of an answered one', async () => {
    const { inbox, server, client } = pair();
    const seen: boolean[] = [];
    server.onRequest(Echo, (s) => (seen.push(inbox.busy()), s));
    // A request that runs until the client says so (its handler awaits, the thread is free meanwhile).
    let finish!: () => void;
    server.onRequest(Hold, async () => {
      await new Promise<void>((res) => {
        finish = res;
        void server.sendNotification(Started);
      });
      return 'held';
    });
    server.listen();
    const started = new Promise<void>((res) => client.onNotification(Started, () => res()));
    client.listen();
    try {
      // Cancelled while it waits in the queue: the library still hands it on (with a cancelled token).
      const queuedCancel = new CancellationTokenSource();
      const queued = client.sendRequest(Echo, 'a', queuedCancel.token).catch((e: Error) => e);
      queuedCancel.cancel();
      await queued;
      // Cancelled while its handler runs: the library cancels the token and keeps the cancellation.
      const runningCancel = new CancellationTokenSource();
      const held = client.sendRequest(Hold, runningCancel.token).catch((e: Error) => e);
      await started;
      runningCancel.cancel();
      // Answered after the cancellation was read: whatever the library did with it is done.
      assert.equal(await client.sendRequest(Echo, 'b'), 'b');
      finish();
      await held;
      // Cancelled after its answer: the library drops the cancellation.
      const lateCancel = new CancellationTokenSource();
      assert.equal(await client.sendRequest(Echo, 'c', lateCancel.token), 'c');
      lateCancel.cancel();
      assert.equal(await client.sendRequest(Echo, 'd'), 'd');
      // No cancellation was ever waiting when a request was handled, and none is left.
      assert.deepEqual(seen, [false, false, false, false]);
      assert.equal(inbox.busy(), false);
    } finally {
      close(server, client);
    }
  });
});
