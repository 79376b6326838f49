// Child process of the benchmark: load the extension's client bundle with a stub `vscode` module and call
// activate(), which is what VS Code's activation time measures; then load the language client chunk that
// activate() loads right after it returns, timed on its own.
import Module from 'node:module';
import { dirname, join } from 'node:path';

// A stub `vscode`: every name is a "deep stub", a function that can also be called or constructed and
// whose every property is again a deep stub, so `vscode.languages.createDiagnosticCollection()`,
// `new vscode.EventEmitter()` and `vscode.StatusBarAlignment.Left` all work. esbuild's ESM interop copies
// the module's own names once at load time, so the top-level names the client reads are listed.
const deepStub = (): unknown =>
  new Proxy(function stub() {}, {
    get: (target, key) =>
      key === 'then'
        ? undefined
        : key === Symbol.toPrimitive
          ? () => 0
          : ((target as never)[key] ?? deepStub()),
    apply: () => deepStub(),
    construct: () => deepStub() as object,
  });
const known: Record<string, unknown> = {
  workspace: {
    getConfiguration: () => ({ get: () => undefined }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
  },
  window: {
    createOutputChannel: () => ({ appendLine() {}, append() {}, show() {}, dispose() {} }),
    createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
    onDidChangeActiveTextEditor: () => ({ dispose() {} }),
  },
  commands: { registerCommand: () => ({ dispose() {} }) },
};
// The namespaces with real answers fall back to deep stubs for everything else they are asked.
for (const name of Object.keys(known))
  known[name] = new Proxy(known[name] as object, {
    get: (t, k) => (k in t ? (t as Record<string | symbol, unknown>)[k] : deepStub()),
  });
// The other top-level names the client reads while it loads and activates.
const STUBBED =
  'languages env extensions Uri StatusBarAlignment ConfigurationTarget ProgressLocation EventEmitter CodeLens';
for (const name of `${STUBBED} DiagnosticSeverity Disposable Diagnostic Range`.split(' '))
  known[name] = deepStub();
const stubVscode = new Proxy(known, {
  get: (t, k: string) => (k in t ? t[k] : (t[k] = deepStub())),
});
const loader = Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown };
const original = loader._load;
loader._load = (req: string, ...rest: unknown[]) => (req === 'vscode' ? stubVscode : original(req, ...rest));

const t0 = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ext = require(process.argv[2]) as { activate: (ctx: unknown) => Promise<void> };
const context = {
  subscriptions: [] as unknown[],
  asAbsolutePath: (p: string) => p,
  globalState: { get: (_k: string, d?: unknown) => d, update: async () => {} },
  workspaceState: { get: (_k: string, d?: unknown) => d, update: async () => {} },
  secrets: {
    get: async () => undefined,
    store: async () => {},
    delete: async () => {},
    onDidChange: () => ({ dispose() {} }),
  },
  globalStorageUri: { fsPath: '/tmp' },
  extensionUri: { fsPath: '/tmp' },
};
// What VS Code reports as activation time: loading the extension and the synchronous part of activate().
// The language client then loads as a chunk of its own (client/src/language-client.ts) and would spawn
// the server; that start is asynchronous, so a rejected start (no real VS Code) is ignored after timing.
ext.activate(context).catch(() => undefined);
const activation = performance.now() - t0;
// The chunk activate() loads right after returning, timed on its own: the extension host still pays it.
const t1 = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(join(dirname(process.argv[2]), 'lazy', 'language-client.js'));
const chunk = performance.now() - t1;
process.stdout.write(JSON.stringify({ activation, chunk }));
process.exit(0);
