// Which extra RouterOS package brings a name, and which menus only RouterBOARD hardware has. The command
// tree knows WHETHER a name needs a package other than `routeros` (the generator compares the x86 dumps
// with all packages against the `base/` dumps with `routeros` alone and marks the difference with `!`),
// but the dumps do not name packages: this map does, by menu prefix. `packages.test.ts` checks that every
// marked subtree of the tree is named here, and that every entry matches a marked subtree.

/** One menu prefix (as written in scripts) and the package that brings what it marks there. */
export interface PackageEntry {
  /** `/container`, `/interface wifi`: the entry covers this menu and the menus under it. */
  readonly menu: string;
  /**
   * When only some names under `menu` come from the package (`/disk` is in `routeros`, its RAID and
   * network-disk arguments are not): the marked command or argument names this entry covers.
   */
  readonly names?: readonly string[];
  readonly package: string;
}

/**
 * Menu prefixes whose marked names come from an extra package, checked against the base/full difference
 * of RouterOS 7.9 ... 7.24 (x86). The longest matching prefix wins; names an entry's `names` list does
 * not cover fall through to shorter prefixes.
 */
export const PACKAGE_MAP: readonly PackageEntry[] = [
  { menu: '/app', package: 'container' },
  { menu: '/container', package: 'container' },
  // `veth` interfaces moved from `routeros` to the container package in 7.21.
  { menu: '/interface veth', package: 'container' },
  { menu: '/dude', package: 'dude' },
  { menu: '/iot', package: 'iot' },
  { menu: '/lora', package: 'lora' },
  { menu: '/system gps', package: 'gps' },
  { menu: '/user-manager', package: 'user-manager' },
  { menu: '/tool calea', package: 'calea' },
  { menu: '/tr069-client', package: 'tr069-client' },
  // The old wireless driver and its CAPsMAN: their own package from 7.13 (part of x86 base before).
  { menu: '/caps-man', package: 'wireless' },
  { menu: '/interface wireless', package: 'wireless' },
  // The 802.11ax driver before 7.13 (renamed wifi-qcom; `/interface wifi` itself is in `routeros`).
  { menu: '/interface wifiwave2', package: 'wifiwave2' },
  { menu: '/openflow', package: 'openflow' },
  { menu: '/interface wifi', names: ['datapath.openflow-switch', 'openflow-switch'], package: 'openflow' },
  // ROSE storage: RAID, network disks (NFS, SMB, iSCSI, NVMe/TCP), btrfs, rsync and file sync.
  { menu: '/disk', package: 'rose-storage' },
  { menu: '/rsync-daemon', package: 'rose-storage' },
  { menu: '/file', package: 'rose-storage' },
];

/**
 * Marked names whose package we could not confirm from the manual: lint says "an extra package" for
 * them. Listed (menu path, command, argument) so that the test notices a new unnamed subtree.
 */
export const UNNAMED_PACKAGE_NAMES: readonly string[] = [
  '/interface lte settings reset info-polling-interval',
  '/interface lte settings set info-polling-interval',
  '/tool netinstall',
];

/**
 * Package names `routeros.targetPackages` and `rsc lint --packages` accept besides `all` and `base`: the
 * packages of the map and the other RouterOS 7 extra packages, which bring nothing the x86 tree shows
 * (so naming them changes no finding, but is not a typo either).
 */
export const KNOWN_PACKAGES: readonly string[] = [
  ...new Set([
    ...PACKAGE_MAP.map((e) => e.package),
    'extra-nic',
    'ups',
    'wifi-qcom',
    'wifi-qcom-ac',
    'zerotier',
  ]),
].sort();

/**
 * Menus that only RouterBOARD hardware has, so the x86 tree lacks them although real routers accept
 * them, with what they need. A script that uses one is not wrong: lint says at most, as information, that
 * the tree cannot check it, the parser reads them as menus (lint/oracle.ts), and commands in them are not
 * checked against any other menu. Sub-menus listed here are menus too; any other word in such a menu is
 * taken as a command.
 */
export const BOARD_MENUS: Readonly<Record<string, string>> = {
  '/system routerboard': 'a RouterBOARD (it is not on x86 or CHR)',
  '/system routerboard settings': 'a RouterBOARD (it is not on x86 or CHR)',
  '/system routerboard mode-button': 'a RouterBOARD with a mode button',
  '/system routerboard reset-button': 'a RouterBOARD with a reset button',
  '/system routerboard wps-button': 'a RouterBOARD with a WPS button',
  '/system routerboard usb': 'a RouterBOARD with USB',
  '/interface ethernet switch': 'a board with a switch chip',
  '/interface ethernet switch port': 'a board with a switch chip',
  '/interface ethernet switch rule': 'a board with a switch chip',
  '/interface ethernet switch vlan': 'a board with a switch chip',
  '/interface ethernet switch host': 'a board with a switch chip',
  '/interface ethernet switch port-isolation': 'a board with a switch chip',
  '/interface ethernet poe': 'a board with PoE output',
  // Fan and sensor settings of boards; x86 has /system health with no settings.
  '/system health settings': 'a board with health sensors',
  '/interface w60g': 'a 60 GHz board with the wireless package',
  '/lcd': 'a board with an LCD panel',
};
