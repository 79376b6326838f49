// Formatter tests: indentation, /export continuations, spacing; and on every fixture, example and corpus
// script: the output parses to the same tokens (white space aside) and formatting twice changes nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../syntax';
import { formatText, getFormatEdits } from './format';

const fmt = (text: string, options = {}) => formatText({ text, parse: parse(text) }, options);

/** Tokens without white space; line breaks and continuations count, their exact text does not. */
function signature(text: string): string[] {
  return parse(text)
    .tokens.filter((t) => t.kind !== 'whitespace')
    .map((t) =>
      t.kind === 'newline' || t.kind === 'continuation' ? t.kind : `${t.kind}:${text.slice(t.start, t.end)}`,
    );
}

describe('format', () => {
  it('indents blocks and dedents closing brackets', () => {
    assert.equal(
      fmt(':if (true) do={\n:put "a"\n:foreach i in={1;2} do={\n:put $i\n}\n    }\n'),
      ':if (true) do={\n    :put "a"\n    :foreach i in={1;2} do={\n        :put $i\n    }\n}\n',
    );
  });

  it('honours the editor options', () => {
    assert.equal(fmt('{\n:put 1\n}', { tabSize: 2 }), '{\n  :put 1\n}');
    assert.equal(fmt('{\n:put 1\n}', { insertSpaces: false }), '{\n\t:put 1\n}');
  });

  it('keeps /export continuations with a four-space indent', () => {
    assert.equal(
      fmt('/ip firewall filter\nadd   chain=forward \\\n action=accept   comment="a   b"  \n'),
      '/ip firewall filter\nadd chain=forward \\\n    action=accept comment="a   b"\n',
    );
  });

  it('never touches strings, even across lines', () => {
    const text = ':put "a  \\\n      b"\n';
    assert.equal(fmt(text), text);
  });

  it('formats only the requested range', () => {
    const text = '{\n:put 1\n:put 2\n}';
    const edits = getFormatEdits({ text, parse: parse(text) }, {}, { start: 2, end: 8 });
    assert.equal(edits.length, 1);
    assert.equal(edits[0].newText, '    :put 1');
  });

  it('keeps meaning and is idempotent on every fixture, example and corpus script', () => {
    const roots = ['test/fixtures', 'examples', join('..', 'shared', 'data', 'parse-corpus', 'scripts')];
    let files = 0;
    for (const root of roots) {
      if (!existsSync(root)) continue;
      for (const f of readdirSync(root, { recursive: true }) as string[]) {
        if (!f.endsWith('.rsc')) continue;
        const text = readFileSync(join(root, f), 'utf8');
        const once = fmt(text);
        assert.deepEqual(signature(once), signature(text), f);
        assert.equal(fmt(once), once, `${f} is not stable`);
        files++;
      }
    }
    assert.ok(files > 0);
  });
});
