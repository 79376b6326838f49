// Tests for finding layer-7 regexp values in the tree, and the thread's real mistakes linted by every RSC3nnn
// rule at once: the exact set of codes and ranges each snippet gets, and what each fix leaves behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../syntax';
import { layer7Regexps } from '../../l7/script';
import { layersLine } from './l7-common';
import { lintText } from '../index';
import type { Diagnostic } from '../types';
import { applyFix, findings, rangeOf, registeredRules } from './rule-testing';

/** Every layer-7 rule, as the registry lists them. */
const l7Rules = registeredRules(/^RSC3/);
/** `[code, start, end]` of each diagnostic. */
const codesAndRanges = (ds: readonly Diagnostic[]): [string, number, number][] =>
  ds.map((d) => [d.code, d.start, d.end]);

const values = (text: string): [string, string, boolean][] =>
  layer7Regexps(parse(text), text).map((v) => [text.slice(v.start, v.end), v.pattern.winbox, v.rejected]);

test('regexp values: add and set, /export layout, v7 slash paths, unquoted, abbreviated, continued', () => {
  const text = String.raw`/ip firewall layer7-protocol add name=a regexp="^\\xd5"
/ip firewall layer7-protocol
add name=b regexp=^abc
set [find name=b] regexp="^\\x16\\x03\
    abc"
add name=c regex=xyz
/ip/firewall/layer7-protocol/add name=d regexp="d\$"
/ip firewall filter add chain=forward comment="regexp=\"nope\""
`;
  assert.deepEqual(values(text), [
    [String.raw`"^\\xd5"`, String.raw`^\xd5`, false],
    ['^abc', '^abc', false],
    ['"^\\\\x16\\\\x03\\\n    abc"', String.raw`^\x16\x03abc`, false],
    ['xyz', 'xyz', false],
    [String.raw`"d\$"`, 'd$', false],
  ]);
});

test('regexp values: an unquoted value split by a continuation is one value; interpolation is skipped', () => {
  const text =
    '/ip firewall layer7-protocol\nadd name=x regexp=^ab\\\n    cd comment=y\nadd name=z regexp="a$v"\n';
  assert.deepEqual(values(text), [['^ab\\\n    cd', '^abcd', false]]);
  const unclosed = '/ip firewall layer7-protocol add name=x regexp="abc\n';
  assert.deepEqual(values(unclosed), []);
});

test('regexp values: a string RouterOS rejects is marked, and the layers line says so', () => {
  const text = String.raw`/ip firewall layer7-protocol add name=a regexp="\xd5"`;
  const v = layer7Regexps(parse(text), text)[0];
  assert.equal(v.rejected, true);
  assert.match(layersLine(v), /rejects this string/);
  const ok = String.raw`/ip firewall layer7-protocol add name=a regexp="\\xd5"`;
  assert.equal(
    layersLine(layer7Regexps(parse(ok), ok)[0]),
    String.raw`Written: \\xd5 · regex receives: \xd5 · matches: byte 0xD5 anywhere in the first 2 KB (10 packets) of the connection, both directions.`,
  );
});

/** The thread's mangle rule, so RSC3008/RSC3009/RSC3011 stay quiet and only the pattern rules speak. */
const mangle =
  '\n/ip firewall mangle add action=add-src-to-address-list address-list=skype address-list-timeout=1h ' +
  'chain=forward disabled=no layer7-protocol=skypenack packet-size=39 protocol=udp\n';
const l7 = (regexp: string): string =>
  `/ip firewall layer7-protocol add name=skypenack regexp="${regexp}"${mangle}`;
const lint = (text: string): [string, number, number][] => codesAndRanges(findings(l7Rules, text));

test('thread: [\\\\\\\\|\\\\xd5] gets RSC3003 (pipe) and RSC3005 (one byte, unanchored); no RSC3013 by default', () => {
  const text = l7(String.raw`[\\\\|\\xd5]`);
  assert.deepEqual(lint(text), [
    ['RSC3005', ...rangeOf(text, String.raw`[\\\\|\\xd5]`)],
    ['RSC3003', ...rangeOf(text, '|')],
  ]);
  const d = findings(l7Rules, text);
  const pipe = d.find((x) => x.code === 'RSC3003');
  assert.ok(pipe?.fix);
  const fixed = applyFix(text, pipe.fix);
  assert.ok(fixed.includes(String.raw`regexp="[\\\\\\xd5]"`));
  assert.deepEqual(
    lint(fixed).map((x) => x[0]),
    ['RSC3005'],
  );
});

test('thread: \\\\xd5 alone is RSC3005; anchored at the end with the NAck length it is clean', () => {
  const text = l7(String.raw`\\xd5`);
  assert.deepEqual(
    lint(text).map((x) => x[0]),
    ['RSC3005'],
  );
  const anchored = l7(String.raw`\\xd5.......\$`);
  assert.deepEqual(
    lint(anchored).map((x) => x[0]),
    [],
  );
});

test('thread: [\\x4a.\\x3a.\\xda.\\xca] in a CLI string is RSC3010; after its fix RSC3004 and friends', () => {
  const text = l7(String.raw`[\x4a.\x3a.\xda.\xca]`);
  assert.deepEqual(lint(text), [['RSC3010', ...rangeOf(text, String.raw`[\x4a.\x3a.\xda.\xca]`)]]);
  const fix = findings(l7Rules, text)[0].fix;
  assert.ok(fix?.safe);
  const cli = applyFix(text, fix);
  assert.ok(cli.includes(String.raw`regexp="[\\x4a.\\x3a.\\xda.\\xca]"`));
  assert.deepEqual(
    lint(cli).map((x) => x[0]),
    ['RSC3004', 'RSC3005', 'RSC3007'],
  );
  const seq = findings(l7Rules, cli).find((d) => d.code === 'RSC3004');
  assert.ok(seq?.fix);
  const bytes = applyFix(cli, seq.fix);
  assert.ok(bytes.includes(String.raw`regexp="\\x4a\\x3a\\xda\\xca"`));
  assert.deepEqual(
    lint(bytes).map((x) => x[0]),
    ['RSC3007'],
  );
});

test('thread: a single-backslash \\xd5 is RSC3001 only (the line is rejected, nothing else is judged)', () => {
  const text = l7(String.raw`\xd5`);
  assert.deepEqual(lint(text), [['RSC3001', ...rangeOf(text, String.raw`\xd5`)]]);
});

test('thread: \\x5c is RSC3001; \\\\x5c is RSC3002 + RSC3006 (a lone backslash); \\\\\\\\ is the backslash byte', () => {
  assert.deepEqual(
    lint(l7(String.raw`\x5c`)).map((x) => x[0]),
    ['RSC3001'],
  );
  const text = l7(String.raw`\\x5c`);
  assert.deepEqual(lint(text), [
    ['RSC3002', ...rangeOf(text, String.raw`\\x5c`)],
    ['RSC3006', ...rangeOf(text, String.raw`\\x5c`)],
  ]);
  const fix = findings(l7Rules, text).find((d) => d.code === 'RSC3002')?.fix;
  assert.ok(fix);
  const fixed = applyFix(text, fix);
  assert.ok(fixed.includes(String.raw`regexp="\\\\"`));
  // One backslash byte anywhere is still "overmatch", and says so.
  assert.deepEqual(
    lint(fixed).map((x) => x[0]),
    ['RSC3005'],
  );
});

test('valid published-style patterns, properly escaped, produce nothing', () => {
  const patterns = [
    String.raw`^ssh-[12]\\.[0-9]`,
    String.raw`^(\\x13bittorrent protocol|azver\\x01\$|get /scrape\\?info_hash=)`,
    String.raw`http/(0\\.9|1\\.0|1\\.1) [1-5][0-9][0-9] [\\x09-\\x0d -~]*(connection:|content-type:|content-length:)`,
    String.raw`^\\x16\\x03[\\x01\\x02\\x03]`,
    String.raw`\\xd5.......\$`,
    '^\\03..\\?\\08...',
  ];
  for (const p of patterns) {
    const ds = findings(l7Rules, l7(p)).filter((d) => d.code !== 'RSC3013');
    assert.deepEqual(codesAndRanges(ds), [], p);
  }
});

test('no rule throws on random values, and every fix edit lies inside the document', () => {
  const pieces = [
    '\\',
    '\\\\',
    'x',
    'd',
    '5',
    '[',
    ']',
    '(',
    ')',
    '|',
    '.',
    '*',
    '?',
    '^',
    '$',
    '{',
    '}',
    '0',
    ',',
    '-',
    ':',
    '\\x',
    '"',
    ' ',
    '\\\n  ',
  ];
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  let reported = 0;
  for (let k = 0; k < 1500; k++) {
    let v = '';
    for (let i = next(12); i > 0; i--) v += pieces[next(pieces.length)];
    const text = `/ip firewall layer7-protocol add name=p regexp="${v}"\nadd name=q regexp=${v}\n${mangle}`;
    for (const d of findings(l7Rules, text)) {
      reported++;
      for (const e of d.fix?.edits ?? []) assert.ok(0 <= e.start && e.start <= e.end && e.end <= text.length);
    }
  }
  // The values are mostly broken, so the rules must have had plenty to say.
  assert.ok(reported > 1500);
});

test('the "Written · regex receives · matches" line appears once per pattern, however many rules report on it', () => {
  const text = l7(String.raw`[\\\\|\\xd5]`);
  const ds = lintText(text).diagnostics.filter((d) => d.code.startsWith('RSC30'));
  assert.ok(ds.length >= 2, ds.map((d) => d.code).join(','));
  assert.equal(ds.filter((d) => d.message.includes('Written: ')).length, 1);
  // Two patterns in one file each keep their own line.
  const two = `${text}\n${text.replace('skypenack', 'other')}`;
  const lines = lintText(two).diagnostics.filter((d) => d.message.includes('Written: '));
  assert.equal(lines.length, 2);
});
