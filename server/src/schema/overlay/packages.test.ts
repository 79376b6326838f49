// Checks the package map against the tree: every subtree that the `routeros` package alone lacks is named
// by an entry (or listed as unnamed), every entry names such a subtree, and the option parser.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  boardMenu,
  commandOracle,
  loadSchema,
  packageOf,
  parsePackages,
  packagesLabel,
  resolveMenu,
  VERSIONS,
  type SchemaNode,
} from '../index';
import { BOARD_MENUS, KNOWN_PACKAGES, PACKAGE_MAP, UNNAMED_PACKAGE_NAMES } from './packages';

/** Written name of a node: menu path, then command and argument names. */
function fullName(n: SchemaNode): string {
  return `/${n.path.join(' ')}`;
}

/** The topmost nodes of the subtrees base lacks, with the versions in which they are marked. */
function markedRoots(): SchemaNode[] {
  const out: SchemaNode[] = [];
  const walk = (n: SchemaNode): void => {
    for (const c of n.children()) {
      const inherited = (n.extra & c.versions) === (c.extra & c.versions);
      if (c.extra !== 0 && !inherited) out.push(c);
      walk(c);
    }
  };
  walk(loadSchema().root);
  return out;
}

const target = (index: number) => ({ label: VERSIONS[index], index, v6: false, exact: true });

describe('package map', () => {
  const roots = markedRoots();

  it('finds the subtrees the base dumps lack', () => {
    const names = roots.map(fullName);
    for (const n of ['/container', '/user-manager', '/dude', '/iot', '/system gps', '/interface veth'])
      assert.ok(names.includes(n), `${n} is not marked`);
    // In routeros itself: the wifi menu, disks, packages.
    for (const n of ['/interface wifi', '/disk', '/system package', '/ip address'])
      assert.ok(!names.includes(n), `${n} is marked`);
  });

  it('names the package of every marked subtree, except the few listed as unnamed', () => {
    const unnamed: string[] = [];
    for (const n of roots) {
      const first = 31 - Math.clz32(n.extra);
      const pkg = packageOf(n, target(first));
      assert.ok(pkg, `${fullName(n)}: marked but packageOf says base`);
      if (!pkg.name) unnamed.push(fullName(n));
    }
    assert.deepEqual([...new Set(unnamed)].sort(), [...UNNAMED_PACKAGE_NAMES].sort());
  });

  it('has no entry that names nothing marked', () => {
    for (const e of PACKAGE_MAP) {
      const hit = roots.some((n) => {
        const name = fullName(n);
        if (name !== e.menu && !name.startsWith(`${e.menu} `)) return false;
        return !e.names || e.names.includes(n.name);
      });
      assert.ok(hit, `${e.menu} ${e.names?.join(',') ?? ''} -> ${e.package} matches no marked name`);
    }
  });

  it('lists every package of the map among the known packages', () => {
    for (const e of PACKAGE_MAP) assert.ok(KNOWN_PACKAGES.includes(e.package), e.package);
  });
});

describe('parsePackages', () => {
  it('reads all, base and lists', () => {
    assert.equal(parsePackages('all').packages.all, true);
    assert.equal(parsePackages('').packages.all, true);
    assert.equal(packagesLabel(parsePackages('base').packages), 'base');
    assert.equal(packagesLabel(parsePackages('routeros').packages), 'base');
    assert.equal(packagesLabel(parsePackages(' iot, Container ').packages), 'base+container+iot');
    assert.deepEqual(parsePackages('base').unknown, []);
  });
  it('returns the names that are not packages', () => {
    assert.deepEqual(parsePackages('container,contianer,x').unknown, ['contianer', 'x']);
  });
});

describe('board menus', () => {
  it('are menus the x86 tree lacks (else the entry is not needed)', () => {
    for (const menu of Object.keys(BOARD_MENUS)) {
      const path = menu.slice(1).split(' ');
      assert.equal(resolveMenu(path), undefined, `${menu} is in the tree`);
      // Its parent is in the tree, or is itself a board menu.
      const parent = `/${path.slice(0, -1).join(' ')}`;
      assert.ok(resolveMenu(path.slice(0, -1)) || parent in BOARD_MENUS, `${menu}: parent ${parent}`);
    }
  });

  it('are menus to the command oracle, and other words in them commands', () => {
    assert.equal(commandOracle(['system'], 'routerboard'), 'menu');
    assert.equal(commandOracle(['system', 'routerboard'], 'settings'), 'menu');
    assert.equal(commandOracle(['system', 'routerboard'], 'upgrade'), 'command');
    assert.equal(commandOracle(['system', 'routerboard', 'settings'], 'set'), 'command');
    assert.equal(commandOracle(['interface', 'ethernet'], 'switch'), 'menu');
    // Near misses: a misspelt board menu, and a word outside board menus, stay unknown.
    assert.equal(commandOracle(['system'], 'routerbaord'), 'unknown');
    assert.equal(commandOracle(['system', 'note'], 'settings'), 'unknown');
    assert.equal(boardMenu('/system routerboard settings')?.menu, '/system routerboard settings');
    assert.equal(boardMenu('/system note'), undefined);
  });
});
