// The overlay assembled: every per-area file merged into one map keyed by menu path, plus the generic
// command docs and the renames. A new area file is added to OVERLAY here (see docs/schema.md).

import { FIREWALL } from './firewall';
import { GLOBALS } from './globals';
import { NETWORK } from './network';
import type { Overlay } from './types';

export { COMMON_COMMAND_DOCS } from './common';
export { RENAMES } from './renames';

export const OVERLAY: Overlay = { ...GLOBALS, ...FIREWALL, ...NETWORK };

/** Area files by name, for the test that no two define the same menu. */
export const OVERLAY_PARTS: Readonly<Record<string, Overlay>> = {
  globals: GLOBALS,
  firewall: FIREWALL,
  network: NETWORK,
};
