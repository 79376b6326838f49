// VS Code integration tests (run inside VS Code's extension host by @vscode/test-electron, see
// scripts/test-e2e.mjs): activation, diagnostics, the L7 quick fix, completion, and the two commands.
// Features test/lsp/features.ts does not require yet run too; their failure is reported as pending.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { commandIds, expected, type Feature } from '../../lsp/features';

// mocha's tdd interface, as globals mocha sets before it loads this file (typed here, see index.ts).
interface TestThis {
  skip(): never;
}
interface Tdd {
  suite(name: string, fn: () => void): void;
  suiteSetup(fn: () => Promise<void>): void;
  test(name: string, fn: (this: TestThis) => Promise<void>): void;
}
const { suite, suiteSetup, test } = globalThis as unknown as Tdd;

const EXTENSION_ID = 'routeros-rsc.routeros-rsc';
const WAIT_MS = 30_000;

/** A test of a feature: must pass once required; before that a failure is reported as pending (TODO). */
function featureTest(name: string, feature: Feature, body: () => Promise<void>): void {
  test(`${name}${expected[feature] === 'todo' ? ` [TODO until ${feature} is required]` : ''}`, async function () {
    if (expected[feature] === 'required') return body();
    try {
      await body();
    } catch (err) {
      console.log(`    TODO ${feature}: ${String((err as Error).message).split('\n')[0]}`);
      this.skip();
    }
  });
}

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test runner opens a workspace folder with the fixtures');
  return vscode.Uri.joinPath(folder.uri, name);
}

function code(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

/** Waits (bounded) until the diagnostics of `uri` satisfy `accept`, and returns them. */
async function diagnostics(
  uri: vscode.Uri,
  accept: (d: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
  const end = Date.now() + WAIT_MS;
  for (;;) {
    const d = vscode.languages.getDiagnostics(uri);
    if (accept(d)) return d;
    if (Date.now() > end)
      assert.fail(`timed out waiting for ${what} in ${uri.fsPath}; have: ${JSON.stringify(d)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs a command that asks through quick inputs and cancels every input it shows until it returns. */
async function runAndCancel(command: string): Promise<void> {
  let settled = false;
  const running = Promise.resolve(vscode.commands.executeCommand(command)).finally(() => (settled = true));
  const end = Date.now() + WAIT_MS;
  while (!settled && Date.now() < end) {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(settled, `${command} did not return after its inputs were cancelled`);
  await running;
}

async function open(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

suite('RouterOS extension in VS Code', () => {
  suiteSetup(async () => {
    // Keep the fixtures unchanged between runs: every edit below is reverted or made in an untitled file.
    await vscode.workspace
      .getConfiguration('files')
      .update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  });

  test('activates when a .rsc file is opened, with language id routeros', async () => {
    const doc = await open('syntax-error.rsc');
    assert.equal(doc.languageId, 'routeros');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in the test instance`);
    const end = Date.now() + WAIT_MS;
    while (!ext.isActive && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    assert.ok(ext.isActive, 'the extension did not activate on a routeros document');
  });

  test('shows the syntax error of `add chain=forward # note` with code, source and severity', async () => {
    const doc = await open('syntax-error.rsc');
    const diags = await diagnostics(
      doc.uri,
      (d) => d.some((x) => /^RSC1\d{3}$/.test(code(x))),
      'an RSC1nnn error',
    );
    const d = diags.find((x) => /^RSC1\d{3}$/.test(code(x)))!;
    assert.equal(d.source, 'routeros');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.range.start.line, 2);
  });

  featureTest('links diagnostics to their rule page (code target)', 'ruleDocLinks', async () => {
    const doc = await open('syntax-error.rsc');
    const diags = await diagnostics(doc.uri, (d) => d.length > 0, 'diagnostics');
    for (const d of diags) {
      assert.ok(typeof d.code === 'object' && d.code.target, `no rule link on ${code(d)}`);
      assert.match(d.code.target.path, new RegExp(`${code(d)}\\.md$`));
    }
  });

  featureTest(
    'quick-fixes a single-backslash \\xd5 in a layer-7 regexp (RSC3001)',
    'l7Escaping',
    async () => {
      const doc = await open('l7-escape.rsc');
      try {
        const diags = await diagnostics(doc.uri, (d) => d.some((x) => code(x) === 'RSC3001'), 'RSC3001');
        const d = diags.find((x) => code(x) === 'RSC3001')!;
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          doc.uri,
          d.range,
          vscode.CodeActionKind.QuickFix.value,
        );
        const fix = actions.find((a) => a.diagnostics?.some((x) => code(x) === 'RSC3001') && a.edit);
        assert.ok(fix?.edit, `no quick fix with an edit: ${actions.map((a) => a.title)}`);
        assert.equal(fix.isPreferred, true);
        assert.ok(await vscode.workspace.applyEdit(fix.edit));
        assert.match(doc.getText(), /regexp="\^\\\\xd5"/);
        await diagnostics(doc.uri, (x) => !x.some((y) => code(y) === 'RSC3001'), 'RSC3001 to go away');
      } finally {
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    },
  );

  featureTest('fixes all safe problems (source.fixAll.routeros)', 'l7Escaping', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'routeros',
      content: '/ip firewall layer7-protocol\nadd name=a regexp="^\\xd5"\nadd name=b regexp="^\\x4a\\x3a"\n',
    });
    await vscode.window.showTextDocument(doc);
    await diagnostics(doc.uri, (d) => d.some((x) => code(x) === 'RSC3001'), 'RSC3001');
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      whole,
      vscode.CodeActionKind.SourceFixAll.value,
    );
    const all = actions.find((a) => a.kind?.value === 'source.fixAll.routeros');
    assert.ok(all?.edit, `no fix-all action: ${actions.map((a) => a.kind?.value)}`);
    assert.ok(await vscode.workspace.applyEdit(all.edit));
    assert.equal(
      doc.getText(),
      '/ip firewall layer7-protocol\nadd name=a regexp="^\\\\xd5"\nadd name=b regexp="^\\\\x4a\\\\x3a"\n',
    );
  });

  featureTest('completes menu names after a path', 'completion', async () => {
    // No other word of the document may equal the expected item: VS Code also offers document words.
    const doc = await vscode.workspace.openTextDocument({ language: 'routeros', content: '/ip fire' });
    await vscode.window.showTextDocument(doc);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(0, 8),
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('firewall'), `no 'firewall' among ${labels.slice(0, 30)}`);
  });

  // --- The two commands (they land with the codegen and deploy work; ids in test/lsp/features.ts). ---

  featureTest(`contributes and registers ${commandIds.generate}`, 'generateCommand', async () => {
    const all = await vscode.commands.getCommands(true);
    assert.ok(all.includes(commandIds.generate), `${commandIds.generate} is not registered`);
    // The command asks questions through quick inputs (typed into in the code-server UI test); here it
    // must start and cancel cleanly.
    await runAndCancel(commandIds.generate);
  });

  featureTest('the generated Skype NAck QoS example is clean in the editor', 'generateCommand', async () => {
    // examples/skype-nack-qos.rsc is what the command generates with the documented defaults. A known
    // syntax error is appended so that its arrival proves the server has linted this very text.
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const bytes = await vscode.workspace.fs.readFile(
      vscode.Uri.joinPath(ext.extensionUri, 'examples', 'skype-nack-qos.rsc'),
    );
    const text = Buffer.from(bytes).toString('utf8');
    const doc = await vscode.workspace.openTextDocument({
      language: 'routeros',
      content: `${text}\n/ip firewall filter\nadd chain=forward # note\n`,
    });
    await vscode.window.showTextDocument(doc);
    const marker = doc.lineCount - 2;
    const diags = await diagnostics(
      doc.uri,
      (d) => d.some((x) => x.range.start.line === marker),
      'the appended syntax error',
    );
    const bad = diags.filter(
      (d) =>
        d.range.start.line !== marker &&
        (d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning),
    );
    assert.deepEqual(
      bad.map((d) => `${d.range.start.line + 1}: ${code(d)} ${d.message}`),
      [],
    );
  });

  featureTest(`contributes and registers ${commandIds.push}`, 'pushCommand', async () => {
    const all = await vscode.commands.getCommands(true);
    assert.ok(all.includes(commandIds.push), `${commandIds.push} is not registered`);
    // NOT DONE: a push against the test SSH server (test/ssh) from inside VS Code needs a router profile,
    // its host key and a secret set up through the deploy client's settings; the deploy tests in test/ssh
    // cover the push itself. This test only proves the command is there and cancels cleanly.
    await runAndCancel(commandIds.push);
  });
});
