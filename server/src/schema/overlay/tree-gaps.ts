// What the command tree cannot know: menus whose contents depend on the board or on packages the x86
// dumps lack, names missing from the tree with what they need, and menus whose x86 version history is
// shorter than RouterOS's. The schema rules (RSC2001, RSC2002, RSC5001) read these to tell a typo from a
// name the dumps simply do not show.

import { BOARD_MENUS } from './packages';

/**
 * Menus whose arguments depend on the board or on packages that are not built for x86. The tree comes
 * from x86 with all packages, so `/interface ethernet set ether1 poe-out=off` (a PoE board) or a radio
 * setting of a chip the x86 build lacks is missing from it although real routers accept it.
 */
const HARDWARE_MENUS: readonly string[] = [
  '/interface ethernet',
  '/interface wireless',
  '/interface wifi',
  '/interface wifiwave2',
  '/interface w60g',
  '/interface lte',
  '/caps-man',
  '/system leds',
  '/system health',
  '/system gps',
  '/system ups',
  '/port',
  '/iot',
];

/** True when `menu` (e.g. `/interface ethernet switch`) is, or lies under, one of `prefixes`. */
export function underMenu(menu: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => menu === p || menu.startsWith(`${p} `));
}

export function isHardwareMenu(menu: string): boolean {
  return underMenu(menu, HARDWARE_MENUS);
}

/**
 * Names the x86 tree lacks although RouterOS has them on other hardware or in other packages, with what
 * they need; used to explain RSC2001 instead of calling them typos.
 */
const MISSING_FROM_TREE: Readonly<Record<string, string>> = {
  ...BOARD_MENUS,
  '/zerotier': 'the zerotier package (ARM and ARM64 builds only)',
  '/interface zerotier': 'the zerotier package (ARM and ARM64 builds only)',
};

/** What a name missing from the tree probably needs, or undefined. `full` is e.g. `/system routerboard`. */
export function missingNeeds(full: string): string | undefined {
  // The longest matching menu says the most (`/system routerboard settings` before `/system routerboard`).
  let best: string | undefined;
  let bestLength = -1;
  for (const [menu, needs] of Object.entries(MISSING_FROM_TREE)) {
    if ((full === menu || full.startsWith(`${menu} `)) && menu.length > bestLength) {
      best = needs;
      bestLength = menu.length;
    }
  }
  return best;
}

/**
 * Menus whose version range in the x86 dumps reflects the package set, not RouterOS's history: the
 * wireless package (with the old CAPsMAN) is in every 7.x for ARM and MIPS, but in x86 builds only from
 * 7.13. RSC5001 treats them as present in every version where their subtree first appears or earlier.
 */
export const PACKAGE_GATED: readonly string[] = ['/interface wireless', '/caps-man'];

/**
 * Root-level shortcuts that the 7.23 and 7.24 dumps no longer list although the manual still documents
 * them (`/ping` for `/tool ping`); until a router confirms their removal, RSC5001 does not call them gone.
 */
export const UNDUMPED_ALIASES: readonly string[] = ['ping'];
