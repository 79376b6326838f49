// Runs the TextMate grammar's scope assertions in test/grammar/*.rsc with vscode-tmgrammar-test and fails
// with the tool's own report when one does not hold. A second test feeds the tool a deliberately broken copy
// of the grammar, to prove this harness notices a broken grammar at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const grammarPath = join(root, 'syntaxes', 'routeros.tmLanguage.json');
const casesDir = join(root, 'test', 'grammar');
const tool = join(root, 'node_modules', '.bin', 'vscode-tmgrammar-test');
const cases = readdirSync(casesDir)
  .filter((name) => name.endsWith('.rsc'))
  .sort()
  .map((name) => join('test', 'grammar', name));

interface RawRule {
  include?: string;
  patterns?: RawRule[];
  captures?: Record<string, RawRule>;
  beginCaptures?: Record<string, RawRule>;
  endCaptures?: Record<string, RawRule>;
}
interface RawGrammar extends RawRule {
  scopeName: string;
  repository: Record<string, RawRule>;
}

// The tool's assertion parser backtracks exponentially on a malformed assertion line, so a bad test file can
// make it spin. The kill timeout only turns such a hang into a failure; it is not a measurement.
function runTool(args: string[]): { status: number | null; output: string; signal: NodeJS.Signals | null } {
  const r = spawnSync(process.execPath, [tool, ...args], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  return { status: r.status, signal: r.signal, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

test('every test/grammar file starts with the SYNTAX TEST header for source.routeros', () => {
  assert.ok(cases.length >= 5, `expected the grammar test files, found ${cases.length}`);
  for (const file of cases) {
    const first = readFileSync(join(root, file), 'utf8').split('\n')[0];
    assert.match(first, /^# SYNTAX TEST "source\.routeros" "[^"]+"$/, file);
  }
});

test('the grammar is valid JSON and every include names a repository entry', () => {
  const grammar = JSON.parse(readFileSync(grammarPath, 'utf8')) as RawGrammar;
  assert.equal(grammar.scopeName, 'source.routeros');
  const missing: string[] = [];
  const visit = (rule: RawRule): void => {
    if (rule.include?.startsWith('#') && !(rule.include.slice(1) in grammar.repository))
      missing.push(rule.include);
    rule.patterns?.forEach(visit);
    for (const group of [rule.captures, rule.beginCaptures, rule.endCaptures]) {
      if (group) Object.values(group).forEach(visit);
    }
  };
  visit(grammar);
  Object.values(grammar.repository).forEach(visit);
  assert.deepEqual(missing, []);
});

interface OnEnterRule {
  beforeText: string;
  previousLineText?: string;
  action: { indent: string };
}
interface LanguageConfiguration {
  comments: { lineComment: string };
  brackets: string[][];
  autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
  wordPattern: string;
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  onEnterRules: OnEnterRule[];
}

test('language-configuration.json: comments, brackets, word pattern, indentation and continuations', () => {
  const cfg = JSON.parse(
    readFileSync(join(root, 'language-configuration.json'), 'utf8'),
  ) as LanguageConfiguration;
  assert.equal(cfg.comments.lineComment, '#');
  assert.deepEqual(cfg.brackets, [
    ['{', '}'],
    ['[', ']'],
    ['(', ')'],
  ]);
  const quote = cfg.autoClosingPairs.find((p) => p.open === '"');
  assert.deepEqual(quote?.notIn, ['string', 'comment']);

  // VS Code compiles the word pattern with the global flag and takes each match as one word.
  const words = (text: string): string[] => text.match(new RegExp(cfg.wordPattern, 'g')) ?? [];
  const whole = ['$var', '$"x-y"', 'mark-connection', '10.0.0.0/8', '*1A', '0-50k', 'fe80::1', '1d2h3m4s'];
  for (const w of whole) assert.deepEqual(words(` ${w}; `), [w], w);
  assert.deepEqual(words('add action=mark-connection new-connection-mark=$m'), [
    'add',
    'action',
    'mark-connection',
    'new-connection-mark',
    '$m',
  ]);

  const increase = new RegExp(cfg.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(cfg.indentationRules.decreaseIndentPattern);
  assert.ok(increase.test(':if ($x) do={'));
  assert.ok(!increase.test(':if ($x) do={ :put 1 }'));
  assert.ok(!increase.test('# a comment with {'));
  assert.ok(decrease.test('} else={'));

  // VS Code applies the first rule whose patterns all match.
  const onEnter = (before: string, previous: string): string | undefined =>
    cfg.onEnterRules.find(
      (r) =>
        new RegExp(r.beforeText).test(before) &&
        (r.previousLineText === undefined || new RegExp(r.previousLineText).test(previous)),
    )?.action.indent;
  assert.equal(onEnter('add chain=forward \\', '/ip firewall filter'), 'indent');
  assert.equal(onEnter('    action=accept \\', 'add chain=forward \\'), 'none');
  assert.equal(onEnter('    comment=x', '    action=accept \\'), 'outdent');
  assert.equal(onEnter('# a comment cannot continue \\', ''), 'none');
  assert.equal(onEnter(':put 1', ':put 0'), undefined);
});

test('vscode-tmgrammar-test: all scope assertions in test/grammar hold', () => {
  // The grammar comes from package.json's contributes.grammars, so this also checks that wiring.
  const r = runTool(['--config', 'package.json', ...cases]);
  assert.equal(r.signal, null, `vscode-tmgrammar-test was killed (${r.signal}):\n${r.output}`);
  assert.equal(r.status, 0, r.output);
  // Guard against the tool silently skipping a file: each one must be reported as passed.
  const passed = r.output.split('\n').filter((line) => line.includes('run successfuly')).length;
  assert.equal(passed, cases.length, r.output);
});

test('a broken grammar makes the assertions fail', () => {
  const dir = mkdtempSync(join(tmpdir(), 'routeros-grammar-'));
  try {
    // Rename the comment scope: the comment assertions must then report it missing.
    const broken = readFileSync(grammarPath, 'utf8').replaceAll(
      'comment.line.number-sign',
      'comment.line.broken',
    );
    const brokenPath = join(dir, 'broken.tmLanguage.json');
    writeFileSync(brokenPath, broken);
    const r = runTool([
      '--config',
      join(dir, 'no-package.json'),
      '-g',
      brokenPath,
      join('test', 'grammar', 'comments.rsc'),
    ]);
    assert.equal(r.signal, null, r.output);
    assert.notEqual(r.status, 0, r.output);
    assert.match(r.output, /missing required scopes: comment\.line\.number-sign\.routeros/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
