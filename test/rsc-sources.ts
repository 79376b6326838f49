// The RouterOS scripts tests run invariants over: the examples, every fixture, and every `corpusEvery`-th
// script of the parse corpus (../shared/data/parse-corpus, when it is beside the project), in a stable order.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(__dirname, '..');

export interface RscSource {
  name: string;
  text: string;
}

/** `moreFixtures`: also the language server's fixtures and the grammar tests' scripts. */
export function rscSources(corpusEvery: number, moreFixtures = false): RscSource[] {
  const out: RscSource[] = [];
  const add = (dir: string, every: number): void => {
    if (!existsSync(dir)) return;
    const files = (readdirSync(dir, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.rsc'))
      .sort();
    for (let i = 0; i < files.length; i += every)
      out.push({ name: files[i], text: readFileSync(join(dir, files[i]), 'utf8') });
  };
  add(join(repo, 'examples'), 1);
  add(join(repo, 'test', 'fixtures'), 1);
  if (moreFixtures) {
    add(join(repo, 'test', 'lsp', 'fixtures'), 1);
    add(join(repo, 'test', 'grammar'), 1);
  }
  add(join(repo, '..', 'shared', 'data', 'parse-corpus', 'scripts'), corpusEvery);
  return out;
}
