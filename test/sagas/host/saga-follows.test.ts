import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { REGISTERED_SAGAS, type SagaSettings } from '../../../sagas/host/registered-sagas';
import { sagaStreamId } from '../../../sagas/runtime/saga-ids';
import { type CatalogStream, readEventCatalog } from '../../../src/cli/event-catalog/event-catalog';

const SETTINGS: SagaSettings = {
  defaultLocationId: 'wh-main',
  fulfillmentPaymentTimeoutMs: 60_000,
  fulfillmentPickupTimeoutMs: 60_000,
  refundOrderWaitMs: 60_000,
  channelOrderWaitMs: 60_000,
  channelPaymentWaitMs: 60_000,
};

/** A stream of the catalog's pattern (`order-{orderId}` -> `order-p`). */
function exampleStreamId(stream: CatalogStream): string {
  return stream.address.replace(/\{[^}]+\}/g, 'p');
}

/** Event data with every field present, so a `correlate` that takes an id from the data finds one. */
const ANY_DATA: unknown = new Proxy({}, { get: (_, field) => (field === 'then' ? undefined : 'p') });

/**
 * The saga runtime reads only the stream categories a saga `follows` (and the saga's own streams):
 * a saga whose `correlate` took events of another category would never be given them. Checked
 * against every event type the code can record (the event catalog), not against examples.
 */
describe('what each saga follows of the log', () => {
  let streams: CatalogStream[];
  before(() => {
    streams = readEventCatalog().streams;
  });

  for (const registered of REGISTERED_SAGAS) {
    const saga = registered.definition(SETTINGS);
    const reads = (streamId: string) => [...saga.follows, sagaStreamId(saga.name, '')].some((prefix) => streamId.startsWith(prefix));

    it(`${saga.name}: takes no event of a stream it does not follow`, () => {
      const taken = streams
        .filter((stream) => !reads(exampleStreamId(stream)))
        .flatMap((stream) => stream.events.map((event) => ({ type: event.type, streamId: exampleStreamId(stream), data: ANY_DATA })))
        .filter((event) => saga.correlate(event) !== undefined)
        .map(({ type, streamId }) => `${type} in ${streamId}`);
      assert.deepEqual(taken, [], `${saga.name} correlates events it is never given; add their category to its follows`);
    });

    it(`${saga.name}: each category it follows is recorded, and it takes events of it`, () => {
      for (const prefix of saga.follows) {
        const followed = streams.filter((stream) => exampleStreamId(stream).startsWith(prefix));
        assert.ok(followed.length > 0, `${saga.name} follows ${prefix}, which no stream of the catalog is named with`);
        const taken = followed.flatMap((stream) =>
          stream.events.filter((event) => saga.correlate({ type: event.type, streamId: exampleStreamId(stream), data: ANY_DATA }) !== undefined),
        );
        assert.ok(taken.length > 0, `${saga.name} follows ${prefix} but correlates none of its events`);
      }
    });
  }
});
