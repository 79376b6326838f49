// Tests for the lookup API on the real generated tree: menus, commands, arguments, the command oracle
// the parser uses, target versions, version labels and RSC5001 explanations, overlay wiring.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  childKind,
  commandOracle,
  displayName,
  explainVersion,
  findRenameByName,
  getArg,
  getCommand,
  getGlobalCommand,
  LATEST,
  loadSchema,
  parseTarget,
  childNames,
  valueVersions,
  resolveMenu,
  v6Note,
  versionLabel,
  VERSIONS,
} from './index';
import { DecodedTree, type SchemaNode } from './tree';
import { SCHEMA_DATA } from './generated/schema-data';

describe('loadSchema', () => {
  it('decodes once and covers 7.9 up to the newest version of the data', () => {
    const a = loadSchema();
    assert.equal(loadSchema(), a);
    assert.equal(VERSIONS[0], '7.9');
    // The newest dump is the latest target, whatever version that is (a new dump moves it).
    const minor = (v: string): number => Number(v.split('.')[1]);
    const newest = VERSIONS.reduce((x, y) => (minor(y) > minor(x) ? y : x));
    assert.equal(LATEST, newest);
    assert.match(LATEST, /^7\.\d+$/);
    assert.ok(a.counts.menus > 500 && a.counts.commands > 5000);
  });

  it('decodes menu by menu exactly the menus and commands the data holds', () => {
    // Menus decode their children on first use (tree.ts); walking every menu must find each `+`/`*` line
    // and each `=` line of the data once, under the right parent.
    const { root, counts } = loadSchema();
    let menus = 0;
    let commands = 0;
    const walk = (node: SchemaNode, path: string[]): void => {
      for (const c of node.children()) {
        assert.equal(c.parent, node);
        assert.deepEqual(c.path, [...path, c.name]);
        if (c.isMenu) {
          menus++;
          walk(c, [...path, c.name]);
        } else commands++;
      }
    };
    walk(root, []);
    assert.deepEqual({ menus, commands }, { menus: counts.menus, commands: counts.commands });
  });

  it('decodes a subtree in any order: a deep menu first, its siblings after', () => {
    // A fresh tree, so nothing is decoded yet: the deep lookup must not depend on earlier walks.
    const tree = new DecodedTree(SCHEMA_DATA);
    const mangle = tree.root.child('ip')?.child('firewall')?.child('mangle');
    assert.equal(mangle?.child('add')?.child('new-packet-mark')?.kind, 'arg');
    assert.equal(tree.root.child('ip')?.child('firewall')?.child('filter')?.child('add')?.kind, 'command');
    assert.equal(tree.root.child('system')?.child('scheduler')?.isMenu, true);
    assert.equal(tree.root.child('nonexistent'), undefined);
  });
});

describe('lookups', () => {
  it('resolves menus, commands and arguments', () => {
    assert.equal(resolveMenu(['ip', 'firewall', 'filter'])?.kind, 'menu');
    assert.equal(resolveMenu(['ip'])?.kind, 'path');
    assert.equal(resolveMenu(['ip', 'nope']), undefined);
    // A command is not a menu.
    assert.equal(resolveMenu(['ip', 'firewall', 'filter', 'add']), undefined);
    assert.equal(getCommand(['ip', 'firewall', 'filter'], 'add')?.kind, 'command');
    assert.equal(getArg(['ip', 'firewall', 'filter'], 'add', 'chain')?.kind, 'arg');
    assert.equal(getArg(['ip', 'firewall', 'filter'], 'add', 'chian'), undefined);
    assert.equal(getGlobalCommand('put')?.child('message')?.kind, 'arg');
  });
  it('lists children sorted by name', () => {
    const names = resolveMenu(['ip', 'firewall'])!
      .children()
      .map((c) => c.name);
    assert.ok(names.includes('filter') && names.includes('mangle'));
    assert.deepEqual(names, [...names].sort());
  });
  it("takes each menu's commands from the tree (no assumed verbs)", () => {
    // /ip dns has settings (set) but no add.
    assert.equal(getCommand(['ip', 'dns'], 'set')?.kind, 'command');
    assert.equal(getCommand(['ip', 'dns'], 'add'), undefined);
  });
  it('shows names the way scripts write them', () => {
    assert.equal(displayName(resolveMenu(['ip', 'firewall', 'filter'])!), '/ip firewall filter');
    assert.equal(displayName(getCommand(['ip', 'route'], 'add')!), '/ip route add');
    assert.equal(displayName(getGlobalCommand('put')!), ':put');
    assert.equal(displayName(getArg(['ip', 'route'], 'add', 'gateway')!), 'gateway=');
  });
});

describe('childKind / commandOracle', () => {
  it('tells menus from commands', () => {
    assert.equal(childKind(['ip'], 'firewall'), 'menu');
    assert.equal(childKind(['ip', 'firewall', 'filter'], 'add'), 'command');
    assert.equal(childKind([], 'ip'), 'menu');
    assert.equal(childKind([], 'put'), 'command');
    assert.equal(childKind([], 'log'), 'menu');
    assert.equal(childKind(['log'], 'info'), 'command');
    assert.equal(commandOracle(['system'], 'script'), 'menu');
  });
  it('falls back to global commands inside menus', () => {
    assert.equal(childKind(['ip', 'firewall', 'filter'], 'put'), 'command');
    assert.equal(childKind(['ip', 'firewall', 'filter'], 'foreach'), 'command');
  });
  it('reports unknown words and unknown menus', () => {
    assert.equal(childKind(['ip'], 'fierwall'), 'unknown');
    assert.equal(childKind([], 'echo'), 'unknown');
    assert.equal(childKind(['no-such-menu'], 'add'), 'unknown');
  });
  it('respects a target version', () => {
    assert.equal(childKind(['interface'], 'wifi', parseTarget('7.12')), 'unknown');
    assert.equal(childKind(['interface'], 'wifi', parseTarget('7.13')), 'menu');
    assert.equal(childKind(['interface'], 'wifiwave2', parseTarget('7.12')), 'menu');
  });
});

describe('targets and labels', () => {
  it('parses target settings', () => {
    assert.deepEqual(parseTarget('latest'), {
      label: 'latest',
      index: VERSIONS.length - 1,
      v6: false,
      exact: true,
    });
    assert.equal(parseTarget('7.12').index, VERSIONS.indexOf('7.12'));
    assert.equal(parseTarget('7.12.2').label, '7.12');
    assert.deepEqual(parseTarget('6'), { label: '6', index: 0, v6: true, exact: true });
    assert.equal(parseTarget('6.49.10').v6, true);
    assert.equal(parseTarget('7.5').exact, false);
    assert.equal(parseTarget('7.5').index, 0);
    assert.equal(parseTarget('7.99').index, VERSIONS.length - 1);
    assert.equal(parseTarget('banana').exact, false);
  });
  it('labels version sets', () => {
    const all = (1 << VERSIONS.length) - 1;
    assert.equal(versionLabel(all), 'all versions');
    assert.equal(versionLabel(all & ~0b111111), '7.15+');
    assert.equal(versionLabel(0b1111), 'removed after 7.12');
    assert.equal(versionLabel(0b11110000), '7.13-7.16');
    assert.equal(versionLabel(0b1 | (1 << 5)), '7.9, 7.14');
  });
  it('explains names missing from the target (RSC5001)', () => {
    const wifi = resolveMenu(['interface', 'wifi'])!;
    assert.equal(
      explainVersion(wifi, parseTarget('7.12')),
      '`/interface wifi` was added in 7.13; it is not in 7.12',
    );
    assert.equal(explainVersion(wifi, parseTarget('latest')), undefined);
    const ww2 = resolveMenu(['interface', 'wifiwave2'])!;
    assert.equal(
      explainVersion(ww2, parseTarget('7.20')),
      '`/interface wifiwave2` was removed after 7.12; it is not in 7.20; use `/interface wifi` instead',
    );
  });
  it('knows v6 renames and notes', () => {
    assert.match(findRenameByName('/ip route', 'add', 'routing-mark')!.replacement, /routing-table/);
    assert.match(findRenameByName('/ip route rule')!.replacement, /\/routing rule/);
    assert.match(v6Note(resolveMenu(['ip', 'route'])!) ?? '', /routing-mark/);
  });
});

describe('helpers', () => {
  it('lists candidate names with or without the global commands', () => {
    assert.ok(childNames(['ip']).includes('firewall'));
    assert.ok(!childNames(['ip']).includes('put'));
    assert.ok(childNames(['ip'], true).includes('put'));
    assert.deepEqual(childNames(['nope']), []);
  });
  it('knows in which versions an enum value exists', () => {
    const action = getArg(['ip', 'firewall', 'filter'], 'add', 'action')!;
    assert.ok(valueVersions(action, 'accept') !== 0);
    assert.equal(valueVersions(action, 'bogus'), 0);
  });
});

describe('overlay wiring', () => {
  it('gives firewall args their value sets', () => {
    const action = getArg(['ip', 'firewall', 'mangle'], 'add', 'action')!;
    assert.equal(action.type.kind, 'enum');
    assert.ok(action.type.kind === 'enum' && action.type.values.includes('mark-connection'));
    const chain = getArg(['ip', 'firewall', 'nat'], 'add', 'chain')!;
    assert.ok(chain.type.kind === 'enum' && chain.type.open && chain.type.values.includes('srcnat'));
    // Shared menu args reach every command that has them (set as well as add).
    assert.equal(getArg(['ip', 'firewall', 'filter'], 'set', 'action')!.type.kind, 'enum');
    assert.ok(getArg(['ip', 'firewall', 'filter'], 'add', 'chain')!.doc);
  });
  it("keeps the tree's own type unless the overlay forces one", () => {
    assert.deepEqual(getArg(['ip', 'firewall', 'filter'], 'add', 'log-prefix')!.type, {
      kind: 'string',
      max: 31,
    });
    assert.equal(getArg(['ip', 'address'], 'add', 'address')!.type.kind, 'ip-prefix');
  });
  it('documents global commands, their arguments and common commands', () => {
    assert.ok(getGlobalCommand('foreach')!.doc);
    assert.ok(getGlobalCommand('foreach')!.child('in')!.doc);
    assert.ok(getCommand(['ip', 'address'], 'print')!.doc);
    assert.ok(getCommand(['log'], 'info')!.doc);
  });
});
