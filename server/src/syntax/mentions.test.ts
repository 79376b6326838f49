// mentions() remembers answers for the last text only; a new text must be scanned again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mentions } from './mentions';

test('answers follow the text they were asked about', () => {
  assert.equal(mentions('add layer7-protocol=x', 'layer7-protocol'), true);
  assert.equal(mentions('add chain=forward', 'layer7-protocol'), false);
  assert.equal(mentions('add chain=forward', '$'), false);
  assert.equal(mentions(':put $a', '$'), true);
  assert.equal(mentions('add layer7-protocol=x', 'layer7-protocol'), true);
});
