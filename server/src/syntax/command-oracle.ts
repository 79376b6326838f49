// The command oracle: how the parser learns which words are menus and commands (RouterOS decides
// "expected command name" from its command tree, which syntax/ does not know; lint/oracle.ts injects it).

/**
 * Tells the parser what a word means in a menu: a submenu, a command, or nothing RouterOS knows.
 * `menu` is the absolute menu path (e.g. `['ip', 'firewall']`), `word` the name as written.
 */
export type CommandOracle = (menu: readonly string[], word: string) => 'menu' | 'command' | 'unknown';

export interface ParseOptions {
  /** When given, menu/command names are checked the way RouterOS does; otherwise the parser is lenient. */
  commandOracle?: CommandOracle;
}

/**
 * Wraps an exact-name oracle so that it also understands RouterOS's unique-prefix abbreviations
 * (`/sys leds` is `/system leds`, `/ip fire conn` is `/ip firewall connection`). `childNames(menu)` lists
 * the names in an (exact) menu. The returned oracle resolves abbreviated segments of `menu` first.
 */
export function abbreviatingOracle(
  oracle: CommandOracle,
  childNames: (menu: readonly string[]) => readonly string[],
): CommandOracle {
  const expand = (menu: readonly string[], word: string): string => {
    const names = childNames(menu);
    if (names.includes(word)) return word;
    const matches = names.filter((n) => n.startsWith(word));
    return matches.length === 1 ? matches[0] : word;
  };
  // Scripts ask the same few questions thousands of times (every `add` line of an export), and the
  // command tree never changes, so answers are memoised; the cache is bounded by the distinct
  // (menu, word) pairs of the scripts seen, and reset if it ever grows large.
  const cache = new Map<string, ReturnType<CommandOracle>>();
  // In front of it, answers per menu array: the parser passes the same (never mutated) array for every
  // command of a menu section, which saves building the string key on each line. (A WeakMap keyed by the
  // parser's menu arrays: its values are the oracle's answers, which hold nothing of the parse.)
  const byMenu = new WeakMap<readonly string[], Map<string, ReturnType<CommandOracle>>>();
  return (menu, word) => {
    let forMenu = byMenu.get(menu);
    if (!forMenu) byMenu.set(menu, (forMenu = new Map()));
    const quick = forMenu.get(word);
    if (quick !== undefined) return quick;
    const key = menu.length ? `${menu.join(' ')} ${word}` : word;
    const hit = cache.get(key);
    if (hit !== undefined) {
      if (forMenu.size < 1000) forMenu.set(word, hit);
      return hit;
    }
    const exact: string[] = [];
    for (const seg of menu) exact.push(expand(exact, seg));
    const answer = oracle(exact, expand(exact, word));
    if (cache.size > 50_000) cache.clear();
    cache.set(key, answer);
    if (forMenu.size < 1000) forMenu.set(word, answer);
    return answer;
  };
}
