// Diagnostics over stdio: what arrives after didOpen, incremental didChange and didClose, and that every
// diagnostic carries what editors show (code, source "routeros", a link to the rule page, the version).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { testOptions } from './features';
import { fixtureUri, LspSession, positionOf, readFixture } from './harness';

const isSyntaxError = (d: Diagnostic) =>
  /^RSC1\d{3}$/.test(String(d.code)) && d.severity === DiagnosticSeverity.Error;

function assertWellFormed(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    assert.equal(d.source, 'routeros', JSON.stringify(d));
    assert.match(String(d.code), /^RSC\d{4}$/, JSON.stringify(d));
    assert.ok(d.severity && d.severity >= 1 && d.severity <= 4, JSON.stringify(d));
    assert.ok((typeof d.message === 'string' ? d.message : d.message.value).length > 0, JSON.stringify(d));
  }
}

describe('lsp over stdio: diagnostics', { timeout: 120_000 }, () => {
  let lsp: LspSession;
  before(async () => {
    lsp = new LspSession();
    await lsp.initialize();
  });
  after(() => lsp.kill());

  it('publishes an empty list for a clean script, tagged with the document version', async () => {
    const uri = fixtureUri('clean.rsc');
    await lsp.open(uri, readFixture('clean.rsc'));
    const diags = await lsp.waitForDiagnostics(uri, { version: 1 });
    assert.deepEqual(diags, []);
    const last = lsp.published.filter((p) => p.uri === uri).at(-1);
    assert.equal(last?.version, 1, 'publishDiagnostics should carry the version it was computed for');
  });

  it(
    'reports `add chain=forward # note` as a syntax error on that line',
    testOptions('syntaxDiagnostics'),
    async () => {
      const uri = fixtureUri('syntax-error.rsc');
      const text = readFixture('syntax-error.rsc');
      await lsp.open(uri, text);
      const diags = await lsp.waitForDiagnostics(uri, { version: 1 });
      assertWellFormed(diags);
      const line = positionOf(text, 'add chain=forward # note').line;
      const err = diags.find(isSyntaxError);
      assert.ok(err, `no RSC1nnn error among ${JSON.stringify(diags, null, 1)}`);
      assert.equal(
        err.range.start.line,
        line,
        `syntax error should be on line ${line}: ${JSON.stringify(err)}`,
      );
      // The clean rule on the next line must not be reported as a syntax error too.
      assert.ok(
        !diags.some((d) => isSyntaxError(d) && d.range.start.line === line + 1),
        JSON.stringify(diags),
      );
    },
  );

  it('links each diagnostic to its rule page (codeDescription)', testOptions('ruleDocLinks'), async () => {
    const uri = fixtureUri('syntax-error.rsc');
    const diags = await lsp.waitForDiagnostics(uri, { version: 1 });
    assert.ok(diags.length > 0, 'the syntax-error fixture should have diagnostics');
    for (const d of diags) {
      const href = d.codeDescription?.href;
      assert.ok(href, `no codeDescription on ${JSON.stringify(d)}`);
      assert.ok(href.startsWith('file:'), href);
      const file = fileURLToPath(href);
      assert.ok(file.endsWith(`${d.code}.md`), file);
      assert.ok(existsSync(file), `rule page ${file} does not exist`);
    }
  });

  it(
    'follows incremental edits: an error appears and goes away',
    testOptions('syntaxDiagnostics'),
    async () => {
      const uri = 'file:///virtual/incremental.rsc';
      await lsp.open(uri, '/ip firewall filter\nadd chain=forward action=accept\n');
      assert.deepEqual(await lsp.waitForDiagnostics(uri, { version: 1 }), []);
      // Type " # note" at the end of line 1, as an editor sends it: one small range change.
      const v2 = await lsp.edit(uri, [
        { range: { start: { line: 1, character: 31 }, end: { line: 1, character: 31 } }, newText: ' # note' },
      ]);
      assert.equal(lsp.text(uri), '/ip firewall filter\nadd chain=forward action=accept # note\n');
      const d2 = await lsp.waitForDiagnostics(uri, { version: v2 });
      assert.equal(d2.find(isSyntaxError)?.range.start.line, 1, JSON.stringify(d2));
      const v3 = await lsp.edit(uri, [
        { range: { start: { line: 1, character: 31 }, end: { line: 1, character: 38 } }, newText: '' },
      ]);
      assert.deepEqual(await lsp.waitForDiagnostics(uri, { version: v3 }), []);
    },
  );

  it('publishes once per version even for a burst of keystrokes, ending with the last one', async () => {
    const uri = 'file:///virtual/burst.rsc';
    await lsp.open(uri, '');
    await lsp.waitForDiagnostics(uri, { version: 1 });
    const typed = ':put "hello"\n';
    let version = 1;
    for (let i = 0; i < typed.length; i++) {
      const pos = { line: 0, character: i };
      version = await lsp.edit(uri, [{ range: { start: pos, end: pos }, newText: typed[i] }]);
    }
    assert.equal(lsp.text(uri), typed);
    await lsp.waitForDiagnostics(uri, { version });
    const versions = lsp.published.filter((p) => p.uri === uri).map((p) => p.version ?? -1);
    // Never a result for an older version after a newer one: editors would show stale squiggles.
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      `published versions out of order: ${versions}`,
    );
    assert.equal(versions.at(-1), version);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = 'file:///virtual/closing.rsc';
    await lsp.open(uri, '/ip firewall filter\nadd chain=forward # note\n');
    await lsp.waitForDiagnostics(uri, { version: 1 });
    const before = lsp.published.length;
    await lsp.close(uri);
    const cleared = await lsp.waitForDiagnostics(uri, {
      accept: () => lsp.published.length > before && lsp.published.at(-1)?.uri === uri,
      what: 'after didClose',
    });
    assert.deepEqual(cleared, []);
  });

  it('publishes well-formed diagnostics for the layer-7 fixture', async () => {
    const uri = fixtureUri('l7-escape.rsc');
    await lsp.open(uri, readFixture('l7-escape.rsc'));
    const diags = await lsp.waitForDiagnostics(uri, { version: 1 });
    assertWellFormed(diags);
  });
});
