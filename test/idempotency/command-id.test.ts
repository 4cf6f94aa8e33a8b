import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandIdFor } from '../../src/idempotency/command-id';
import { eventIdFor } from '../../src/runtime/event-ids';

/** Ids already written to logs and handed to clients: the same inputs must give them forever, on every node. */
describe('derived ids', () => {
  it('a command id is the one the same principal, key and step always gave, whatever their characters', () => {
    assert.equal(commandIdFor('local-dev', 'key-1'), '73736a35-b3ac-5259-beb8-b4d5f976c267');
    assert.equal(commandIdFor('pos-emea', 'clé-€'), 'bf4104a3-5304-5fe9-8554-50218b64311b');
    assert.equal(commandIdFor('pos-emea', 'clé-€-😀', 'capture'), '7a5d8c4f-24f1-5262-9d6e-a55ba135f7e5');
  });

  it('an event id is the one the same command id and index always gave', () => {
    assert.equal(eventIdFor('7431b1d7-be67-519a-8328-b895f76e41a8', 0), '1450aa20-ce67-57fa-b928-fc06e85d9213');
    assert.equal(eventIdFor('7431b1d7-be67-519a-8328-b895f76e41a8', 2), '402c6385-916c-5dc6-b418-6cecc8828798');
    assert.equal(eventIdFor('shopify/ø-1', 1), 'f1d84a15-2785-5bd3-84ea-cfeadfdf65c6');
    assert.equal(eventIdFor('ø-€-😀', 3), '5a24d0f5-f99c-5290-bd04-bd9f5b1a39c1');
  });
});
