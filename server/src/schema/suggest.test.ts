// Tests for did-you-mean: the distance (with adjacent swaps), the cutoff, ordering and limits.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, maxSuggestDistance, suggest } from './suggest';

describe('editDistance', () => {
  it('counts edits, with a swap of neighbours as one', () => {
    assert.equal(editDistance('chian', 'chain'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('same', 'same'), 0);
  });
  it('stops early past the limit', () => {
    assert.equal(editDistance('abcdefgh', 'zyxwvuts', 2), 3);
    assert.equal(editDistance('a', 'abcdef', 2), 3);
  });
});

describe('suggest', () => {
  it('finds the intended names', () => {
    assert.deepEqual(suggest('chian', ['chain', 'action', 'comment']), ['chain']);
    assert.deepEqual(suggest('mark-conection', ['mark-connection', 'mark-packet', 'mark-routing']), [
      'mark-connection',
    ]);
    assert.deepEqual(suggest('firewal', ['firewall', 'address', 'route']), ['firewall']);
  });
  it('orders by distance, then name, and honours max', () => {
    assert.deepEqual(suggest('abcde', ['abcdx', 'abxde', 'zzzzz', 'abcdy'], 2), ['abcdx', 'abcdy']);
    assert.deepEqual(suggest('abcde', ['abcdx'], 0), []);
  });
  it('skips exact matches and distant names; short words need close matches', () => {
    assert.deepEqual(suggest('add', ['add', 'ad', 'set']), ['ad']);
    assert.deepEqual(suggest('xyz', ['print', 'export']), []);
    assert.equal(maxSuggestDistance(3), 1);
    assert.ok(maxSuggestDistance(14) >= 2);
  });
});
