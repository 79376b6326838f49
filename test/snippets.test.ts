// Checks snippets/routeros.json: the JSON shape VS Code expects, unique prefixes, and that every body, with
// its tab stops expanded to their defaults, is sane RouterOS text (closed strings, valid escapes, balanced
// brackets, `#` only where a command starts). The expander lives in snippet-expand.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandSnippet, routerosProblems, type Snippet } from './snippet-expand';

const snippetsPath = join(__dirname, '..', 'snippets', 'routeros.json');
const snippets = JSON.parse(readFileSync(snippetsPath, 'utf8')) as Record<string, Snippet>;
const entries = Object.entries(snippets);
const bodyText = (s: Snippet): string => (Array.isArray(s.body) ? s.body.join('\n') : s.body);
const expanded = new Map(entries.map(([name, s]) => [name, expandSnippet(bodyText(s))]));

test('every snippet has a prefix, a body and a description', () => {
  assert.ok(entries.length >= 12, `expected the snippet set, found ${entries.length}`);
  for (const [name, s] of entries) {
    const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
    assert.ok(prefixes.length > 0, name);
    for (const p of prefixes) assert.match(p, /^[a-z][a-z0-9-]*$/, `${name}: prefix ${JSON.stringify(p)}`);
    assert.ok(
      Array.isArray(s.body) ? s.body.every((l) => typeof l === 'string') : typeof s.body === 'string',
      name,
    );
    assert.ok(bodyText(s).trim().length > 0, `${name}: empty body`);
    assert.equal(typeof s.description, 'string', name);
    assert.ok(s.description.trim().length > 0, `${name}: empty description`);
  }
});

test('snippet prefixes are unique', () => {
  const seen = new Map<string, string>();
  for (const [name, s] of entries) {
    for (const p of Array.isArray(s.prefix) ? s.prefix : [s.prefix]) {
      assert.ok(!seen.has(p), `prefix ${p} used by both ${seen.get(p)} and ${name}`);
      seen.set(p, name);
    }
  }
});

test('every body expands cleanly and is sane RouterOS text', () => {
  for (const [name, { text, problems }] of expanded) {
    assert.deepEqual(problems, [], `${name}: snippet syntax`);
    assert.ok(!text.includes('${'), `${name}: a tab stop survived expansion:\n${text}`);
    assert.deepEqual(routerosProblems(text), [], `${name}:\n${text}`);
  }
});

test('mark, list and layer-7 rules in snippets carry the arguments the QoS lints ask for', () => {
  for (const [name, { text }] of expanded) {
    for (const line of text.split('\n')) {
      if (/action=mark-(connection|packet|routing)\b/.test(line)) {
        assert.match(line, /passthrough=(yes|no)\b/, `${name}: explicit passthrough (RSC4003): ${line}`);
      }
      if (/action=mark-packet\b/.test(line)) assert.match(line, /passthrough=no\b/, `${name}: ${line}`);
      if (/action=add-(src|dst)-to-address-list\b/.test(line)) {
        assert.match(line, /address-list-timeout=\S+/, `${name}: list timeout (RSC4009): ${line}`);
      }
      if (/\blayer7-protocol=/.test(line)) {
        assert.match(
          line,
          /\bprotocol=\w+.*\bpacket-size=\d+|\bpacket-size=\d+.*\bprotocol=\w+/,
          `${name}: ${line}`,
        );
        assert.match(line, /chain=forward\b/, `${name}: layer 7 must see both directions (RSC3011): ${line}`);
      }
    }
  }
});

test('the expander handles defaults, mirrors, choices, nesting and escapes', () => {
  const cases: [string, string][] = [
    ['add chain=${1|forward,prerouting|} x=${1}', 'add chain=forward x=forward'],
    ['${1:a ${2:b}} $2 ${2}', 'a b b b'],
    [':put \\$${1:name} \\$x', ':put $name $x'],
    ['do={ ${1::put 1} }$0', 'do={ :put 1 }'],
    ['a\\}b\\\\c', 'a}b\\c'],
  ];
  for (const [body, text] of cases) assert.deepEqual(expandSnippet(body), { text, problems: [] }, body);
  assert.equal(expandSnippet(':put $name').problems.length, 1);
  assert.equal(expandSnippet('${1:unterminated').problems.length, 1);
});

test('the RouterOS sanity scan catches what it claims to', () => {
  assert.deepEqual(routerosProblems(':put "a\\"b" ; # fine\n:if (1) do={ # fine\n}'), []);
  assert.equal(routerosProblems('add chain=forward # no').length, 1);
  assert.equal(routerosProblems(':put "open').length, 1);
  assert.equal(routerosProblems(':put "\\q"').length, 1);
  assert.equal(routerosProblems(':put [:len (1]').length, 2);
  assert.equal(routerosProblems('{ :put 1').length, 1);
});

test('the Skype NAck QoS snippet holds the whole recipe', () => {
  const recipe = entries.find(([, s]) => s.prefix === 'skype-nack-qos');
  assert.ok(recipe, 'skype-nack-qos snippet');
  const text = expanded.get(recipe[0])?.text ?? '';
  const lines = text.split('\n');
  const has = (re: RegExp): boolean => lines.some((l) => re.test(l));
  assert.ok(has(/^#.*"Generate Skype NAck QoS"/), 'comment pointing to the generator command');
  assert.ok(has(/^\/ip firewall layer7-protocol$/));
  assert.ok(
    has(/add-src-to-address-list .*protocol=udp packet-size=39 .*address-list-timeout=/),
    'detection rule',
  );
  for (const dir of ['src', 'dst']) {
    assert.ok(
      has(
        new RegExp(
          `action=mark-connection .*${dir}-address-list=\\S+ connection-rate=0-200k .*passthrough=yes`,
        ),
      ),
      `mark-connection for the ${dir} list`,
    );
  }
  const markPacket = lines.findIndex((l) => /action=mark-packet .*passthrough=no/.test(l));
  const lastMarkConnection = lines.reduce((last, l, i) => (/action=mark-connection/.test(l) ? i : last), -1);
  assert.ok(markPacket > lastMarkConnection, 'mark-packet after the mark-connection rules');
  assert.ok(has(/^add .*packet-mark=\S+ .*priority=1\b/) && has(/^\/queue tree$/), 'queue tree priority 1');
});
