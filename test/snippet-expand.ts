// Expands VS Code snippet bodies with their default placeholders (the way VS Code inserts them) and runs a
// small RouterOS sanity scan; shared by the snippet tests.

export interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'tabstop'; index: number; children: Node[] | null }
  | { kind: 'choice'; index: number; options: string[] };

interface Parsed {
  nodes: Node[];
  end: number;
}

/**
 * Parses VS Code snippet syntax (`$1`, `${1}`, `${1:default}` nested, `${1|a,b|}`, `\$` `\}` `\\` escapes)
 * from `start` until an unescaped `}` when `nested`, or the end of the text. Snippet variables (`$NAME`,
 * `${NAME}`) are reported as problems: in a RouterOS body they are almost always a `$var` that lacks its `\`.
 */
function parseSnippet(src: string, start: number, nested: boolean, problems: string[]): Parsed {
  const nodes: Node[] = [];
  let text = '';
  let i = start;
  const flush = (): void => {
    if (text) nodes.push({ kind: 'text', text });
    text = '';
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '\\' && i + 1 < src.length && '$}\\'.includes(src[i + 1])) {
      text += src[i + 1];
      i += 2;
      continue;
    }
    if (nested && c === '}') return (flush(), { nodes, end: i + 1 });
    if (c !== '$') {
      text += c;
      i++;
      continue;
    }
    const simple = /^\$(\d+)/.exec(src.slice(i));
    if (simple) {
      flush();
      nodes.push({ kind: 'tabstop', index: Number(simple[1]), children: null });
      i += simple[0].length;
      continue;
    }
    const braced = /^\$\{(\d+)([}:|])/.exec(src.slice(i));
    if (braced) {
      flush();
      const index = Number(braced[1]);
      i += braced[0].length;
      if (braced[2] === '}') {
        nodes.push({ kind: 'tabstop', index, children: null });
      } else if (braced[2] === ':') {
        const inner = parseSnippet(src, i, true, problems);
        nodes.push({ kind: 'tabstop', index, children: inner.nodes });
        i = inner.end;
      } else {
        const close = src.indexOf('|}', i);
        if (close < 0) {
          problems.push(`unterminated choice for tab stop ${index}`);
          return { nodes, end: src.length };
        }
        nodes.push({ kind: 'choice', index, options: src.slice(i, close).split(',') });
        i = close + 2;
      }
      continue;
    }
    const variable = /^\$\{?[A-Za-z_]\w*/.exec(src.slice(i));
    if (variable) problems.push(`"${variable[0]}" is a snippet variable; write \\$ for a RouterOS variable`);
    // A `$` that starts nothing is literal text in VS Code snippets.
    text += c;
    i++;
  }
  if (nested) problems.push('unterminated ${...} placeholder');
  flush();
  return { nodes, end: i };
}

/** Expands a snippet body to the text VS Code inserts when every tab stop keeps its default. */
export function expandSnippet(body: string): { text: string; problems: string[] } {
  const problems: string[] = [];
  const { nodes } = parseSnippet(body, 0, false, problems);
  const defaults = new Map<number, string>();
  const render = (list: Node[]): string =>
    list
      .map((node) => {
        if (node.kind === 'text') return node.text;
        if (node.kind === 'choice') return node.options[0];
        return node.children ? render(node.children) : (defaults.get(node.index) ?? '');
      })
      .join('');
  // The first occurrence with a default defines the tab stop; bare `$n`/`${n}` elsewhere mirror it.
  const collect = (list: Node[]): void => {
    for (const node of list) {
      if (node.kind === 'choice' && !defaults.has(node.index)) defaults.set(node.index, node.options[0]);
      if (node.kind === 'tabstop' && node.children) {
        collect(node.children);
        if (!defaults.has(node.index)) defaults.set(node.index, render(node.children));
      }
    }
  };
  collect(nodes);
  return { text: render(nodes), problems };
}

const validEscape = /^(?:[0-9A-F]{2}|["\\nrt$?_abfv])/;
const closers: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/**
 * A deliberately small RouterOS sanity scan, not a parser: strings must close and use only documented
 * escapes, brackets must balance and nest, and `#` may only open a comment where a command can start.
 */
export function routerosProblems(text: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let commandStart = true;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '\n' || c === ';') {
      commandStart = true;
      i++;
      continue;
    }
    if (c === '#') {
      if (!commandStart)
        problems.push(`"#" after arguments at offset ${i} (RouterOS: expected end of command)`);
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') {
          if (text[i + 1] !== '\n' && !validEscape.test(text.slice(i + 1, i + 3))) {
            problems.push(`invalid escape "\\${text[i + 1] ?? ''}" at offset ${i}`);
          }
          i += 2;
        } else i++;
      }
      if (i >= text.length) problems.push('unterminated string');
      i++;
      commandStart = false;
      continue;
    }
    if (c === '{' || c === '[' || c === '(') {
      stack.push(c);
      commandStart = c !== '(';
      i++;
      continue;
    }
    if (c in closers) {
      const open = stack.pop();
      if (open !== closers[c])
        problems.push(`"${c}" at offset ${i} closes ${open ? `"${open}"` : 'nothing'}`);
      commandStart = false;
      i++;
      continue;
    }
    commandStart = false;
    i++;
  }
  if (stack.length) problems.push(`unclosed ${stack.map((s) => `"${s}"`).join(' ')}`);
  return problems;
}
