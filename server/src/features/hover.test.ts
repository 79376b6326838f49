// Hover tests: a `|` marks the cursor; the assertions check the facts shown, not the exact prose.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../lint';
import { getHover } from './hover';

function hover(src: string): { contents: string; word: string } | undefined {
  const offset = src.indexOf('|');
  const text = src.slice(0, offset) + src.slice(offset + 1);
  const h = getHover({ text, parse: lintText(text).parse }, offset);
  return h ? { contents: h.contents, word: text.slice(h.start, h.end) } : undefined;
}

describe('getHover', () => {
  it('documents arguments with type, values and versions', () => {
    const h = hover('/ip firewall filter add ch|ain=forward');
    assert.equal(h?.word, 'chain');
    assert.match(h?.contents ?? '', /`forward`/);
    assert.match(h?.contents ?? '', /all versions/);
  });

  it('documents menus and commands', () => {
    assert.equal(hover('/ip fire|wall filter add chain=forward')?.word, 'firewall');
    assert.match(hover('/ip fire|wall filter add')?.contents ?? '', /\/ip firewall/);
    assert.match(hover('/ip firewall filter a|dd chain=forward')?.contents ?? '', /\/ip firewall filter add/);
    assert.match(hover(':pu|t 1')?.contents ?? '', /global command/);
    assert.match(hover('/ip firewall\nfil|ter add')?.contents ?? '', /\/ip firewall filter/);
  });

  it('shows where a variable is declared', () => {
    const h = hover(':local x 1\n:put $|x');
    assert.equal(h?.word, 'x');
    assert.match(h?.contents ?? '', /local variable/);
    assert.match(h?.contents ?? '', /line 1/);
    assert.match(hover(':put $un|known')?.contents ?? '', /not declared/);
    assert.match(hover(':global f do={ :put $na|me }')?.contents ?? '', /Named argument/);
  });

  it('normalises literals', () => {
    assert.match(hover(':delay 1d2|h')?.contents ?? '', /93600 s.*1d02:00:00/);
    assert.match(hover(':put 0x1|F')?.contents ?? '', /= 31/);
    const p = hover(':put 10.0.0.1/2|4')?.contents ?? '';
    assert.match(p, /Network 10\.0\.0\.0/);
    assert.match(p, /broadcast 10\.0\.0\.255/);
    assert.match(p, /256 addresses/);
    assert.match(hover(':put "a\\n|b"')?.contents ?? '', /a\\x0ab/);
  });

  it('shows config names with their sites', () => {
    const h = hover('/ip firewall address-list add list=lan\n/ip firewall filter add src-address-list=l|an');
    assert.equal(h?.word, 'lan');
    assert.match(h?.contents ?? '', /address list/);
    assert.match(h?.contents ?? '', /Defined on line 1/);
  });

  it('returns nothing on white space and never throws', () => {
    assert.equal(hover('   |   '), undefined);
    for (const src of ['|', '"|', '/ip |', ':local |', '{ $|', '/ip firewall filter add chain=|']) hover(src);
  });
});

describe('getHover: what add requires', () => {
  const at = (src: string, target?: string): string => {
    const offset = src.indexOf('|');
    const text = src.slice(0, offset) + src.slice(offset + 1);
    return getHover({ text, parse: lintText(text).parse }, offset, { target })?.contents ?? '';
  };

  it('names the required arguments of the target version with the probe and its range', () => {
    const h = at('/ip firewall mangle a|dd action=accept', '7.22');
    assert.match(h, /\*\*Requires\*\* `chain=`/);
    assert.match(h, /RouterOS 7\.22\.1 \(probe used for 7\.21–7\.22\)/);
    assert.match(h, /"Script Error: missing value\(s\) of argument\(s\) chain"/);
    assert.match(at('/routing bgp connection a|dd', '7.20'), /`remote\.address=`/);
    assert.doesNotMatch(at('/routing bgp connection a|dd', '7.22'), /remote\.address/);
    assert.match(at('/ip firewall filter\na|dd'), /RouterOS 7\.23rc1/);
  });

  it('quotes a custom answer without calling it required, and says when nothing is', () => {
    const h = at('/interface wifi a|dd', '7.22');
    assert.doesNotMatch(h, /Requires/);
    assert.match(h, /"failure: must specify exactly one of radio-mac, master-interface or mld-name"/);
    assert.match(at('/interface bridge a|dd'), /no argument is required/);
  });

  it('says nothing for unprobed menus, other commands and RouterOS 6', () => {
    assert.doesNotMatch(at('/interface wireless a|dd'), /RouterOS 7\.2[0-3]/);
    assert.doesNotMatch(at('/ip firewall filter se|t 0 chain=input'), /Requires/);
    assert.doesNotMatch(at('/ip firewall filter a|dd', '6'), /Requires/);
  });
});
