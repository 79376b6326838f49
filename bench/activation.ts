// Child process of the benchmark: load the extension's client bundle with a stub `vscode` module and call
// activate() with a stub language client start, which is what VS Code's activation time measures.
import Module from 'node:module';

// vscode-languageclient subclasses vscode's classes at load time, so every unknown name of the stub is a
// class whose static members are again stubs (enums read as undefined, which is fine here).
const stubClass = (): unknown => class {};
const known: Record<string, unknown> = {
  workspace: {
    getConfiguration: () => ({ get: () => undefined }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
  },
  window: {
    createOutputChannel: () => ({ appendLine() {}, append() {}, show() {}, dispose() {} }),
    createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
  },
  commands: { registerCommand: () => ({ dispose() {} }) },
};
const stubVscode = new Proxy(known, {
  get: (t, k: string) => (k in t ? t[k] : (t[k] = stubClass())),
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
  globalState: { get: () => undefined, update: async () => {} },
  workspaceState: { get: () => undefined, update: async () => {} },
  secrets: {
    get: async () => undefined,
    store: async () => {},
    delete: async () => {},
    onDidChange: () => ({ dispose() {} }),
  },
  globalStorageUri: { fsPath: '/tmp' },
  extensionUri: { fsPath: '/tmp' },
};
// The real client would spawn the server here; activation time is what the extension host waits for, and
// starting the client is asynchronous, so a rejected start (no real VS Code) is ignored after timing.
ext.activate(context).catch(() => undefined);
process.stdout.write(String(performance.now() - t0));
process.exit(0);
