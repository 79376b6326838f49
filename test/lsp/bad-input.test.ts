// Malformed requests and notifications through `rsc lsp --stdio`, found by fuzzing: each is refused in
// one place (lsp/validate.ts) with a plain message, and the server keeps serving. Also: a file too big to
// lint while typing is announced once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ErrorCodes,
  HoverRequest,
  LogMessageNotification,
  ResponseError,
  ShowMessageNotification,
  type LogMessageParams,
  type ResponseMessage,
  type ShowMessageParams,
} from 'vscode-languageserver-protocol/node';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, fixtureUri, LspSession, readFixture, repoRoot, WAIT_MS } from './harness';

async function expectError(
  lsp: LspSession,
  method: string,
  params: unknown,
): Promise<ResponseError<unknown>> {
  try {
    const result = await lsp.connection.sendRequest(method, params);
    assert.fail(`${method} succeeded with ${JSON.stringify(result)}, expected an error response`);
  } catch (err) {
    if (err instanceof ResponseError) return err;
    throw err;
  }
}

/** A plain message: names the method and the field, and is no JavaScript error text. */
function assertPlain(message: string): void {
  assert.doesNotMatch(message, /TypeError|Cannot read|undefined|is not a function|at .*\.js/, message);
}

/** Starts a server, initializes it by hand and returns its answer (id 2) to the raw message `body`. */
function rawRequest(body: string): Promise<ResponseMessage> {
  ensureBuilt();
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'rsc.js'), 'lsp', '--stdio'], {
    stdio: 'pipe',
  });
  const frame = (b: string) => `Content-Length: ${Buffer.byteLength(b)}\r\n\r\n${b}`;
  child.stdin.write(
    frame('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"capabilities":{}}}'),
  );
  child.stdin.write(frame(body));
  return new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`no answer within ${WAIT_MS} ms; got:\n${out}`));
    }, WAIT_MS);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
      for (const m of out.matchAll(/Content-Length: (\d+)\r\n\r\n/g)) {
        const start = (m.index ?? 0) + m[0].length;
        if (Buffer.byteLength(out.slice(start)) < Number(m[1])) break; // the rest has not arrived yet
        const msg = JSON.parse(out.slice(start, start + Number(m[1]))) as ResponseMessage | null;
        if (msg?.id === 2) {
          clearTimeout(timer);
          child.kill();
          res(msg);
          return;
        }
      }
    });
  });
}

describe('lsp over stdio: bad params', { timeout: 120_000 }, () => {
  let lsp: LspSession;
  const logs: LogMessageParams[] = [];
  const shown: ShowMessageParams[] = [];
  before(async () => {
    lsp = new LspSession();
    lsp.connection.onNotification(LogMessageNotification.type, (p) => void logs.push(p));
    lsp.connection.onNotification(ShowMessageNotification.type, (p) => void shown.push(p));
    await lsp.initialize();
  });
  after(() => lsp.kill());

  /** The server still lints: open a document with a syntax error and wait for its diagnostics. */
  async function assertServing(name: string): Promise<void> {
    const uri = `file:///bad-input/${name}.rsc`;
    await lsp.open(uri, readFixture('syntax-error.rsc'));
    const d = await lsp.waitForDiagnostics(uri, { version: 1, accept: (ds) => ds.length > 0 });
    assert.ok(d.length > 0);
    assert.equal(lsp.child.exitCode, null, `server exited; stderr:\n${lsp.stderr}`);
  }

  for (const [what, text] of [
    ['null', null],
    ['a number', 42],
    ['missing', undefined],
  ] as const) {
    it(`survives a didOpen whose text is ${what}, and says why it ignored it`, async () => {
      const uri = `file:///bad-input/open-${what.replace(/\W/g, '')}.rsc`;
      const before = logs.length;
      const textDocument: Record<string, unknown> = { uri, languageId: 'routeros', version: 1 };
      if (text !== undefined) textDocument.text = text;
      await lsp.connection.sendNotification('textDocument/didOpen', { textDocument });
      await assertServing(`after-open-${what.replace(/\W/g, '')}`);
      const said = logs.slice(before).map((l) => l.message);
      assert.ok(
        said.some((m) => m.includes('textDocument/didOpen: params.textDocument.text must be a string')),
        JSON.stringify(said),
      );
      said.forEach(assertPlain);
      // Nothing was published for the refused document.
      assert.equal(
        lsp.published.some((p) => p.uri === uri),
        false,
      );
    });
  }

  it('answers hover with params null with InvalidParams and a plain message', async () => {
    // The client library never sends `params: null`, so this one goes over a raw connection.
    const reply = await rawRequest('{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":null}');
    assert.equal(reply.error?.code, ErrorCodes.InvalidParams, JSON.stringify(reply));
    assert.match(reply.error?.message ?? '', /textDocument\/hover: params must be an object, not null/);
    assertPlain(reply.error?.message ?? '');
    const err = await expectError(lsp, HoverRequest.method, []);
    assert.equal(err.code, ErrorCodes.InvalidParams);
    assertPlain(err.message);
    await assertServing('after-hover-null');
  });

  it('answers requests with ill-typed positions with InvalidParams', async () => {
    const uri = fixtureUri('clean.rsc');
    await lsp.open(uri, readFixture('clean.rsc'));
    for (const position of [
      { line: 0.5, character: 0 },
      { line: -1, character: 0 },
      { line: '0', character: 0 },
      null,
    ]) {
      const err = await expectError(lsp, 'textDocument/completion', { textDocument: { uri }, position });
      assert.equal(err.code, ErrorCodes.InvalidParams, JSON.stringify(position));
      assertPlain(err.message);
    }
    const err = await expectError(lsp, 'textDocument/codeAction', {});
    assert.equal(err.code, ErrorCodes.InvalidParams);
    assert.match(err.message, /params\.textDocument must be an object, not missing/);
  });

  it('refuses a didChange with a fractional position, so its copy of the document stays right', async () => {
    const uri = 'file:///bad-input/fractional.rsc';
    await lsp.open(uri, ':put 1\n:put 2\n:put 3\n');
    await lsp.waitForDiagnostics(uri, { version: 1 });
    const before = logs.length;
    await lsp.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 0.5, character: 0 }, end: { line: 0.5, character: 0 } }, text: '"\n' },
      ],
    });
    // A correct edit after it, as the editor's copy sees the text: break line 3 (0-based 2).
    const v = await lsp.edit(uri, [
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: ')' },
    ]);
    const d = await lsp.waitForDiagnostics(uri, { version: v, accept: (ds) => ds.length > 0 });
    assert.deepEqual(
      d.map((x) => x.range.start.line),
      [2],
      `the server's text went wrong: ${JSON.stringify(d)}`,
    );
    const said = logs.slice(before).map((l) => l.message);
    assert.ok(
      said.some((m) =>
        /didChange: params\.contentChanges\[0\]\.range\.start\.line must be a whole number/.test(m),
      ),
      JSON.stringify(said),
    );
  });

  it('tells the user once when a file is too big to lint while typing', async () => {
    const uri = 'file:///bad-input/huge.rsc';
    const line = '# ' + 'x'.repeat(97) + '\n';
    const text = line.repeat(80_001); // just over 8 million characters of comments: cheap to lint
    await lsp.open(uri, text);
    await lsp.waitForDiagnostics(uri, { version: 1 });
    const v = await lsp.edit(uri, [
      { range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, newText: '#' },
    ]);
    await lsp.waitForDiagnostics(uri, { version: v });
    const about = shown.filter((s) => s.message.includes('huge.rsc'));
    assert.equal(about.length, 1, JSON.stringify(shown));
    assert.match(
      about[0].message,
      /8\.0 million characters, more than the 8 million the editor can lint while you type/,
    );
  });
});
