// Editor features beyond diagnostics, over stdio: completion, hover, rename, formatting, semantic tokens.
// Each is gated on its capability: advertised means it is exercised for real (and must work); not
// advertised is a TODO while test/lsp/features.ts says 'todo', and a failure once it says 'required'.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import {
  CompletionRequest,
  DocumentFormattingRequest,
  HoverRequest,
  PrepareRenameRequest,
  RenameRequest,
  SemanticTokensRequest,
  type CompletionItem,
  type Hover,
  type InitializeResult,
  type MarkupContent,
  type SemanticTokensLegend,
} from 'vscode-languageserver-protocol/node';
import { expected, type Feature } from './features';
import { applyEdits, LspSession, positionOf } from './harness';

type Caps = InitializeResult['capabilities'];

/** Runs `body` as a subtest of `t`: real when advertised, TODO while not advertised and not required. */
async function gated(
  t: TestContext,
  name: string,
  feature: Feature,
  advertised: boolean,
  capability: string,
  body: () => Promise<void>,
): Promise<void> {
  if (advertised) {
    await t.test(name, body);
  } else {
    const todo = expected[feature] === 'todo' ? `server does not advertise ${capability} yet` : undefined;
    await t.test(name, { todo }, () => assert.fail(`server does not advertise ${capability}`));
  }
}

function hoverText(h: Hover): string {
  const c = h.contents;
  const one = (x: string | MarkupContent | { language: string; value: string }) =>
    typeof x === 'string' ? x : x.value;
  return Array.isArray(c) ? c.map(one).join('\n') : one(c);
}

function labels(result: CompletionItem[] | { items: CompletionItem[] } | null): string[] {
  const items = Array.isArray(result) ? result : (result?.items ?? []);
  return items.map((i) => i.label);
}

test('lsp over stdio: editor features', { timeout: 120_000 }, async (t) => {
  const lsp = new LspSession();
  try {
    const { capabilities: caps } = await lsp.initialize();
    await runFeatureTests(t, lsp, caps);
  } finally {
    lsp.kill();
  }
});

async function runFeatureTests(t: TestContext, lsp: LspSession, caps: Caps): Promise<void> {
  await gated(
    t,
    'completion: menus after a path, parameters after a command',
    'completion',
    !!caps.completionProvider,
    'completionProvider',
    async () => {
      const uri = 'file:///virtual/completion.rsc';
      const text = '/ip firewall filter\nadd ch\n/ip fire\n';
      await lsp.open(uri, text);
      const menu = await lsp.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri },
        position: positionOf(text, '/ip fire', '/ip fire'.length),
      });
      assert.ok(
        labels(menu).includes('firewall'),
        `'/ip fire' should complete to firewall: ${labels(menu).slice(0, 30)}`,
      );
      const param = await lsp.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri },
        position: positionOf(text, 'add ch', 'add ch'.length),
      });
      assert.ok(
        labels(param).some((l) => l.replace(/=$/, '') === 'chain'),
        `'/ip firewall filter add ch' should offer chain: ${labels(param).slice(0, 30)}`,
      );
      await lsp.close(uri);
    },
  );

  await gated(
    t,
    'hover: a parameter name and a layer-7 regexp',
    'hover',
    !!caps.hoverProvider,
    'hoverProvider',
    async () => {
      const uri = 'file:///virtual/hover.rsc';
      const text =
        '/ip firewall filter\nadd chain=forward action=accept\n/ip firewall layer7-protocol\nadd name=x regexp="^\\\\xd5"\n';
      await lsp.open(uri, text);
      const pos = positionOf(text, 'chain=', 2);
      const h = await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos });
      assert.ok(h, 'no hover on the parameter chain=');
      assert.ok(hoverText(h).trim().length > 0, 'empty hover');
      if (h.range) {
        assert.equal(h.range.start.line, pos.line, JSON.stringify(h.range));
        assert.ok(
          h.range.start.character <= pos.character && pos.character <= h.range.end.character,
          JSON.stringify(h.range),
        );
      }
      // The regexp hover shows the byte the regex engine sees (0xd5), the whole point of the L7 work.
      const rx = await lsp.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri },
        position: positionOf(text, 'xd5', 1),
      });
      assert.ok(rx, 'no hover on the layer-7 regexp');
      assert.match(hoverText(rx), /d5/i, hoverText(rx));
      await lsp.close(uri);
    },
  );

  await gated(
    t,
    'rename: a local variable everywhere it is used',
    'rename',
    !!caps.renameProvider,
    'renameProvider',
    async () => {
      const uri = 'file:///virtual/rename.rsc';
      const text = ':local count 1\n:put $count\n:set count ($count + 1)\n:put "n=$count"\n';
      await lsp.open(uri, text);
      const position = positionOf(text, '$count', 2);
      const prepare = typeof caps.renameProvider === 'object' && caps.renameProvider.prepareProvider;
      if (prepare) {
        const r = await lsp.connection.sendRequest(PrepareRenameRequest.type, {
          textDocument: { uri },
          position,
        });
        assert.ok(r, 'prepareRename refused a variable');
      }
      const edit = await lsp.connection.sendRequest(RenameRequest.type, {
        textDocument: { uri },
        position,
        newName: 'total',
      });
      assert.ok(edit, 'rename returned null');
      const edits =
        edit.changes?.[uri] ?? edit.documentChanges?.flatMap((c) => ('edits' in c ? c.edits : [])) ?? [];
      assert.equal(
        applyEdits(text, edits as never),
        ':local total 1\n:put $total\n:set total ($total + 1)\n:put "n=$total"\n',
      );
      await lsp.close(uri);
    },
  );

  await gated(
    t,
    'formatting: indents a block and is idempotent',
    'formatting',
    !!caps.documentFormattingProvider,
    'documentFormattingProvider',
    async () => {
      const uri = 'file:///virtual/format.rsc';
      const text = ':if (true) do={\n:put "a"\n}\n';
      await lsp.open(uri, text);
      const options = { tabSize: 4, insertSpaces: true };
      const edits = await lsp.connection.sendRequest(DocumentFormattingRequest.type, {
        textDocument: { uri },
        options,
      });
      assert.ok(edits && edits.length > 0, 'no formatting edits for an unindented block');
      const formatted = applyEdits(text, edits);
      assert.match(formatted, /\n[ \t]+:put "a"\n/, formatted);
      await lsp.replaceAll(uri, formatted);
      const again = await lsp.connection.sendRequest(DocumentFormattingRequest.type, {
        textDocument: { uri },
        options,
      });
      assert.equal(applyEdits(formatted, again ?? []), formatted, 'formatting twice changed the text again');
      await lsp.close(uri);
    },
  );

  const legend: SemanticTokensLegend | undefined = caps.semanticTokensProvider?.legend;
  await gated(
    t,
    'semantic tokens: well-formed, inside the text, covering variables',
    'semanticTokens',
    !!caps.semanticTokensProvider?.full,
    'semanticTokensProvider.full',
    async () => {
      assert.ok(legend && legend.tokenTypes.length > 0, 'empty legend');
      const uri = 'file:///virtual/tokens.rsc';
      const text = ':local count 1\n:put $count\n/ip firewall filter\nadd chain=forward action=accept\n';
      await lsp.open(uri, text);
      const r = await lsp.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
      assert.ok(r && r.data.length > 0, 'no semantic tokens');
      assert.equal(r.data.length % 5, 0);
      const lines = text.split('\n');
      let line = 0;
      let ch = 0;
      const tokens: { line: number; start: number; length: number; type: string }[] = [];
      for (let i = 0; i < r.data.length; i += 5) {
        const [dl, ds, length, type] = r.data.slice(i, i + 4);
        line += dl;
        ch = dl === 0 ? ch + ds : ds;
        assert.ok(type < legend.tokenTypes.length, `token type ${type} outside the legend`);
        assert.ok(
          line < lines.length && ch + length <= lines[line].length,
          `token ${line}:${ch}+${length} outside the text`,
        );
        tokens.push({ line, start: ch, length, type: legend.tokenTypes[type] });
      }
      const use = positionOf(text, '$count', 1);
      assert.ok(
        tokens.some(
          (k) => k.line === use.line && k.start <= use.character && use.character < k.start + k.length,
        ),
        `no token covers the variable use: ${JSON.stringify(tokens)}`,
      );
      await lsp.close(uri);
    },
  );
}
