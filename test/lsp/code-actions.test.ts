// Code actions over stdio: the quick fix for a diagnostic and "Fix all" (source.fixAll.routeros), applied
// the way an editor applies them (incremental didChange), then the diagnostics are checked again.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CodeActionKind,
  CodeActionRequest,
  type CodeAction,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { testOptions } from './features';
import { clientCapabilities, fixtureUri, LspSession, readFixture } from './harness';

const isRsc3001 = (d: Diagnostic) => d.code === 'RSC3001';

async function codeActions(
  lsp: LspSession,
  uri: string,
  range: Diagnostic['range'],
  diagnostics: Diagnostic[],
  only?: string[],
): Promise<CodeAction[]> {
  const result = await lsp.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range,
    context: { diagnostics, only, triggerKind: only ? 1 : 2 },
  });
  assert.ok(Array.isArray(result), `codeAction answered ${JSON.stringify(result)}`);
  // We advertise codeActionLiteralSupport, so bare Commands would be a server bug.
  for (const a of result)
    assert.ok('kind' in a || 'edit' in a, `not a CodeAction literal: ${JSON.stringify(a)}`);
  return result as CodeAction[];
}

describe('lsp over stdio: code actions', { timeout: 120_000 }, () => {
  let lsp: LspSession;
  before(async () => {
    lsp = new LspSession();
    await lsp.initialize();
  });
  after(() => lsp.kill());

  it('offers nothing to fix in a clean script', async () => {
    const uri = fixtureUri('clean.rsc');
    await lsp.open(uri, readFixture('clean.rsc'));
    await lsp.waitForDiagnostics(uri, { version: 1 });
    const whole = { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } };
    assert.deepEqual(await codeActions(lsp, uri, whole, []), []);
    assert.deepEqual(await codeActions(lsp, uri, whole, [], [CodeActionKind.SourceFixAll]), []);
    await lsp.close(uri);
  });

  it(
    'quick-fixes a single-backslash \\xd5 in a layer-7 regexp (RSC3001)',
    testOptions('l7Escaping'),
    async () => {
      const uri = fixtureUri('l7-escape.rsc');
      await lsp.open(uri, readFixture('l7-escape.rsc'));
      const diags = await lsp.waitForDiagnostics(uri, { version: 1 });
      const d = diags.find(isRsc3001);
      assert.ok(d, `no RSC3001 among ${JSON.stringify(diags, null, 1)}`);
      const actions = await codeActions(lsp, uri, d.range, [d]);
      const fix = actions.find((a) => a.kind === CodeActionKind.QuickFix && a.diagnostics?.some(isRsc3001));
      assert.ok(fix, `no quick fix for RSC3001 among ${JSON.stringify(actions, null, 1)}`);
      assert.equal(fix.isPreferred, true, 'a safe fix should be the preferred one (Ctrl+. applies it)');
      assert.match(fix.title, / \(safe\)$/, 'the title says the fix is safe');
      assert.ok(fix.edit, 'the quick fix should carry its edit');
      // Quick fixes are for the requested range only: fix-all must not be mixed in when only quickfix is asked.
      const onlyQuick = await codeActions(lsp, uri, d.range, [d], [CodeActionKind.QuickFix]);
      assert.ok(
        onlyQuick.every((a) => a.kind === CodeActionKind.QuickFix),
        JSON.stringify(onlyQuick),
      );

      await lsp.applyWorkspaceEdit(fix.edit);
      assert.match(lsp.text(uri), /regexp="\^\\\\xd5"/, `after the fix:\n${lsp.text(uri)}`);
      const after = await lsp.waitForDiagnostics(uri, { version: lsp.version(uri) });
      assert.ok(!after.some(isRsc3001), `RSC3001 still reported after the fix: ${JSON.stringify(after)}`);
      await lsp.close(uri);
    },
  );

  it('fixes all safe problems with source.fixAll.routeros', testOptions('l7Escaping'), async () => {
    const uri = 'file:///virtual/fix-all.rsc';
    const text =
      '/ip firewall layer7-protocol\nadd name=a regexp="^\\xd5"\nadd name=b regexp="^\\x4a\\x3a"\n';
    await lsp.open(uri, text);
    const diags = await lsp.waitForDiagnostics(uri, { version: 1 });
    assert.ok(diags.some(isRsc3001), `no RSC3001 among ${JSON.stringify(diags, null, 1)}`);
    const whole = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
    for (const only of [[CodeActionKind.SourceFixAll], ['source.fixAll.routeros'], [CodeActionKind.Source]]) {
      const actions = await codeActions(lsp, uri, whole, diags, only);
      assert.equal(actions.length, 1, `only=${only}: ${JSON.stringify(actions)}`);
      assert.equal(actions[0].kind, 'source.fixAll.routeros');
    }
    const [fixAll] = await codeActions(lsp, uri, whole, diags, [CodeActionKind.SourceFixAll]);
    await lsp.applyWorkspaceEdit(fixAll.edit!);
    assert.equal(
      lsp.text(uri),
      '/ip firewall layer7-protocol\nadd name=a regexp="^\\\\xd5"\nadd name=b regexp="^\\\\x4a\\\\x3a"\n',
    );
    const after = await lsp.waitForDiagnostics(uri, { version: lsp.version(uri) });
    assert.ok(!after.some((d) => isRsc3001(d) || d.code === 'RSC3010'), JSON.stringify(after));
    // Nothing safe is left, so a second fix-all offers nothing.
    assert.deepEqual(await codeActions(lsp, uri, whole, after, [CodeActionKind.SourceFixAll]), []);
  });

  it("the thread's file: suggestions say they need review; Fix All explains why it has nothing safe", async () => {
    const uri = 'file:///virtual/thread.rsc';
    const text =
      '/ip firewall layer7-protocol\nadd name=skypenack regexp="[\\\\\\\\|\\\\xd5]"\n' +
      '/ip firewall mangle\nadd action=add-src-to-address-list address-list=skype address-list-timeout=1h ' +
      'chain=forward layer7-protocol=skypenack packet-size=39 protocol=udp\n';
    await lsp.open(uri, text);
    const diags = await lsp.waitForDiagnostics(uri, { version: 1 });
    const pipe = diags.find((d) => d.code === 'RSC3003');
    assert.ok(pipe, JSON.stringify(diags));
    const quick = await codeActions(lsp, uri, pipe.range, [pipe], [CodeActionKind.QuickFix]);
    const fix = quick.find((a) => a.diagnostics?.some((d) => d.code === 'RSC3003'));
    assert.ok(fix, JSON.stringify(quick));
    assert.match(fix.title, /\(not safe: review, it changes what the script does\)$/);
    assert.match(fix.title, /^Remove "\|" from the class: it then matches one byte out of/);
    assert.notEqual(fix.isPreferred, true);
    // On this NAck-detection rule RSC3005 offers the generator's pattern, asking for the addresses first.
    const weak = diags.find((d) => d.code === 'RSC3005');
    assert.ok(weak, JSON.stringify(diags));
    const nack = (await codeActions(lsp, uri, weak.range, [weak], [CodeActionKind.QuickFix])).find((a) =>
      a.title.startsWith('Replace with the NAck pattern for these addresses'),
    );
    assert.ok(nack?.command, 'a command that asks for the addresses');
    assert.equal(nack.edit, undefined);
    assert.equal(nack.command.command, 'routeros.replaceWithNackPattern');
    assert.deepEqual(nack.command.arguments?.slice(0), [uri, weak.range, 'cli']);
    const whole = { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } };
    const [all, ...rest] = await codeActions(lsp, uri, whole, diags, [CodeActionKind.SourceFixAll]);
    assert.equal(rest.length, 0);
    assert.equal(all.kind, 'source.fixAll.routeros');
    assert.equal(all.edit, undefined);
    assert.match(
      all.disabled?.reason ?? '',
      /^No safe fix in this file: \d+ fixes would change what the script does/,
    );
    // The lightbulb (no "only") does not show the disabled fix-all.
    assert.ok(!(await codeActions(lsp, uri, whole, diags)).some((a) => a.kind === 'source.fixAll.routeros'));
    await lsp.close(uri);
  });

  it('offers no edit for a syntax error that has no fix', testOptions('syntaxDiagnostics'), async () => {
    const uri = fixtureUri('syntax-error.rsc');
    await lsp.open(uri, readFixture('syntax-error.rsc'));
    const diags = await lsp.waitForDiagnostics(uri, { version: 1 });
    const d = diags.find((x) => String(x.code).startsWith('RSC1'));
    assert.ok(d, `no RSC1nnn among ${JSON.stringify(diags, null, 1)}`);
    const actions = await codeActions(lsp, uri, d.range, [d], [CodeActionKind.QuickFix]);
    // RSC1004 has no fix (lint catalogue); a quick fix, if some rule offers one, must name this diagnostic.
    for (const a of actions) assert.ok(a.diagnostics?.length, JSON.stringify(a));
    assert.ok(
      !actions.some((a) => a.diagnostics?.some((x) => x.code === 'RSC1004')),
      JSON.stringify(actions),
    );
  });

  it('inserts missing required arguments as plain text for a client without snippet edits (RSC2008)', async () => {
    const uri = 'file:///virtual/required-plain.rsc';
    await lsp.open(uri, '/ip firewall mangle add action=accept protocol=udp\n');
    const diags = await lsp.waitForDiagnostics(uri, { version: 1 });
    const d = diags.find((x) => x.code === 'RSC2008');
    assert.ok(d, `no RSC2008 among ${JSON.stringify(diags, null, 1)}`);
    const [fix] = await codeActions(lsp, uri, d.range, [d], [CodeActionKind.QuickFix]);
    assert.ok(fix?.edit?.changes, JSON.stringify(fix));
    assert.equal(fix.command, undefined, 'no tab stop to open completion at');
    assert.equal(fix.isPreferred, false, 'a suggestion, not a safe fix');
    await lsp.applyWorkspaceEdit(fix.edit);
    assert.equal(lsp.text(uri), '/ip firewall mangle add action=accept protocol=udp chain=\n');
    const after = await lsp.waitForDiagnostics(uri, { version: lsp.version(uri) });
    assert.ok(!after.some((x) => x.code === 'RSC2008'), JSON.stringify(after));
    await lsp.close(uri);
  });
});

describe('lsp over stdio: snippet edits in code actions', { timeout: 120_000 }, () => {
  let lsp: LspSession;
  before(async () => {
    lsp = new LspSession();
    await lsp.initialize({
      ...clientCapabilities,
      workspace: {
        ...clientCapabilities.workspace,
        workspaceEdit: { documentChanges: true, snippetEditSupport: true },
      },
    });
  });
  after(() => lsp.kill());

  it('sends the missing required arguments as a snippet with tab stops (RSC2008)', async () => {
    const uri = 'file:///virtual/required-snippet.rsc';
    await lsp.open(uri, '/interface bridge host add bridge=br1\n');
    const diags = await lsp.waitForDiagnostics(uri, { version: 1 });
    const d = diags.find((x) => x.code === 'RSC2008');
    assert.ok(d, `no RSC2008 among ${JSON.stringify(diags, null, 1)}`);
    const [fix] = await codeActions(lsp, uri, d.range, [d], [CodeActionKind.QuickFix]);
    // The first value has no list of names: completion opens there and offers the values.
    assert.deepEqual(fix?.command, { title: 'Suggest', command: 'editor.action.triggerSuggest' });
    assert.deepEqual(fix?.edit, {
      documentChanges: [
        {
          textDocument: { uri, version: 1 },
          edits: [
            {
              range: { start: { line: 0, character: 37 }, end: { line: 0, character: 37 } },
              snippet: { kind: 'snippet', value: ' mac-address=$1 interface=$2' },
            },
          ],
        },
      ],
    });
    await lsp.close(uri);
  });

  it('offers the values of a named-value argument as a snippet choice (RSC2008)', async () => {
    const uri = 'file:///virtual/required-choice.rsc';
    await lsp.open(uri, '/ip firewall filter add action=drop\n');
    const diags = await lsp.waitForDiagnostics(uri, { version: 1 });
    const d = diags.find((x) => x.code === 'RSC2008');
    assert.ok(d, `no RSC2008 among ${JSON.stringify(diags, null, 1)}`);
    const [fix] = await codeActions(lsp, uri, d.range, [d], [CodeActionKind.QuickFix]);
    const dc = fix?.edit?.documentChanges?.[0];
    assert.ok(dc && 'edits' in dc, JSON.stringify(fix));
    assert.deepEqual(dc.edits[0], {
      range: { start: { line: 0, character: 35 }, end: { line: 0, character: 35 } },
      snippet: { kind: 'snippet', value: ' chain=${1|input,forward,output|}' },
    });
    assert.equal(fix.command, undefined, 'the choice list is the offer');
    await lsp.close(uri);
  });
});
