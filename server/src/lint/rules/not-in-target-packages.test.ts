// Tests for RSC5002 (a name of a package the target router lacks): silent with `all`; with `base` or a
// list, an error where RouterOS's parse rejects the line and a warning where only the run fails.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { found, lintSchema } from '../support/schema-testing';

const CODE = 'RSC5002';
const base = { packages: 'base' };

describe('RSC5002 not-in-target-packages', () => {
  it('is silent with every package (the default) and for names of the routeros package', () => {
    assert.deepEqual(found('/container/print\n/user-manager user add name=a', CODE), []);
    assert.deepEqual(found('/container/print', CODE, { packages: 'all' }), []);
    for (const ok of [
      '/ip address print',
      '/interface/wifi/print',
      '/disk print',
      '/disk add type=tmpfs tmpfs-max-size=10M',
      '/system package print',
      ':put [/system identity get name]',
    ])
      assert.deepEqual(found(ok, CODE, base), [], ok);
  });

  it('is an error where RouterOS cannot parse the line: a / path, a block, a computed value', () => {
    assert.deepEqual(found('/container/print', CODE, base), ['error:container']);
    assert.deepEqual(found(':put [/user-manager/user/find]', CODE, base), ['error:user-manager']);
    assert.deepEqual(found('/iot mqtt {\n  :put 1\n}', CODE, base), ['error:iot']);
    assert.deepEqual(found('/iot mqtt publish broker=b message="v=$x"', CODE, base), ['error:iot']);
    // An unknown parameter of a known command is rejected at parse time, as RSC2002 says.
    assert.deepEqual(found('/disk add type=raid raid-type=1', CODE, base), ['error:raid-type']);
  });

  it('is a warning where RouterOS parses the line and stops when it runs it', () => {
    assert.deepEqual(found('/container stop app-caddy', CODE, base), ['warning:container']);
    assert.deepEqual(found('/app add disabled=no yaml="name: x"', CODE, base), ['warning:app']);
    assert.deepEqual(found(':local a [/iot bluetooth scanners print as-value]', CODE, base), ['warning:iot']);
    assert.deepEqual(found('/interface wireless\n', CODE, base), ['warning:wireless']);
  });

  it('reports a bare menu line once, and after it only computed values', () => {
    const text =
      '/container envs\nadd key=A name=x value=1\nadd key=B name=x value="$[/ip/cloud/get dns-name]"';
    assert.deepEqual(found(text, CODE, base), ['warning:container', 'error:value']);
  });

  it('names the package, and knows when it moved (veth: container from 7.21)', () => {
    const d = lintSchema('/interface/veth/add name=v1', base).find((x) => x.code === CODE);
    assert.ok(d);
    assert.match(d.message, /the `container` package/);
    assert.deepEqual(found('/interface/veth/add name=v1', CODE, { packages: 'base', target: '7.20' }), []);
    const w = lintSchema('/caps-man/interface/print', base).find((x) => x.code === CODE);
    assert.match(w?.message ?? '', /the `wireless` package/);
    // Before 7.13 the old wireless driver was part of x86's routeros package.
    assert.deepEqual(found('/caps-man/interface/print', CODE, { packages: 'base', target: '7.12' }), []);
    const g = lintSchema('/system/gps/print', base).find((x) => x.code === CODE);
    assert.match(g?.message ?? '', /the `gps` package/);
  });

  it('accepts the names of the packages listed', () => {
    const t = { packages: 'container,iot' };
    assert.deepEqual(found('/container/print\n/iot mqtt {\n}', CODE, t), []);
    assert.deepEqual(found('/user-manager/user/print', CODE, t), ['error:user-manager']);
    const m = lintSchema('/user-manager/user/print', t).find((x) => x.code === CODE);
    assert.match(m?.message ?? '', /base\+container\+iot/);
  });

  it('leaves global commands alone inside a missing menu', () => {
    assert.deepEqual(found('/container\n:put "x"\n:log info "y"', CODE, base), ['warning:container']);
  });
});
