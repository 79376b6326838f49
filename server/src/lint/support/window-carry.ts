// State a rule carries from one window of a script to the next when `rsc lint` lints a big file window by
// window (lint/windowed.ts). A rule whose findings on a statement depend on an earlier statement in a way
// the parser does not carry (RSC2001: after an unknown menu line) keeps that state here; on a whole parse
// there is no carry and the rule starts afresh, as before. (Once-per-file findings need no carry: the
// linter keeps the first of them, run.ts onePerFile.)
import type { ParseResult } from '../../syntax';

const CARRY = Symbol('window carry');

/** Gives the windows of one lint the same `carry` (one Map per lint, keyed by rule code). */
export function useWindowCarry(parse: ParseResult, carry: Map<string, unknown>): void {
  Object.defineProperty(parse, CARRY, { value: carry, configurable: true });
}

/**
 * The state rule `code` carried into the window `parse` (made by `make` in the first window), or
 * undefined when `parse` is a whole script.
 */
export function windowCarry<T>(parse: ParseResult, code: string, make: () => T): T | undefined {
  const carry = (parse as ParseResult & { [CARRY]?: Map<string, unknown> })[CARRY];
  if (carry === undefined) return undefined;
  let state = carry.get(code) as T | undefined;
  if (state === undefined) carry.set(code, (state = make()));
  return state;
}
