import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCluster } from './cluster-scenario';

/**
 * Issue 17's deployment in child processes on the embedded store's EventStoreDB protocol endpoint
 * (cluster-scenario.ts), in its small topology: an API node, an API and projection node, a saga
 * node and its standby. `npm run bench -- cluster` runs the full one (two API nodes, two saga and
 * delivery nodes, a projection node) five times and prints each run's figures.
 */
describe('several nodes on one EventStoreDB (real processes)', () => {
  it('the same Idempotency-Key on two API nodes places one order; the standby takes over from a SIGKILLed saga node and no command takes effect twice', async (t) => {
    const run = await runCluster({ topology: 'small', orders: 12, leaseTimeout: '2s' });
    assert.ok(run.capturedAtKill < run.ordersBeforeKill, `the kill came in the middle of the captures (${run.capturedAtKill} of ${run.ordersBeforeKill} done)`);
    t.diagnostic(JSON.stringify(run));
  });
});
