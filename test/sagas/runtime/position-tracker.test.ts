import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PositionTracker } from '../../../sagas/runtime/position-tracker';

describe('the saga checkpoint position tracker', () => {
  it('holds the checkpoint before an input whose failure could not be recorded, and holds no more positions than are in flight however long that lasts', () => {
    const tracker = new PositionTracker(10n);
    tracker.started(11n);
    tracker.started(12n);
    tracker.finished(11n);
    tracker.abandon(12n);
    assert.equal(tracker.inFlight, 0, 'an abandoned input is not waited for');
    for (let p = 13n; p < 100_013n; p++) {
      tracker.started(p);
      tracker.finished(p);
    }
    assert.equal(tracker.safePosition(), 11n, 'the checkpoint never passes the abandoned input (read again after a restart)');
    assert.ok(tracker.held <= 1, `holds ${tracker.held} positions after 100,000 inputs`);
  });

  it('moves the checkpoint to the highest position with nothing unfinished at or before it', () => {
    const tracker = new PositionTracker(undefined);
    assert.equal(tracker.safePosition(), undefined);
    for (const p of [1n, 2n, 3n, 4n]) tracker.started(p);
    tracker.finished(2n);
    tracker.finished(3n);
    assert.equal(tracker.safePosition(), undefined, '1 is still running');
    tracker.finished(1n);
    assert.equal(tracker.safePosition(), 3n);
    assert.equal(tracker.inFlight, 1);
    tracker.started(5n);
    tracker.abandon(4n);
    tracker.finished(5n);
    assert.equal(tracker.safePosition(), 3n, 'never past the abandoned 4');
    assert.equal(tracker.held, 0);
  });
});
