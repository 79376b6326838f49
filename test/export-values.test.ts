// Property: what /export could print lints clean. For every menu of the generated command tree (latest
// version), one `add` and one `set` line the way /export writes them, every argument at a value its own
// type (RouterOS's `desc` hint, or the overlay's) calls valid, must get no error and no warning from the
// codes that judge names and values (syntax, unknown names and parameters, enum values, malformed values,
// versions, packages). Arguments of an unknown type get no value: nothing tells us one. Reads only the
// generated schema, never ../shared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../server/src/lint';
import {
  formatTime,
  loadSchema,
  parseTarget,
  validateValue,
  type SchemaNode,
  type ValueType,
} from '../server/src/schema';

/** The codes that call a name or a value invalid. */
const VALIDITY = /^RSC(1\d{3}|200[1-4]|2007|500[12])$/;

/**
 * Values of `type` that the type itself accepts (its bounds, every enumerated value, a list, a range),
 * or none when it says nothing.
 */
export function sampleValues(type: ValueType): string[] {
  switch (type.kind) {
    case 'unknown':
    case 'script':
      return [];
    case 'string': {
      const n = Math.max(1, type.min ?? 1);
      if (type.hex) return ['ab'.repeat(Math.ceil(n / 2)).slice(0, Math.max(n, 2) - (n % 2 ? 1 : 0) || 2)];
      const spaced = 'a b'.padEnd(Math.max(n, 3), 'x');
      return ['x'.repeat(n), ...(type.max === undefined || spaced.length <= type.max ? [spaced] : [])];
    }
    case 'enum':
      return type.list && type.values.length > 1
        ? [...type.values, `${type.values[0]},${type.values[1]}`]
        : [...type.values];
    case 'number':
    case 'int-range': {
      const lo = type.min ?? (type.max !== undefined ? Math.min(0, type.max) : 0);
      return type.max !== undefined ? [String(lo), String(type.max)] : [String(lo)];
    }
    case 'time': {
      const lo = type.min ?? (type.max !== undefined ? Math.min(1000, type.max) : 1000);
      const out = [formatTime(lo)];
      if (type.max !== undefined) out.push(formatTime(type.max));
      // A time of day: RouterOS writes ranges of it (`/ip kid-control ... wed=0s-1d`).
      if (type.max === 86_400_000) out.push(`${formatTime(lo)}-${formatTime(type.max)}`);
      return out;
    }
    case 'ip':
      return ['10.0.0.1'];
    case 'ip-prefix':
      return ['10.0.0.0/8', '0.0.0.0/0'];
    case 'ip-range':
      return ['10.0.0.1-10.0.0.9', '10.0.0.0/8', '10.0.0.1'];
    case 'ipv6':
      return ['2001:db8::1', '::'];
    case 'ipv6-prefix':
      return ['2001:db8::/32', '::/0'];
    case 'mac':
      return ['02:00:00:00:00:01'];
    case 'yesno':
      return ['yes', 'no'];
    case 'port-range':
      return ['8000-8080', '80,443'];
    case 'rate':
      return ['10M', '0'];
    case 'one-of':
      return type.types.flatMap(sampleValues);
    case 'negatable': {
      const inner = sampleValues(type.inner);
      return inner.length > 0 ? [...inner, `!${inner[0]}`] : [];
    }
  }
}

/** As /export quotes: bare when the value is one plain word, else a quoted string. */
function written(value: string): string {
  return /^[A-Za-z0-9._:/+*-]+$/.test(value) && !value.startsWith('-')
    ? value
    : `"${value.replace(/["\\$]/g, (c) => `\\${c}`)}"`;
}

/** `/menu path` followed by one line per command (`add`, `set`) with every argument that has a sample. */
function exportText(label: string): { text: string; values: number } {
  const target = parseTarget(label);
  const lines: string[] = [];
  let values = 0;
  const walk = (menu: SchemaNode): void => {
    const own: string[] = [];
    for (const c of menu.children()) {
      if (!c.existsIn(target)) continue;
      if (c.kind !== 'command' || (c.name !== 'add' && c.name !== 'set')) continue;
      // One line per sample index: line k gives every argument its k-th sample (or its last).
      const samples: [string, string[]][] = [];
      for (const a of c.children()) {
        if (!a.existsIn(target) || a.name === 'numbers') continue;
        const type = a.typeIn(target);
        const vs = sampleValues(type);
        for (const v of vs)
          // Valid for its own type by construction; the property is about the linter.
          assert.ok(validateValue(type, v).ok, `${a.menuPath} ${c.name} ${a.name}=${v}`);
        if (vs.length > 0) samples.push([a.name, vs]);
      }
      const rounds = Math.max(0, ...samples.map(([, vs]) => vs.length));
      for (let k = 0; k < rounds; k++) {
        const parts = [c.name];
        for (const [name, vs] of samples) parts.push(`${name}=${written(vs[Math.min(k, vs.length - 1)])}`);
        values += samples.length;
        own.push(parts.join(' '));
      }
    }
    if (own.length > 0 && menu.parent) lines.push(menu.menuPath, ...own);
    for (const c of menu.children()) if (c.isMenu && c.existsIn(target)) walk(c);
  };
  walk(loadSchema().root);
  return { text: lines.join('\n') + '\n', values };
}

for (const label of ['latest', '7.22', '7.9'])
  test(`export-shaped add/set lines with a valid value for every typed argument lint clean (${label})`, () => {
    const { text, values } = exportText(label);
    // The tree has thousands of typed arguments; far fewer means the walk or the types broke.
    assert.ok(values > 3000, `only ${values} values`);
    const bad = lintText(text, { target: label }).diagnostics.filter(
      (d) => (d.severity === 'error' || d.severity === 'warning') && VALIDITY.test(d.code),
    );
    const show = bad.slice(0, 20).map((d) => {
      const lineStart = text.lastIndexOf('\n', d.start - 1) + 1;
      const lineEnd = text.indexOf('\n', d.start);
      return `${d.code} ${text.slice(d.start, d.end)}: ${d.message}\n  in: ${text.slice(lineStart, lineEnd).slice(0, 200)}`;
    });
    assert.deepEqual(show, []);
  });

test('the two values the issue saw /export print are valid (7.22 still hints IPv6 alone for ipsec)', () => {
  const text =
    '/ip kid-control\nadd name=kids wed=0s-1d\n/ip ipsec policy\nadd dst-address=0.0.0.0/0 src-address=0.0.0.0/0\n';
  for (const target of ['7.22', 'latest']) {
    const bad = lintText(text, { target }).diagnostics.filter(
      (d) => d.severity === 'error' || d.severity === 'warning',
    );
    assert.deepEqual(bad, [], target);
  }
});

test('near misses of those values are still reported', () => {
  const codes = (t: string): string[] =>
    lintText(t, { target: '7.22' })
      .diagnostics.filter((d) => VALIDITY.test(d.code))
      .map((d) => `${d.code}:${t.slice(d.start, d.end)}`);
  assert.deepEqual(codes('/ip kid-control add name=k wed=0s-25h'), ['RSC2004:0s-25h']);
  assert.deepEqual(codes('/ip kid-control add name=k wed=8h-9h,someday'), ['RSC2004:8h-9h,someday']);
  assert.deepEqual(codes('/ip ipsec policy add dst-address=10.0.0.300'), ['RSC2004:10.0.0.300']);
  // Under /ipv6 the family is fixed: an IPv4 prefix is not an IPv6 one.
  assert.deepEqual(codes('/ipv6 dhcp-client add interface=ether1 prefix-hint=10.0.0.0/8'), [
    'RSC2004:10.0.0.0/8',
  ]);
});
