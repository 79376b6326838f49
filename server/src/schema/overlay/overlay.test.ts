// Checks the overlay against the tree: every menu, command and argument it names exists in some
// RouterOS version (so a typo fails), no two area files claim the same menu, and renames point away
// from names the latest tree lacks.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getArg, getCommand, loadSchema, resolveMenu } from '../index';
import { OVERLAY, OVERLAY_PARTS, RENAMES } from './index';

const pathOf = (key: string): string[] => (key === '/' ? [] : key.slice(1).split(' '));

describe('overlay keys', () => {
  it('names only menus, commands and arguments the tree has', () => {
    loadSchema();
    const missing: string[] = [];
    for (const [key, menu] of Object.entries(OVERLAY)) {
      assert.match(key, /^\/([a-z0-9-]+( [a-z0-9-]+)*)?$/, `malformed key ${key}`);
      const m = resolveMenu(pathOf(key));
      if (!m) {
        missing.push(key);
        continue;
      }
      const commands = m.children().filter((c) => c.kind === 'command');
      for (const arg of Object.keys(menu.args ?? {})) {
        if (!commands.some((c) => c.child(arg))) missing.push(`${key} ${arg}=`);
      }
      for (const [name, cmd] of Object.entries(menu.commands ?? {})) {
        if (!getCommand(pathOf(key), name)) {
          missing.push(`${key} ${name}`);
          continue;
        }
        for (const arg of Object.keys(cmd.args ?? {})) {
          if (!getArg(pathOf(key), name, arg)) missing.push(`${key} ${name} ${arg}=`);
        }
      }
    }
    assert.deepEqual(missing, []);
  });
  it('has each menu in one area file only', () => {
    const seen = new Map<string, string>();
    for (const [part, overlay] of Object.entries(OVERLAY_PARTS)) {
      for (const key of Object.keys(overlay)) {
        assert.equal(seen.get(key), undefined, `${key} is in ${seen.get(key)} and ${part}`);
        seen.set(key, part);
      }
    }
  });
  it('documents the global commands of the scripting language', () => {
    const root = OVERLAY['/'].commands ?? {};
    for (const name of [
      'put',
      'local',
      'global',
      'set',
      'if',
      'while',
      'for',
      'foreach',
      'do',
      'onerror',
      'retry',
      'error',
      'return',
      'delay',
      'execute',
      'parse',
      'resolve',
      'toarray',
      'tobool',
      'toid',
      'toip',
      'toip6',
      'tonum',
      'tostr',
      'totime',
      'typeof',
      'len',
      'pick',
      'find',
      'time',
      'jobname',
      'serialize',
      'deserialize',
      'convert',
      'rndnum',
      'rndstr',
      'beep',
    ]) {
      assert.ok(root[name]?.doc, `no doc for :${name}`);
    }
    for (const menu of ['/log', '/terminal', '/environment']) assert.ok(OVERLAY[menu]?.doc, menu);
  });
});

describe('renames', () => {
  it('replace names the latest tree does not have', () => {
    for (const r of RENAMES) {
      const m = resolveMenu(pathOf(r.menu));
      if (r.arg) {
        assert.equal(getArg(pathOf(r.menu), r.command ?? 'add', r.arg), undefined, `${r.menu} ${r.arg}`);
      } else if (r.command) {
        assert.equal(getCommand(pathOf(r.menu), r.command), undefined, `${r.menu} ${r.command}`);
      } else if (m) {
        // A menu that still exists must at least be gone from the newest version (e.g. wifiwave2).
        const latest = loadSchema().versions.length - 1;
        assert.equal((m.versions >>> latest) & 1, 0, `${r.menu} still exists`);
      }
      assert.ok(r.note.length > 0 && r.replacement.length > 0);
    }
  });
});
