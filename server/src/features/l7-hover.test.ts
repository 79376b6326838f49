// Tests for the layer-7 hover: the cursor marker "|" (its first occurrence) marks the offset in each snippet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../syntax';
import { l7Hover } from './l7-hover';

/** Removes the first "|" and hovers there. */
function hoverAt(snippet: string): ReturnType<typeof l7Hover> & { text: string } {
  const at = snippet.indexOf('|');
  const text = snippet.slice(0, at) + snippet.slice(at + 1);
  const h = l7Hover(parse(text), at, text);
  return h === undefined ? (undefined as never) : { ...h, text };
}

test('hover on the NAck pattern: both forms, the reading, the Latin-1 reading and the warning', () => {
  const h = hoverAt(String.raw`/ip firewall layer7-protocol add name=skypenack regexp="\\x|d5.......\$"`);
  assert.ok(h);
  assert.equal(h.text.slice(h.start, h.end), String.raw`"\\xd5.......\$"`);
  assert.ok(h.markdown.includes('```text\n\\xd5.......$\n```'), 'Winbox form');
  assert.ok(h.markdown.includes('as `\\xHH`):\n```text\n\\xd5.......$\n```'), 'engine form');
  assert.ok(
    h.markdown.includes(
      '**Matches:** byte 0xD5, then any 7 bytes at the end of the packet being matched (the end of the data collected so far).',
    ),
  );
  assert.ok(h.markdown.includes('```text\n\\xf5.......$\n```'), 'engine text under the Latin-1 fold');
  assert.ok(h.markdown.includes('matches byte 0xF5, then any 7 bytes'));
  assert.match(h.markdown, /- RSC3013: byte 0xD5/);
});

test("hover on the thread's class: a class of three bytes, with RSC3003 and RSC3005 inline", () => {
  const h = hoverAt(String.raw`/ip firewall layer7-protocol add name=skypenack regexp=|"[\\\\|\\xd5]"`);
  assert.ok(h);
  assert.ok(
    h.markdown.includes('**Matches:** one byte out of {"\\", "|", byte 0xD5} anywhere in the first 2 KB'),
  );
  assert.match(h.markdown, /- RSC3003: /);
  assert.match(h.markdown, /- RSC3005: /);
});

test('hover on a rejected Winbox-form value says so and shows the probable meaning', () => {
  const h = hoverAt(String.raw`/ip firewall layer7-protocol add name=x regexp="^\x16|\x03"`);
  assert.ok(h);
  assert.match(h.markdown, /RouterOS rejects this string/);
  assert.ok(h.markdown.includes('```text\n^\\x16\\x03\n```'));
  assert.match(h.markdown, /- RSC3010: /);
  assert.doesNotMatch(h.markdown, /RSC3005/);
});

test('hover on layer7-protocol=NAME shows the named entry; elsewhere there is no hover', () => {
  const text = String.raw`/ip firewall layer7-protocol add name=tls regexp="^\\x16\\x03"
/ip firewall mangle add chain=forward protocol=tcp layer7-protocol=t|ls action=accept`;
  const h = hoverAt(text);
  assert.ok(h);
  assert.equal(h.text.slice(h.start, h.end), 'tls');
  assert.match(h.markdown, /^\*\*Layer-7 regexp of tls\*\*/);
  assert.ok(h.markdown.includes('at the very start of the connection'));
  const none = hoverAt('/ip firewall mangle add ch|ain=forward layer7-protocol=tls');
  assert.equal(none, undefined);
  const missing = hoverAt('/ip firewall mangle add chain=forward layer7-protocol=no|pe');
  assert.match(missing?.markdown ?? '', /no entry of that name/);
});
