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
