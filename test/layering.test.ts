// The layering in ARCHITECTURE.md is enforced by ESLint; this test proves each ban really fires (flat
// config blocks override each other, so a misordered config silently drops a ban).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const root = join(__dirname, '..');
const eslint = new ESLint({ cwd: root });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

test('syntax/ imports nothing else of ours and no I/O', async () => {
  assert.equal(
    (await restricted('server/src/syntax/x.ts', "import { a } from '../schema';\nexport const b = a;\n"))
      .length,
    1,
  );
  assert.equal(
    (await restricted('server/src/syntax/x.ts', "import { a } from 'node:fs';\nexport const b = a;\n"))
      .length,
    1,
  );
  assert.equal(
    (await restricted('server/src/syntax/x.ts', "import { a } from './strings';\nexport const b = a;\n"))
      .length,
    0,
  );
});

test('pure layers use no file system, network, LSP, vscode, cli or deploy', async () => {
  for (const folder of ['schema', 'analysis', 'l7', 'lint', 'features', 'codegen']) {
    for (const spec of [
      'node:fs',
      'node:net',
      'node:child_process',
      'ssh2',
      'vscode',
      'vscode-languageserver',
      '../lsp/convert',
      '../cli/main',
      '../deploy/ssh',
    ]) {
      const hits = await restricted(
        `server/src/${folder}/x.ts`,
        `import { a } from '${spec}';\nexport const b = a;\n`,
      );
      assert.ok(hits.length >= 1, `${folder} importing ${spec}`);
    }
    assert.equal(
      (await restricted(`server/src/${folder}/x.ts`, "import { a } from '../syntax';\nexport const b = a;\n"))
        .length,
      0,
    );
  }
});

test('only lsp/ (and server.ts, main.ts) imports vscode-languageserver; nothing in server/ imports vscode', async () => {
  const code = "import { a } from 'vscode-languageserver';\nexport const b = a;\n";
  assert.equal((await restricted('server/src/cli/x.ts', code)).length, 1);
  assert.equal((await restricted('server/src/deploy/x.ts', code)).length, 1);
  assert.equal((await restricted('server/src/lsp/x.ts', code)).length, 0);
  assert.equal((await restricted('server/src/server.ts', code)).length, 0);
  assert.equal(
    (await restricted('server/src/deploy/x.ts', "import { a } from 'vscode';\nexport const b = a;\n")).length,
    1,
  );
});

test('the pure layers keep their order: syntax <- schema <- analysis, l7 <- lint, features, codegen', async () => {
  const imports = async (folder: string, spec: string): Promise<number> =>
    (await restricted(`server/src/${folder}/x.ts`, `import { a } from '${spec}';\nexport const b = a;\n`))
      .length;
  // Each layer may not import a layer above it...
  const above: Record<string, string[]> = {
    schema: ['analysis', 'l7', 'lint', 'features', 'codegen'],
    analysis: ['lint', 'features', 'codegen'],
    l7: ['lint', 'features', 'codegen'],
  };
  for (const [folder, banned] of Object.entries(above)) {
    for (const layer of banned) {
      assert.ok((await imports(folder, `../${layer}`)) >= 1, `${folder} importing ../${layer}`);
      assert.ok((await imports(folder, `../${layer}/x`)) >= 1, `${folder} importing ../${layer}/x`);
    }
    // ...and the bans of every pure layer still hold beside the order.
    assert.equal(await imports(folder, 'node:fs'), 1, `${folder} importing node:fs`);
  }
  // A file deeper in the folder is held to the same order.
  assert.ok((await imports('analysis/trace', '../../lint/types')) >= 1);
  // ...while importing the layers below (or beside) is fine.
  assert.equal(await imports('schema', '../syntax'), 0);
  assert.equal(await imports('analysis', '../schema'), 0);
  assert.equal(await imports('analysis', '../l7'), 0);
  assert.equal(await imports('l7', '../analysis'), 0);
  assert.equal(await imports('lint', '../analysis'), 0);
  assert.equal(await imports('features', '../lint'), 0);
  assert.equal(await imports('codegen', '../l7'), 0);
});

test("lint/support/ is the rules' own: features, codegen, lsp and cli do not import it", async () => {
  const imports = async (file: string, spec: string): Promise<number> =>
    (await restricted(file, `import { a } from '${spec}';\nexport const b = a;\n`)).length;
  for (const file of [
    'server/src/features/x.ts',
    'server/src/codegen/qos/x.ts',
    'server/src/lsp/x.ts',
    'server/src/server.ts',
    'server/src/cli/x.ts',
  ]) {
    const up = file.split('/').length - 3;
    const lint = `${'../'.repeat(up)}lint`;
    assert.ok((await imports(file, `${lint}/support/l7-common`)) >= 1, `${file} importing lint/support`);
    // lint's public face stays open to them.
    assert.equal(await imports(file, `${lint}/types`), 0, `${file} importing lint/types`);
  }
  // The bans of the pure layers and of lsp/ still hold beside it.
  assert.equal(await imports('server/src/features/x.ts', 'node:fs'), 1);
  assert.equal(await imports('server/src/cli/x.ts', 'vscode'), 1);
  // The rules themselves use it.
  assert.equal(await imports('server/src/lint/rules/x.ts', '../support/l7-common'), 0);
  assert.equal(await imports('server/src/lint/index.ts', './support/schema-resolve'), 0);
});
