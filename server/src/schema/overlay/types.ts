// The shape of the overlay: what we add by hand to RouterOS's command tree (value types the tree leaves
// out, short docs in our own words, v6 notes, renames). Typed, so a malformed entry fails tsc; a test
// checks that every key names something the tree has.

import type { ValueType } from '../types';

export interface ArgOverlay {
  /** One or two sentences, in our own words. */
  readonly doc?: string;
  /** Value type, used where RouterOS's tree gives none (no `desc` or `see documentation`). */
  readonly type?: ValueType;
  /**
   * Use `type` even where the tree has a type of its own, because RouterOS's hint is narrower than what
   * it accepts (`/ip address add address=` says IP address, yet takes `192.168.88.1/24`).
   */
  readonly force?: boolean;
  /** What differs in RouterOS 6. */
  readonly v6?: string;
}

export interface CommandOverlay {
  readonly doc?: string;
  readonly v6?: string;
  readonly args?: Readonly<Record<string, ArgOverlay>>;
}

export interface MenuOverlay {
  readonly doc?: string;
  readonly v6?: string;
  /** Arguments shared by every command of this menu that has them (add, set, find, print ...). */
  readonly args?: Readonly<Record<string, ArgOverlay>>;
  readonly commands?: Readonly<Record<string, CommandOverlay>>;
}

/** Keyed by menu path as written in scripts: `/ip firewall filter`; `/` holds the global commands. */
export type Overlay = Readonly<Record<string, MenuOverlay>>;

/** A name that moved between versions (mostly v6 -> v7), for RSC5001's replacement hint. */
export interface Rename {
  /** The old name: a menu path, optionally with a command and an argument. */
  readonly menu: string;
  readonly command?: string;
  readonly arg?: string;
  /** The replacement as the user should write it, e.g. `routing-table=` or `/routing rule`. */
  readonly replacement: string;
  /** Where the old name lived: 'v6' or the last 7.x version that had it. */
  readonly until: string;
  readonly note: string;
}
