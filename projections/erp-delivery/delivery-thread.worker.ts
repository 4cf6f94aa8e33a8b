/**
 * The delivery thread: the delivery runner with the ERP connectors (their breakers, bulkheads and
 * HTTP clients) and a read-only connection to the read models it builds ERP payloads from, so
 * building a batch's SOAP or JSON, and waiting on an ERP, never holds the service's request loop.
 * It records through the main thread's actors, by message (DeliveryThread).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { loadChartOfAccounts } from '../../src/config/chart-of-accounts/chart-of-accounts.file';
import { readErpTargets } from '../../src/config/erp-targets.setting';
import type { ErpReadBack } from '../../src/erp/connector/erp-read-back';
import { DeliveryRunner } from '../../src/erp/delivery/delivery-runner';
import { erpConnectorFor } from '../../src/erp/erp-connectors';
import { runAsBackOffice } from '../../src/runtime/back-office-thread';
import { MainThreadCalls } from '../../src/runtime/thread-calls';
import { ProjectionDatabase } from '../runner/projection-database';
import { ReadModelBatches } from './deliverable-batches';
import {
  type CarriedError,
  DELIVERY_THREAD_ERRORS,
  type DeliveryLogApi,
  type DeliveryThreadApi,
  type DeliveryThreadInit,
  type DeliveryThreadReport,
} from './delivery-thread.messages';
import { readBackOf } from '../../src/erp/delivery/erp-read-backs';

/** How long stopping waits for sends under way before the thread is terminated. */
const STOP_GRACE_MS = 2000;

function serve(port: MessagePort, init: DeliveryThreadInit): void {
  const send = (message: DeliveryThreadReport) => port.postMessage(message);
  const refused = runAsBackOffice('lb-erp-delivery', init.niceness);
  if (refused) send({ kind: 'report', level: 'warn', message: `the delivery thread runs at the service's priority: ${refused}` });
  const chart = loadChartOfAccounts(init.chartFile);
  const db = new ProjectionDatabase(init.projectionsFile, { access: 'read' });
  const connectors = readErpTargets(init.targets, chart).targets.map((target) => ({ connector: erpConnectorFor(target.settings), companyCodes: target.companyCodes }));

  const mainThread = new MainThreadCalls<DeliveryThreadApi, DeliveryLogApi, CarriedError>(port, DELIVERY_THREAD_ERRORS);
  const log: DeliveryLogApi = { current: (...args) => mainThread.ask('current', ...args), record: (...args) => mainThread.ask('record', ...args) };

  const runner = new DeliveryRunner(
    connectors.flatMap(({ connector, companyCodes }) => companyCodes.map((companyCode) => ({ companyCode, connector }))),
    log,
    new ReadModelBatches(db, chart),
    init.settings,
    undefined,
    (level, message) => send({ kind: 'report', level, message }),
  );

  const api: DeliveryThreadApi = {
    start: async () => runner.start(),
    // A send still waiting on an ERP is cut after a grace: its attempt is in the log, so the next start resends it.
    stop: async () => {
      await Promise.race([runner.stop(), sleep(STOP_GRACE_MS)]);
      db.close();
    },
    wake: async (companyCode, target) => runner.wake(companyCode, target),
    status: async () => runner.status(),
    confirmation: (authorization, body) => runner.confirmation(authorization, body),
    readBack: async (target, companyCode, from, to, documents): Promise<ErpReadBack> => {
      const found = connectors.find(({ connector }) => connector.target === target);
      if (!found) return { available: false, why: `no ERP target ${target}` };
      return readBackOf(found.connector, chart, companyCode, { from, to }, documents);
    },
  };

  mainThread.answerWith(api);
}

if (parentPort) serve(parentPort, workerData as DeliveryThreadInit);
