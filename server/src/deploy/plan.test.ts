// Unit tests of the push plan: safe unique names, exact commands, rollback design, durations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chooseRollbackMechanism,
  countConfigChanges,
  describePlan,
  makePushPlan,
  makeValidatePlan,
  parseDuration,
  routerInterval,
  SAFE_NAME,
} from './plan';

const now = new Date(Date.UTC(2026, 10, 25, 9, 5, 7));

test('upload names are unique, timestamped and only [a-z0-9-.]', () => {
  const a = makePushPlan({ localName: 'x.rsc' });
  const b = makePushPlan({ localName: 'x.rsc' });
  assert.notEqual(a.uploadName, b.uploadName);
  assert.match(a.uploadName, /^rsc-push-\d{8}-\d{6}-[a-f0-9]{8}\.rsc$/);
  assert.ok(SAFE_NAME.test(a.uploadName));
  const c = makePushPlan({ localName: 'My File; /system reset.rsc', now, random: 'AB$"c;d' });
  assert.equal(c.uploadName, 'rsc-push-20261125-090507-abcd.rsc');
});

test('plain push: import verbose, cleanup by [find name=...]', () => {
  const p = makePushPlan({ localName: 'x.rsc', now, random: 'r1' });
  assert.equal(p.importCommand, '/import file-name=rsc-push-20261125-090507-r1.rsc verbose=yes');
  assert.equal(p.cleanupCommand, '/file remove [find name="rsc-push-20261125-090507-r1.rsc"]');
  assert.equal(p.backup, undefined);
  assert.equal(p.rollback, undefined);
  assert.equal(
    makePushPlan({ localName: 'x', verbose: false, now, random: 'r' }).importCommand,
    '/import file-name=rsc-push-20261125-090507-r.rsc',
  );
});

test('rollback: backup saved before the job; the job loads that backup; confirm removes both', () => {
  const p = makePushPlan({ localName: 'x.rsc', now, random: 'r1', confirmTimeoutSeconds: 300 });
  const r = p.rollback!;
  assert.equal(r.saveCommand, '/system backup save name=rsc-rollback-20261125-090507-r1 dont-encrypt=yes');
  assert.equal(r.interval, '5m');
  assert.match(
    r.schedulerCommand,
    /^\/system scheduler add name=rsc-rollback-20261125-090507-r1 interval=5m /,
  );
  assert.match(
    r.schedulerCommand,
    /on-event="\/system backup load name=rsc-rollback-20261125-090507-r1\.backup password=\\"\\""$/,
  );
  assert.deepEqual(r.confirmCommands, [
    '/system scheduler remove [find name="rsc-rollback-20261125-090507-r1"]',
    '/file remove [find name="rsc-rollback-20261125-090507-r1.backup"]',
  ]);
  const text = describePlan(p, 'admin@r:22');
  // The order shown is the order run: save, schedule, upload, import, cleanup, confirm.
  const order = [
    r.saveCommand,
    r.schedulerCommand,
    `as ${p.uploadName}`,
    p.importCommand,
    p.cleanupCommand,
    'ask you to confirm',
  ].map((s) => text.indexOf(s));
  assert.ok(
    order.every((v, i) => v >= 0 && (i === 0 || v > order[i - 1])),
    text,
  );
  assert.match(text, /REBOOTS/);
});

test('backup plan: export + binary backup, downloaded, then removed from the router', () => {
  const p = makePushPlan({ localName: 'x.rsc', now, random: 'r1', backupDir: '/tmp/b' });
  assert.deepEqual(p.backup!.commands, [
    '/export file=rsc-pre-20261125-090507-r1',
    '/system backup save name=rsc-pre-20261125-090507-r1 dont-encrypt=yes',
  ]);
  assert.match(
    describePlan(p, 't'),
    /download rsc-pre-20261125-090507-r1\.rsc and rsc-pre-20261125-090507-r1\.backup to \/tmp\/b/,
  );
});

test('validate plan uses :parse on the uploaded file and a marker', () => {
  const v = makeValidatePlan(now, 'q');
  assert.equal(v.uploadName, 'rsc-check-20261125-090507-q.rsc');
  assert.match(v.parseCommand, /:parse \$rscSrc/);
  assert.ok(v.parseCommand.endsWith(`:put "${v.okMarker}"`));
});

test('durations', () => {
  assert.equal(parseDuration('5m'), 300);
  assert.equal(parseDuration('90s'), 90);
  assert.equal(parseDuration('1h30m'), 5400);
  assert.equal(parseDuration('45'), 45);
  for (const bad of ['', '0', '5x', 'm', '5m x', '-1m']) assert.equal(parseDuration(bad), undefined, bad);
  assert.equal(routerInterval(300), '5m');
  assert.equal(routerInterval(90), '90s');
  assert.equal(routerInterval(0), '1s');
});

test('roll back now runs the scheduler on-event through :execute', () => {
  const r = makePushPlan({ localName: 'x', now, random: 'r1', confirmTimeoutSeconds: 60 }).rollback!;
  assert.equal(
    r.restoreCommand,
    ':execute script="/system backup load name=rsc-rollback-20261125-090507-r1.backup password=\\"\\""',
  );
  assert.ok(
    r.schedulerCommand.endsWith(
      'on-event="/system backup load name=rsc-rollback-20261125-090507-r1.backup password=\\"\\""',
    ),
  );
});

test('the rollback mechanism: Safe Mode from 7.18 when the changes fit, the scheduler otherwise, with the reason', () => {
  const small = '/ip address\nadd address=10.0.0.1/24 interface=ether1\nset [find] disabled=no\n';
  assert.deepEqual(chooseRollbackMechanism('7.18.2 (stable)', small), {
    mechanism: 'safe-mode',
    reason: 'RouterOS 7.18.2 (stable); about 2 change(s), within the 100 Safe Mode keeps',
  });
  assert.equal(chooseRollbackMechanism('7.22.1 (stable)', small).mechanism, 'safe-mode');
  assert.equal(chooseRollbackMechanism('8.0 (testing)', small).mechanism, 'safe-mode');
  for (const v of ['7.17.1 (stable)', '6.49.10 (long-term)', undefined, 'garbage']) {
    const c = chooseRollbackMechanism(v, small);
    assert.equal(c.mechanism, 'scheduler', String(v));
    assert.match(c.reason, /has no \/safe-mode/);
  }
  const big = '/ip firewall address-list\n' + 'add list=x address=10.0.0.1\n'.repeat(91);
  assert.match(
    chooseRollbackMechanism('7.19.6', big).reason,
    /about 91 changes exceed the 100 Safe Mode keeps/,
  );
  assert.equal(chooseRollbackMechanism('7.19.6', big.replace(/\n.*\n$/, '\n')).mechanism, 'safe-mode');
  const loop = ':for i from=1 to=500 do={ /ip firewall address-list add list=x address="10.0.0.$i" }\n';
  assert.match(chooseRollbackMechanism('7.19.6', loop).reason, /loops/);
});

test('countConfigChanges counts edit verbs, joins continuations, skips comments', () => {
  assert.equal(
    countConfigChanges('# add set remove\n/ip address\nadd \\\n  address=1.2.3.4/24 interface=e\n'),
    1,
  );
  assert.equal(countConfigChanges('/interface ethernet set [find default-name=ether1] disabled=yes\n'), 1);
  assert.equal(countConfigChanges(':put "hello"\n'), 0);
  assert.equal(
    countConfigChanges(':foreach i in=[/interface find] do={ /interface disable $i }\n'),
    undefined,
  );
});

test('describePlan names the Safe Mode steps in order, in one console session', () => {
  const plan = makePushPlan({
    localName: 'f.rsc',
    confirmTimeoutSeconds: 300,
    mechanism: 'safe-mode',
    mechanismReason: 'RouterOS 7.19.6',
    now: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
    random: 'abcd',
  });
  const d = describePlan(plan, 'admin@[::1]:22');
  assert.equal(plan.rollback, undefined);
  assert.match(
    d,
    /Rollback: RouterOS Safe Mode \(RouterOS 7\.19\.6\)\.\n {2}1\. upload f\.rsc as rsc-push-20260102-030405-abcd\.rsc \(SFTP\)\n {2}2\. open one console session and run: \/safe-mode take\n {2}3\. run in that session: \/import file-name=rsc-push-20260102-030405-abcd\.rsc verbose=yes\n {2}4\. ask you to confirm within 5m; confirming runs: \/safe-mode release; "roll back" or no answer runs: \/safe-mode unroll/,
  );
});
