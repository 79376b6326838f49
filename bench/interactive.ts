// Completion, hover and semantic-token latency on a 10,000-line document, through the same functions the
// LSP handlers call (lsp/features.ts on the analysis the server caches), at 200 seeded random positions.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache, type Analysis } from '../server/src/lsp/documents';
import { completion, hover, semanticTokens } from '../server/src/lsp/features';
import { prng as rng } from '../test/prng';
import { firewallExport, scriptingHeavy } from './inputs';
import { median, ms, type Row } from './util';

/** 10,000 lines: half scripting (variables, functions), half a firewall/QoS export (config names). */
export function interactiveDocument(): string {
  const script = scriptingHeavy(400 * 1024)
    .split('\n')
    .slice(0, 5000);
  const fw = firewallExport(10_000).split('\n').slice(0, 5000);
  return [...script, ...fw].join('\n');
}

function positions(text: string, count: number, seed: number): { line: number; character: number }[] {
  const lines = text.split('\n');
  const r = rng(seed);
  const out: { line: number; character: number }[] = [];
  for (let i = 0; i < count; i++) {
    const line = Math.floor(r() * lines.length);
    out.push({ line, character: Math.floor(r() * (lines[line].length + 1)) });
  }
  return out;
}

export function interactiveRows(quick: boolean): Row[] {
  const text = interactiveDocument();
  const cache = new AnalysisCache();
  let doc = TextDocument.create('file:///interactive.rsc', 'routeros', 1, text);
  const at = positions(text, quick ? 60 : 200, 8);
  const fresh = (): Analysis => {
    // An edit that changes nothing semantically (a space at the end of the last line) makes a new version,
    // so the per-parse indexes are rebuilt as after a keystroke; the lint is not part of what is timed.
    const end = doc.positionAt(doc.getText().length);
    doc = TextDocument.update(doc, [{ range: { start: end, end }, text: ' ' }], doc.version + 1);
    return cache.get(doc);
  };

  const time = (fn: () => unknown): number => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  };

  // The first request after an edit pays for what is built per parse: a variable completion needs the
  // scope model (`$` in the scripting half), a value completion the config-names index (an address-list
  // name in the export half), a hover on a variable the scope model again.
  const lines = text.split('\n');
  const find = (from: number, needle: string): { line: number; character: number } => {
    for (let l = from; l < lines.length; l++) {
      const c = lines[l].indexOf(needle);
      if (c >= 0) return { line: l, character: c + needle.length };
    }
    return { line: 0, character: 0 };
  };
  const variablePos = find(2500, '$');
  const namePos = find(7500, 'src-address-list=');
  const firstCompletion: number[] = [];
  const firstHover: number[] = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    const a = fresh();
    firstCompletion.push(time(() => completion(a, i % 2 ? namePos : variablePos, 'latest')));
    const b = fresh();
    firstHover.push(time(() => hover(b, variablePos, 'latest')));
  }

  const a = fresh();
  completion(a, at[0], 'latest');
  const comp = at.map((p) => time(() => completion(a, p, 'latest')));
  const hov = at.map((p) => time(() => hover(a, p, 'latest')));

  const sem: number[] = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    const s = fresh();
    sem.push(time(() => semanticTokens(s)));
  }

  const c = median(comp);
  const h = median(hov);
  return [
    {
      what: `completion, 10,000-line document (${at.length} random positions)`,
      value: `${ms(c)} (slowest ${ms(Math.max(...comp))})`,
      target: '< 20 ms',
      ok: c < 20,
    },
    {
      what: `hover, 10,000-line document (${at.length} random positions)`,
      value: `${ms(h)} (slowest ${ms(Math.max(...hov))})`,
      target: '< 20 ms',
      ok: h < 20,
    },
    {
      what: 'first completion after an edit (variable or config name; builds per-parse indexes)',
      value: ms(median(firstCompletion)),
    },
    { what: 'first hover after an edit (on a variable)', value: ms(median(firstHover)) },
    { what: 'semantic tokens, full 10,000-line document', value: ms(median(sem)) },
  ];
}
