// Every `routeros.*` setting declared in package.json is read by the server or by the client, and every
// key the server reads is declared: a setting nobody reads, or one users cannot see, is a bug.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lintOptions, normalizeSettings, serverSettingKeys } from './settings';

const root = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, unknown> } };
};
const declared = Object.keys(pkg.contributes.configuration.properties).map((k) =>
  k.replace(/^routeros\./, ''),
);

function clientSources(dir: string): string {
  let all = '';
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) all += clientSources(p);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) all += readFileSync(p, 'utf8');
  }
  return all;
}

test('every key the server reads is declared in package.json', () => {
  for (const key of serverSettingKeys) assert.ok(declared.includes(key), `routeros.${key} not declared`);
});

test('every declared key is read by the server or the client', () => {
  const client = clientSources(join(root, 'client', 'src'));
  for (const key of declared) {
    if (key === 'trace.server') continue; // read by vscode-languageclient itself (client id "routeros")
    const readByServer = (serverSettingKeys as readonly string[]).includes(key);
    // The client may read `routeros.a.b` as getConfiguration('routeros.a').get('b') or
    // getConfiguration('routeros').get('a.b'): accept any split of the key into section and name.
    const segs = key.split('.');
    const readByClient =
      segs.some((_, i) => {
        const section = ['routeros', ...segs.slice(0, i)].join('.');
        const name = segs.slice(i).join('.');
        return client.includes(`getConfiguration('${section}')`) && client.includes(`'${name}'`);
      }) || client.includes(`'routeros.${key}'`);
    assert.ok(readByServer || readByClient, `routeros.${key} is declared but nobody reads it`);
  }
});

test('bad setting values fall back to defaults instead of breaking the server', () => {
  assert.deepEqual(normalizeSettings({ targetVersion: 'seven', lint: { disabledRules: [1, 'RSC4003'] } }), {
    targetVersion: 'latest',
    targetPackages: 'all',
    lint: { disabledRules: ['RSC4003'], latin1Fold: false },
  });
  assert.deepEqual(normalizeSettings(null), {
    targetVersion: 'latest',
    targetPackages: 'all',
    lint: { disabledRules: [], latin1Fold: false },
  });
  assert.equal(normalizeSettings({ lint: { latin1Fold: true } }).lint.latin1Fold, true);
  assert.equal(normalizeSettings({ lint: { latin1Fold: 'yes' } }).lint.latin1Fold, false);
  assert.equal(normalizeSettings({ targetVersion: '7.12' }).targetVersion, '7.12');
});

test('routeros.targetPackages: all, base or package names; unknown names fall back to all', () => {
  assert.equal(normalizeSettings({ targetPackages: 'base' }).targetPackages, 'base');
  assert.equal(normalizeSettings({ targetPackages: 'container,iot' }).targetPackages, 'container,iot');
  assert.equal(normalizeSettings({ targetPackages: 'containr' }).targetPackages, 'all');
  assert.equal(normalizeSettings({ targetPackages: 42 }).targetPackages, 'all');
  assert.equal(lintOptions(normalizeSettings({ targetPackages: 'base' })).packages, 'base');
});
