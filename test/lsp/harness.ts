// Test client for the language server as editors run it: `node bin/rsc.js lsp --stdio` in a child process,
// driven over JSON-RPC with vscode-languageserver-protocol. It keeps every published diagnostic, answers
// the requests a real client answers (configuration, registration), and applies workspace edits locally.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';

export const repoRoot = resolve(__dirname, '..', '..');
export const fixturesDir = join(__dirname, 'fixtures');
export const cliPath = join(repoRoot, 'dist', 'cli.js');

/** How long to wait for something the server should do at once. Generous: CI machines are slow. */
export const WAIT_MS = 20_000;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (name.endsWith('.ts')) newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

/**
 * Makes sure dist/cli.js exists and is newer than the server and client sources (`npm test` builds first,
 * so this only builds when a test file is run on its own). A lock directory keeps two test files that run
 * in parallel from building at the same time.
 */
export function ensureBuilt(): void {
  const stale = () =>
    !existsSync(cliPath) ||
    statSync(cliPath).mtimeMs <
      Math.max(newestMtime(join(repoRoot, 'server', 'src')), newestMtime(join(repoRoot, 'client', 'src')));
  if (!stale()) return;
  mkdirSync(join(repoRoot, 'dist'), { recursive: true });
  const lock = join(repoRoot, 'dist', '.build-lock');
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building: wait for it (bounded), then use its result.
      if (i > 600) throw new Error(`build lock ${lock} held too long; remove it if no build is running`);
      spawnSync(process.execPath, ['-e', 'setTimeout(() => {}, 100)']);
    }
  }
  try {
    if (!stale()) return;
    const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}

export function fixtureUri(name: string): string {
  return pathToFileURL(join(fixturesDir, name)).toString();
}

export function readFixture(name: string): string {
  return readFileSync(join(fixturesDir, name), 'utf8');
}

/** Client capabilities close to what VS Code sends, so the server takes the same code paths. */
export const clientCapabilities: ClientCapabilities = {
  workspace: {
    configuration: true,
    applyEdit: true,
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
  },
  textDocument: {
    synchronization: { didSave: true, dynamicRegistration: true },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      codeDescriptionSupport: true,
      dataSupport: true,
      tagSupport: { valueSet: [1, 2] },
    },
    codeAction: {
      isPreferredSupport: true,
      codeActionLiteralSupport: {
        codeActionKind: {
          valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll', 'source.organizeImports'],
        },
      },
    },
    completion: {
      completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] },
      contextSupport: true,
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    rename: { prepareSupport: true },
    formatting: {},
    semanticTokens: {
      requests: { full: true, range: true },
      tokenTypes: [
        'namespace',
        'type',
        'function',
        'variable',
        'parameter',
        'property',
        'keyword',
        'string',
        'number',
        'comment',
        'operator',
        'regexp',
        'enumMember',
        'macro',
      ],
      tokenModifiers: [
        'declaration',
        'definition',
        'readonly',
        'deprecated',
        'modification',
        'defaultLibrary',
      ],
      formats: ['relative'],
    },
  },
};

/** One language server process and a JSON-RPC connection to it. */
export class LspSession {
  readonly child: ChildProcessWithoutNullStreams;
  readonly connection: ProtocolConnection;
  /** Everything the server wrote to stderr: shown when a test fails. */
  stderr = '';
  /** Every publishDiagnostics notification, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** What the client side of the connection logged (e.g. a response without id). */
  readonly clientLog: string[] = [];
  /** Settings answered to workspace/configuration requests. */
  settings: Record<string, unknown> = {};
  readonly exited: Promise<number | null>;
  private listeners: (() => void)[] = [];
  private readonly texts = new Map<string, { text: string; version: number }>();

  constructor(extraArgs: string[] = []) {
    ensureBuilt();
    this.child = spawn(process.execPath, [join(repoRoot, 'bin', 'rsc.js'), 'lsp', '--stdio', ...extraArgs], {
      cwd: repoRoot,
      stdio: 'pipe',
    });
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (s: string) => (this.stderr += s));
    this.exited = new Promise((res) => this.child.on('exit', (code) => res(code)));
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.child.stdout),
      new StreamMessageWriter(this.child.stdin),
      {
        error: (m) => this.clientLog.push(m),
        warn: (m) => this.clientLog.push(m),
        info: (m) => this.clientLog.push(m),
        log: (m) => this.clientLog.push(m),
      },
    );
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      this.notify();
    });
    this.connection.onRequest(ConfigurationRequest.type, (p) =>
      p.items.map((item) => (item.section === 'routeros' ? this.settings : null)),
    );
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(UnregistrationRequest.type, () => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    // The connection reports a closed pipe as an error; the exit code tells the tests what happened.
    this.connection.onError(() => undefined);
    this.connection.listen();
  }

  /** Writes raw bytes to the server's stdin (for malformed-message tests). */
  writeRaw(data: string): void {
    this.child.stdin.write(data);
  }

  async initialize(capabilities: ClientCapabilities = clientCapabilities): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(fixturesDir).toString(),
      workspaceFolders: [{ uri: pathToFileURL(fixturesDir).toString(), name: 'fixtures' }],
      capabilities,
      initializationOptions: { settings: this.settings },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(uri: string, text: string, languageId = 'routeros'): Promise<void> {
    this.texts.set(uri, { text, version: 1 });
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  text(uri: string): string {
    const t = this.texts.get(uri);
    if (!t) throw new Error(`${uri} is not open`);
    return t.text;
  }

  version(uri: string): number {
    return this.texts.get(uri)?.version ?? 0;
  }

  /** Sends edits as incremental changes (last edit first, as editors do) and returns the new version. */
  async edit(uri: string, edits: readonly TextEdit[]): Promise<number> {
    const doc = this.texts.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    const sorted = sortEditsDescending(doc.text, edits);
    const changes: TextDocumentContentChangeEvent[] = sorted.map((e) => ({
      range: e.range,
      text: e.newText,
    }));
    doc.text = applyEdits(doc.text, edits);
    doc.version += 1;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: doc.version },
      contentChanges: changes,
    });
    return doc.version;
  }

  /** Replaces the whole text (a full-document change) and returns the new version. */
  async replaceAll(uri: string, text: string): Promise<number> {
    const doc = this.texts.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    doc.text = text;
    doc.version += 1;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: doc.version },
      contentChanges: [{ text }],
    });
    return doc.version;
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Applies a workspace edit to the open documents (both `changes` and `documentChanges` forms). */
  async applyWorkspaceEdit(edit: WorkspaceEdit): Promise<void> {
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) await this.edit(uri, edits);
    for (const dc of edit.documentChanges ?? []) {
      if (!('textDocument' in dc)) throw new Error(`unsupported resource operation ${JSON.stringify(dc)}`);
      const edits = dc.edits.map((e) => ('newText' in e ? { range: e.range, newText: e.newText } : e));
      await this.edit(dc.textDocument.uri, edits as TextEdit[]);
    }
  }

  /**
   * Waits for the latest diagnostics of `uri` (for `version` if given) and returns them once `accept`
   * holds. Fails with what did arrive, and the server's stderr, after WAIT_MS.
   */
  waitForDiagnostics(
    uri: string,
    opts: { version?: number; accept?: (d: Diagnostic[]) => boolean; what?: string } = {},
  ): Promise<Diagnostic[]> {
    const accept = opts.accept ?? (() => true);
    const latest = () => {
      for (let i = this.published.length - 1; i >= 0; i--) {
        if (this.published[i].uri === uri) return this.published[i];
      }
      return undefined;
    };
    const matches = () => {
      const p = latest();
      if (!p) return undefined;
      if (opts.version !== undefined && p.version !== undefined && p.version !== opts.version)
        return undefined;
      return accept(p.diagnostics) ? p.diagnostics : undefined;
    };
    return new Promise((res, rej) => {
      const done = (fn: () => void) => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== check);
        fn();
      };
      const check = () => {
        const m = matches();
        if (m) done(() => res(m));
      };
      const timer = setTimeout(
        () =>
          done(() =>
            rej(
              new Error(
                `no diagnostics ${opts.what ?? ''} for ${uri}${opts.version ? ` version ${opts.version}` : ''} within ${WAIT_MS} ms.\n` +
                  `Last published: ${JSON.stringify(latest() ?? null, null, 1)}\nServer stderr:\n${this.stderr}`,
              ),
            ),
          ),
        WAIT_MS,
      );
      this.listeners.push(check);
      check();
    });
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Polite end: shutdown request, exit notification; returns the exit code. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    return this.waitForExit();
  }

  /** Waits (bounded) for the process to end; kills it and fails if it does not. */
  async waitForExit(): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((res) => (timer = setTimeout(() => res('timeout'), WAIT_MS)));
    const r = await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    if (r === 'timeout') {
      this.child.kill('SIGKILL');
      throw new Error(`server did not exit within ${WAIT_MS} ms.\nServer stderr:\n${this.stderr}`);
    }
    this.connection.dispose();
    return r;
  }

  /** Last-resort cleanup for after() hooks. */
  kill(): void {
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

/** 0-based UTF-16 offset of a line/character position in `text`. */
export function offsetAt(text: string, pos: Position): number {
  let line = 0;
  let i = 0;
  while (line < pos.line) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) return text.length;
    i = nl + 1;
    line++;
  }
  const lineEnd = text.indexOf('\n', i);
  const end = lineEnd < 0 ? text.length : lineEnd;
  return Math.min(i + pos.character, end);
}

/** Line/character position of a 0-based UTF-16 offset in `text`. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Position of the first occurrence of `needle` (plus `delta` characters); throws if absent. */
export function positionOf(text: string, needle: string, delta = 0): Position {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`fixture does not contain ${JSON.stringify(needle)}`);
  return positionAt(text, i + delta);
}

function sortEditsDescending(text: string, edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
}

/** Applies LSP text edits (all relative to the original text, non-overlapping) to `text`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  let lastStart = Infinity;
  for (const e of sortEditsDescending(text, edits)) {
    const s = offsetAt(text, e.range.start);
    const end = offsetAt(text, e.range.end);
    if (end > lastStart) throw new Error(`overlapping edits: ${JSON.stringify(edits)}`);
    out = out.slice(0, s) + e.newText + out.slice(end);
    lastStart = s;
  }
  return out;
}

/** Start a server and initialize it; the caller shuts it down. */
export async function startInitialized(): Promise<{ lsp: LspSession; init: InitializeResult }> {
  const lsp = new LspSession();
  const init = await lsp.initialize();
  return { lsp, init };
}
