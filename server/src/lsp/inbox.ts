// Which received messages the connection has not handled yet. The JSON-RPC library reads every message
// as it arrives and queues it, then handles one per turn of the event loop; a lint (tens of milliseconds,
// uninterruptible) that starts while a completion or newer keystrokes sit in that queue makes them wait
// and covers an outdated version. The diagnostics scheduler asks `busy()` before it starts a lint.
import type {
  DataCallback,
  Disposable,
  Event,
  Message,
  MessageReader,
  MessageStrategy,
  NotificationMessage,
  PartialMessageInfo,
} from 'vscode-languageserver/node';

const CANCEL = '$/cancelRequest';

export class Inbox {
  /** Messages passed to the connection and not yet handed to a handler. */
  private readonly waiting = new Set<Message>();

  /**
   * For the connection's options: sees each message as the connection starts handling it. Every queued
   * message leaves the queue this way (a request cancelled while queued too: the library's default, which
   * the server keeps, is to hand it on and let the handler see the cancelled token).
   */
  readonly strategy: MessageStrategy = {
    handleMessage: (message, next) => {
      this.waiting.delete(message);
      return next(message);
    },
  };

  /** True while messages wait to be handled. */
  readonly busy = (): boolean => this.waiting.size > 0;

  /** Wraps the reader the connection listens to, noting every message it passes on. */
  watch(inner: MessageReader): MessageReader {
    const listen = (callback: DataCallback): Disposable =>
      inner.listen((msg: Message) => {
        // A cancellation is never handed on when its request is running (the library cancels the request's
        // token at once), so it is not counted; the request itself, queued or not, is.
        if ((msg as Partial<NotificationMessage>).method !== CANCEL) this.waiting.add(msg);
        callback(msg);
      });
    return {
      get onError(): Event<Error> {
        return inner.onError;
      },
      get onClose(): Event<void> {
        return inner.onClose;
      },
      get onPartialMessage(): Event<PartialMessageInfo> {
        return inner.onPartialMessage;
      },
      listen,
      dispose: () => inner.dispose(),
    };
  }
}
