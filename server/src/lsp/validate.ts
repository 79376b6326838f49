// The one gate every incoming message passes before a handler sees it: the params of each method the
// server handles are checked against the shape the handler reads. A request with bad params is answered
// InvalidParams with a plain message; a notification with bad params is dropped and reported to the
// editor's log. Handlers can then trust their params (a didOpen whose text was null used to kill the
// server from the diagnostics timer; a fractional line left a wrong line table behind).
import type {
  DataCallback,
  Disposable,
  Event,
  Message,
  MessageReader,
  MessageWriter,
  NotificationMessage,
  PartialMessageInfo,
  RequestMessage,
  ResponseMessage,
} from 'vscode-languageserver/node';

/** Returns a description of what is wrong with `v` (at `path`), or undefined when it is fine. */
type Check = (v: unknown, path: string) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const describe = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'an array'
      : typeof v === 'number'
        ? String(v)
        : typeof v === 'string'
          ? 'a string'
          : v === undefined
            ? 'missing'
            : `a ${typeof v}`;

const any: Check = () => undefined;
const str: Check = (v, p) =>
  typeof v === 'string' ? undefined : `${p} must be a string, not ${describe(v)}`;
const bool: Check = (v, p) =>
  typeof v === 'boolean' ? undefined : `${p} must be true or false, not ${describe(v)}`;
/** LSP's `integer`. */
const int: Check = (v, p) =>
  Number.isSafeInteger(v) ? undefined : `${p} must be an integer, not ${describe(v)}`;
/** LSP's `uinteger` (0 .. 2^31 - 1): lines, characters, lengths. */
const uint: Check = (v, p) =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 2147483647
    ? undefined
    : `${p} must be a whole number from 0 to 2147483647, not ${describe(v)}`;
const optional =
  (c: Check): Check =>
  (v, p) =>
    v === undefined ? undefined : c(v, p);
const nullable =
  (c: Check): Check =>
  (v, p) =>
    v === null ? undefined : c(v, p);
const obj =
  (fields: Record<string, Check>): Check =>
  (v, p) => {
    if (!isObject(v)) return `${p} must be an object, not ${describe(v)}`;
    for (const [k, c] of Object.entries(fields)) {
      const bad = c(v[k], `${p}.${k}`);
      if (bad) return bad;
    }
    return undefined;
  };
const array =
  (c: Check, max = 100_000): Check =>
  (v, p) => {
    if (!Array.isArray(v)) return `${p} must be an array, not ${describe(v)}`;
    if (v.length > max) return `${p} has ${v.length} entries, more than ${max}`;
    for (let i = 0; i < v.length; i++) {
      const bad = c(v[i], `${p}[${i}]`);
      if (bad) return bad;
    }
    return undefined;
  };
const either =
  (a: Check, b: Check): Check =>
  (v, p) => {
    const ea = a(v, p);
    return ea === undefined || b(v, p) === undefined ? undefined : ea;
  };

const position = obj({ line: uint, character: uint });
const range = obj({ start: position, end: position });
const doc = obj({ uri: str });
const atPosition = { textDocument: doc, position };
const contentChange: Check = (v, p) =>
  isObject(v) && 'range' in v
    ? obj({ range, rangeLength: optional(uint), text: str })(v, p)
    : obj({ text: str })(v, p);

/** The params each handled method reads. Methods not listed go to the library as they are. */
export const PARAMS: Readonly<Record<string, Check>> = {
  initialize: obj({
    processId: optional(nullable(int)),
    capabilities: optional(obj({})),
    initializationOptions: any,
  }),
  'textDocument/didOpen': obj({ textDocument: obj({ uri: str, languageId: str, version: int, text: str }) }),
  'textDocument/didChange': obj({
    textDocument: obj({ uri: str, version: int }),
    contentChanges: array(contentChange),
  }),
  'textDocument/didClose': obj({ textDocument: doc }),
  'textDocument/didSave': obj({ textDocument: doc, text: optional(str) }),
  'workspace/didChangeConfiguration': obj({}),
  'textDocument/completion': obj(atPosition),
  'textDocument/hover': obj(atPosition),
  'textDocument/definition': obj(atPosition),
  'textDocument/references': obj({ ...atPosition, context: obj({ includeDeclaration: bool }) }),
  'textDocument/documentHighlight': obj(atPosition),
  'textDocument/prepareRename': obj(atPosition),
  'textDocument/rename': obj({ ...atPosition, newName: str }),
  'textDocument/signatureHelp': obj(atPosition),
  'textDocument/documentSymbol': obj({ textDocument: doc }),
  'textDocument/foldingRange': obj({ textDocument: doc }),
  'textDocument/selectionRange': obj({ textDocument: doc, positions: array(position) }),
  'textDocument/formatting': obj({ textDocument: doc, options: obj({ tabSize: uint, insertSpaces: bool }) }),
  'textDocument/rangeFormatting': obj({
    textDocument: doc,
    range,
    options: obj({ tabSize: uint, insertSpaces: bool }),
  }),
  'textDocument/semanticTokens/full': obj({ textDocument: doc }),
  'textDocument/semanticTokens/range': obj({ textDocument: doc, range }),
  'textDocument/codeAction': obj({
    textDocument: doc,
    range,
    context: obj({
      diagnostics: array(obj({ range, code: optional(either(str, int)) })),
      only: optional(array(str)),
    }),
  }),
  'workspace/symbol': obj({ query: str }),
  'routeros/mangleFlow': obj({ uri: str }),
  'routeros/l7PatternAt': obj({ uri: str, position }),
  '$/cancelRequest': obj({ id: either(int, str) }),
  '$/setTrace': obj({ value: str }),
};

/** What is wrong with the params of `method`, or undefined when the server may handle them. */
export function checkParams(method: string, params: unknown): string | undefined {
  const check = PARAMS[method];
  if (!check) return undefined;
  const bad = check(params, 'params');
  return bad && `${method}: ${bad}`;
}

/** JSON-RPC's InvalidParams. */
export const INVALID_PARAMS = -32602;

/**
 * A MessageReader that passes on only messages whose params fit their method. A request that does not
 * is answered here (InvalidParams), a notification that does not is reported as a log message; neither
 * reaches the connection.
 */
export class ValidatingReader implements MessageReader {
  constructor(
    private readonly inner: MessageReader,
    private readonly writer: MessageWriter,
  ) {}

  get onError(): Event<Error> {
    return this.inner.onError;
  }

  get onClose(): Event<void> {
    return this.inner.onClose;
  }

  get onPartialMessage(): Event<PartialMessageInfo> {
    return this.inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((msg: Message) => {
      const m = msg as Partial<RequestMessage & NotificationMessage>;
      if (typeof m.method !== 'string') return callback(msg);
      const bad = checkParams(m.method, m.params);
      if (bad === undefined) return callback(msg);
      if (m.id !== undefined) {
        const reply: ResponseMessage = {
          jsonrpc: '2.0',
          id: m.id,
          error: { code: INVALID_PARAMS, message: `Invalid params: ${bad}` },
        };
        void this.writer.write(reply);
      } else {
        const log: NotificationMessage = {
          jsonrpc: '2.0',
          method: 'window/logMessage',
          params: { type: 1, message: `Ignored a notification with invalid params: ${bad}` },
        };
        void this.writer.write(log);
      }
    });
  }

  dispose(): void {
    this.inner.dispose();
  }
}
