// The language server over stdio, as Neovim, Helix or Emacs start it: the initialize handshake and its
// capabilities, malformed input that must never take the server down, and the shutdown/exit protocol.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  CodeActionRequest,
  ErrorCodes,
  ExitNotification,
  ResponseError,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver-protocol/node';
import { expected, testOptions } from './features';
import { fixtureUri, LspSession, readFixture } from './harness';

/** Sends `method` and returns the ResponseError it must fail with. */
async function expectError(
  lsp: LspSession,
  method: string,
  params?: unknown,
): Promise<ResponseError<unknown>> {
  try {
    const result = await lsp.connection.sendRequest(method, params);
    assert.fail(`${method} succeeded with ${JSON.stringify(result)}, expected an error response`);
  } catch (err) {
    if (err instanceof ResponseError) return err;
    throw err;
  }
}

/** Resolves true if `p` settles within `ms`, false otherwise (the request may simply have been lost). */
async function withinMs(ms: number, p: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((res) => (timer = setTimeout(() => res(false), ms)));
  const r = await Promise.race([p.then(() => true as const), late]);
  clearTimeout(timer);
  return r;
}

/** The server still answers requests: the cheapest proof that it survived what came before. */
async function assertAlive(lsp: LspSession): Promise<void> {
  const uri = fixtureUri('clean.rsc');
  const actions = await lsp.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [] },
  });
  assert.ok(Array.isArray(actions), `server answered ${JSON.stringify(actions)}`);
  assert.equal(lsp.child.exitCode, null, `server exited; stderr:\n${lsp.stderr}`);
}

describe('lsp over stdio: initialize', { timeout: 60_000 }, () => {
  let lsp: LspSession;
  let init: InitializeResult;
  before(async () => {
    lsp = new LspSession();
    init = await lsp.initialize();
  });
  after(() => lsp.kill());

  it('names itself and advertises incremental sync and code actions', () => {
    assert.equal(init.serverInfo?.name, 'routeros-rsc');
    const caps = init.capabilities;
    const sync =
      typeof caps.textDocumentSync === 'object' ? caps.textDocumentSync.change : caps.textDocumentSync;
    assert.equal(sync, TextDocumentSyncKind.Incremental);
    assert.ok(caps.codeActionProvider, 'codeActionProvider missing');
    const kinds =
      typeof caps.codeActionProvider === 'object' ? caps.codeActionProvider.codeActionKinds : undefined;
    assert.deepEqual([...(kinds ?? [])].sort(), ['quickfix', 'source.fixAll.routeros']);
  });

  it('advertises every capability that features.ts requires', () => {
    const caps = init.capabilities;
    const required: [keyof typeof expected, unknown][] = [
      ['completion', caps.completionProvider],
      ['hover', caps.hoverProvider],
      ['rename', caps.renameProvider],
      ['formatting', caps.documentFormattingProvider],
      ['semanticTokens', caps.semanticTokensProvider],
    ];
    const missing = required.filter(([f, cap]) => expected[f] === 'required' && !cap).map(([f]) => f);
    assert.deepEqual(
      missing,
      [],
      `required by test/lsp/features.ts but not advertised: ${missing.join(', ')}`,
    );
  });
});

describe('lsp over stdio: malformed input never crashes the server', { timeout: 120_000 }, () => {
  let lsp: LspSession;
  before(async () => {
    lsp = new LspSession();
    await lsp.initialize();
    await lsp.open(fixtureUri('clean.rsc'), readFixture('clean.rsc'));
  });
  after(() => lsp.kill());

  it('answers an unknown request with MethodNotFound', async () => {
    const err = await expectError(lsp, 'routeros/noSuchMethod', { x: 1 });
    assert.equal(err.code, ErrorCodes.MethodNotFound);
    await assertAlive(lsp);
  });

  it('ignores an unknown notification', async () => {
    await lsp.connection.sendNotification('routeros/noSuchNotification', { x: 1 });
    await lsp.connection.sendNotification('$/noSuchOptionalNotification', {});
    await assertAlive(lsp);
  });

  it('answers a request with bad params with an error response', async () => {
    // Missing textDocument/range/context entirely, and wrongly typed range/context for an open document.
    const uri = fixtureUri('clean.rsc');
    for (const params of [{}, { textDocument: { uri }, range: 'everything', context: null }]) {
      const err = await expectError(lsp, 'textDocument/codeAction', params);
      assert.equal(err.code, ErrorCodes.InvalidParams, `got ${err.code}: ${err.message}`);
    }
    await assertAlive(lsp);
  });

  it('answers a request for a document that is not open with an empty result', async () => {
    const actions = await lsp.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: 'file:///nowhere/not-open.rsc' },
      range: { start: { line: 3, character: 0 }, end: { line: 9, character: 9 } },
      context: { diagnostics: [] },
    });
    assert.deepEqual(actions, []);
  });

  it('survives a body that is not JSON and JSON that is no message', async () => {
    const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
    lsp.writeRaw(frame('{"jsonrpc":"2.0","id":777,"method":'));
    lsp.writeRaw(frame('[1,2,3]'));
    lsp.writeRaw(frame('"just a string"'));
    lsp.writeRaw(frame('{"jsonrpc":"2.0","id":{"nested":true},"method":"textDocument/hover"}'));
    await assertAlive(lsp);
    await assertAlive(lsp);
  });

  it('survives a broken header and answers again once the stream is framed again', async () => {
    // Bytes that arrive in the same chunk as a broken header may be dropped with it (the framing is lost),
    // so ask a few times, each bounded; the server must neither exit nor stay deaf.
    lsp.writeRaw('this is not a header\r\n\r\n');
    let answered = false;
    for (let attempt = 0; attempt < 5 && !answered; attempt++) {
      answered = await withinMs(2_000, assertAlive(lsp));
    }
    assert.ok(answered, `server stopped answering after a broken header; stderr:\n${lsp.stderr}`);
    assert.equal(lsp.child.exitCode, null);
  });

  it(
    'answers a body that is not JSON with a ParseError response',
    testOptions('parseErrorResponse'),
    async () => {
      const before = lsp.clientLog.length;
      const body = '{"jsonrpc":"2.0","id":778,"method":';
      lsp.writeRaw(`Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`);
      await assertAlive(lsp);
      const logged = lsp.clientLog.slice(before).join('\n');
      assert.match(logged, /-32700/, `no ParseError response arrived; client log:\n${logged}`);
    },
  );

  it('survives didChange/didClose for documents it never saw', async () => {
    await lsp.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: 'file:///nowhere/x.rsc', version: 5 },
      contentChanges: [
        { range: { start: { line: 9, character: 0 }, end: { line: 9, character: 1 } }, text: 'x' },
      ],
    });
    await lsp.connection.sendNotification('textDocument/didClose', {
      textDocument: { uri: 'file:///nowhere/y.rsc' },
    });
    await assertAlive(lsp);
  });
});

describe('lsp over stdio: shutdown and exit', { timeout: 120_000 }, () => {
  it('exits with code 0 after shutdown + exit', async () => {
    const lsp = new LspSession();
    try {
      await lsp.initialize();
      assert.equal(await lsp.shutdown(), 0, `stderr:\n${lsp.stderr}`);
    } finally {
      lsp.kill();
    }
  });

  it('exits with code 1 on exit without shutdown (LSP specification)', async () => {
    const lsp = new LspSession();
    try {
      await lsp.initialize();
      await lsp.connection.sendNotification(ExitNotification.type);
      assert.equal(await lsp.waitForExit(), 1, `stderr:\n${lsp.stderr}`);
    } finally {
      lsp.kill();
    }
  });

  it('exits when the editor closes its stdin', async () => {
    const lsp = new LspSession();
    try {
      await lsp.initialize();
      lsp.child.stdin.end();
      const code = await lsp.waitForExit();
      assert.notEqual(code, null, 'killed by a signal instead of exiting');
    } finally {
      lsp.kill();
    }
  });

  it('exits when the editor process named in initialize dies (no orphaned servers)', async () => {
    // A stand-in "editor" that lives only until we end it; the server polls processId and must follow.
    const editor = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const lsp = new LspSession();
    try {
      const uri = 'file:///tmp';
      await lsp.connection.sendRequest('initialize', {
        processId: editor.pid,
        rootUri: uri,
        capabilities: {},
      });
      await lsp.connection.sendNotification('initialized', {});
      editor.kill('SIGKILL');
      const code = await lsp.waitForExit();
      assert.notEqual(code, null, 'killed by a signal instead of exiting');
    } finally {
      editor.kill('SIGKILL');
      lsp.kill();
    }
  });
});
