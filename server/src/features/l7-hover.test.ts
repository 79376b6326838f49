// Tests for the layer-7 hover: the cursor marker "|" (its first occurrence) marks the offset in each snippet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../syntax';
import MarkdownIt from 'markdown-it';
import { l7Hover, type L7HoverOptions } from './l7-hover';

/** Removes the first "|" and hovers there. */
function hoverAt(
  snippet: string,
  options: L7HoverOptions = {},
): ReturnType<typeof l7Hover> & { text: string } {
  const at = snippet.indexOf('|');
  const text = snippet.slice(0, at) + snippet.slice(at + 1);
  const h = l7Hover(parse(text), at, text, options);
  return h === undefined ? (undefined as never) : { ...h, text };
}

// VS Code renders hovers with markdown-it: the tests read what the user sees, not the markdown source.
const md = new MarkdownIt();
function rendered(markdown: string): { html: string; text: string } {
  const html = md.render(markdown);
  const text = html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return { html, text };
}

test('hover on the NAck pattern: no Latin-1 reading by default (the reference does not fold)', () => {
  const h = hoverAt(String.raw`/ip firewall layer7-protocol add name=skypenack regexp="\\x|d5.......\$"`);
  assert.ok(h);
  const r = rendered(h.markdown);
  assert.ok(r.text.includes('Matches: byte 0xD5, then any 7 bytes at the end of the packet being matched'));
  assert.doesNotMatch(r.text, /Latin-1|RSC3013|\\xf5/);
});

test('hover on the NAck pattern with the latin1Fold assumption: both forms, the reading, the Latin-1 reading and the warning', () => {
  const h = hoverAt(String.raw`/ip firewall layer7-protocol add name=skypenack regexp="\\x|d5.......\$"`, {
    latin1Fold: true,
  });
  assert.ok(h);
  assert.equal(h.text.slice(h.start, h.end), String.raw`"\\xd5.......\$"`);
  assert.ok(h.markdown.includes('```text\n\\xd5.......$\n```'), 'Winbox form');
  assert.ok(h.markdown.includes('as `\\xHH`):\n```text\n\\xd5.......$\n```'), 'engine form');
  assert.ok(
    rendered(h.markdown).text.includes(
      'Matches: byte 0xD5, then any 7 bytes at the end of the packet being matched (the end of the data collected so far).',
    ),
  );
  assert.ok(h.markdown.includes('```text\n\\xf5.......$\n```'), 'engine text under the Latin-1 fold');
  assert.ok(h.markdown.includes('matches byte 0xF5, then any 7 bytes'));
  assert.match(h.markdown, /- RSC3013: byte 0xD5/);
});

test("hover on the thread's class: a class of three bytes, with RSC3003 and RSC3005 inline", () => {
  const h = hoverAt(String.raw`/ip firewall layer7-protocol add name=skypenack regexp=|"[\\\\|\\xd5]"`);
  assert.ok(h);
  // The rendered text keeps the backslash member (it used to vanish into markdown's `\"` escape).
  const r = rendered(h.markdown);
  assert.ok(
    r.text.includes('Matches: one byte out of {\\, |, byte 0xD5} anywhere in the first 2 KB'),
    r.text,
  );
  assert.ok(r.html.includes('{<code>\\</code>, <code>|</code>, byte 0xD5}'), r.html);
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

test('hover: pattern text with markdown characters renders as written (code spans, escaped prose)', () => {
  const h = hoverAt(String.raw`/ip firewall layer7-protocol add name=x regexp="^a|\\*b_c<d>"`);
  assert.ok(h);
  const r = rendered(h.markdown);
  assert.ok(r.text.includes('Matches: the text a*b_c<d> (any case) at the very start'), r.text);
});
