import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DeployError, errorClass, isConnectionError, type DeployErrorKind } from './errors';

describe('errorClass', () => {
  // The sorting the CLI's exit codes and the editor's reactions rely on (a new kind must be added here).
  const table: [DeployErrorKind, string][] = [
    ['host-key-unknown', 'connection'],
    ['host-key-changed', 'connection'],
    ['host-key-revoked', 'connection'],
    ['auth', 'connection'],
    ['connect', 'connection'],
    ['timeout', 'connection'],
    ['cancelled', 'cancelled'],
    ['sftp', 'transfer'],
    ['router', 'router'],
    ['usage', 'usage'],
  ];
  for (const [kind, cls] of table) {
    it(`${kind} is ${cls}`, () => {
      const e = new DeployError(kind, 'x');
      assert.equal(errorClass(e), cls);
      assert.equal(isConnectionError(e), cls === 'connection');
    });
  }

  it('anything that is not a DeployError has no class', () => {
    assert.equal(errorClass(new Error('x')), undefined);
    assert.equal(errorClass(undefined), undefined);
    assert.equal(isConnectionError(new Error('connect')), false);
  });
});
