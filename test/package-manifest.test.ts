// The extension manifest's conventions: typing "RouterOS: Push" in the command palette lists "Push Script
// to Router" first (the palette lists matching commands in label order), machine-specific settings are
// not taken from workspace settings, untrusted workspaces cannot push, and the icon ships.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
interface Cmd {
  command: string;
  title: string;
  category?: string;
  enablement?: string;
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  icon?: string;
  files: string[];
  capabilities?: {
    untrustedWorkspaces?: { supported: boolean | string; restrictedConfigurations?: string[] };
  };
  contributes: {
    commands: Cmd[];
    configuration: { properties: Record<string, { scope?: string }> };
  };
};

/** The palette's filter: every typed word is the start of a word of the label, in order. */
function matches(label: string, typed: string): boolean {
  const words = label
    .toLowerCase()
    .split(/[\s:()…]+/)
    .filter(Boolean);
  let i = 0;
  for (const t of typed
    .toLowerCase()
    .split(/[\s:]+/)
    .filter(Boolean)) {
    while (i < words.length && !words[i].startsWith(t)) i++;
    if (i++ >= words.length) return false;
  }
  return true;
}

test('"RouterOS: Push" lists Push Script to Router first, then the other pushes; confirming is not a "Push"', () => {
  const labels = pkg.contributes.commands.map((c) => ({ id: c.command, label: `${c.category}: ${c.title}` }));
  const hits = labels
    .filter((l) => matches(l.label, 'RouterOS: Push'))
    .sort((a, b) => a.label.localeCompare(b.label));
  assert.equal(hits[0]?.id, 'routeros.pushScript', JSON.stringify(hits));
  assert.ok(hits.some((h) => h.id === 'routeros.pushToRouters'));
  assert.ok(
    !hits.some((h) => h.id === 'routeros.confirmPush'),
    'the confirm command is found by "confirm"/"keep"',
  );
  assert.ok(matches('RouterOS: Keep Changes on Router (Confirm)', 'RouterOS: confirm'));
});

test('machine-specific settings cannot come from a workspace', () => {
  const props = pkg.contributes.configuration.properties;
  for (const k of [
    'routeros.routers',
    'routeros.deploy.backupFolder',
    'routeros.deploy.inventory',
    'routeros.deploy.useSshAgent',
    'routeros.deploy.readUserKnownHosts',
  ])
    assert.ok(['machine', 'application'].includes(props[k]?.scope ?? ''), k);
});

test('untrusted workspaces: limited support, push commands disabled, router settings restricted', () => {
  const u = pkg.capabilities?.untrustedWorkspaces;
  assert.equal(u?.supported, 'limited');
  for (const k of ['routeros.routers', 'routeros.deploy.backupFolder', 'routeros.deploy.inventory'])
    assert.ok(u?.restrictedConfigurations?.includes(k), k);
  for (const c of pkg.contributes.commands)
    if (/push|validate|confirm/i.test(c.command)) assert.equal(c.enablement, 'isWorkspaceTrusted', c.command);
});

test('the icon exists, is a PNG, and is packaged', () => {
  assert.ok(pkg.icon);
  const png = readFileSync(join(root, pkg.icon));
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.ok(pkg.files.includes(pkg.icon));
  assert.ok(existsSync(join(root, pkg.icon)));
});
