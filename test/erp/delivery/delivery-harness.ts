import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ReadModelBatches } from '../../../projections/erp-delivery/deliverable-batches';
import { loadChartOfAccounts, SHIPPED_CHART_OF_ACCOUNTS } from '../../../src/config/chart-of-accounts/chart-of-accounts.file';
import { AggregateCommands } from '../../../src/edge/aggregate-commands';
import type { ErpResilienceSettings } from '../../../src/erp/connector/erp-target-resilience';
import { deliveryLogThrough } from '../../../src/erp/delivery/delivery-log';
import { type DeliveryClock, DeliveryRunner, type DeliverySettings, SYSTEM_CLOCK } from '../../../src/erp/delivery/delivery-runner';
import { erpDeliveryAggregate } from '../../../src/erp/delivery/erp-delivery.aggregate';
import { deliveryLaneId } from '../../../src/erp/delivery/erp-delivery.events';
import type { DeliveryLaneState } from '../../../src/erp/delivery/erp-delivery.state';
import { erpConnectorFor } from '../../../src/erp/erp-connectors';
import { ErpSimulator } from '../../../src/erp/simulator/erp-simulator';
import type { ErpName } from '../../../src/ledger/chart-of-accounts/chart-of-accounts';
import type { OrderCommand } from '../../../src/order/order.commands';
import { authorize, capture, ship, workedExample } from '../../order/order.fixtures';
import { batchHarness } from '../../projections/posting-batches/batch-harness';
import { EXAMPLE_DATE, workedExampleCommands } from '../../projections/posting-batches/worked-example';
import { SAP_CALLBACK_CREDENTIALS, simulatorAdmin, simulatorSettings, targetSettings } from '../connector-harness';

export const QUICK_DELIVERY: DeliverySettings = { window: 1, confirmationWaitMs: 60_000, retryInitialMs: 20, retryMaxMs: 200, pollMs: 20 };

export interface DeliveryHarnessOptions {
  erps: readonly ErpName[];
  companyCodes?: readonly string[];
  resilience?: Partial<ErpResilienceSettings>;
  settings?: Partial<DeliverySettings>;
  clock?: DeliveryClock;
}

/**
 * The delivery runner in process, as the delivery thread runs it: the real order command path,
 * journal and posting-batches read models over a temp store (batchHarness), the delivery log
 * through the erp-delivery aggregate's actors, one connector per simulated ERP (target named as
 * the ERP), and the ERP simulator; SAP's confirmations come to a callback that hands them to the
 * runner as the service's route does.
 */
export async function deliveryHarness(label: string, options: DeliveryHarnessOptions) {
  const companyCodes = options.companyCodes ?? ['US01'];
  const chart = loadChartOfAccounts(SHIPPED_CHART_OF_ACCOUNTS);
  const settings = simulatorSettings();
  const simulator = await ErpSimulator.start(settings);
  const batches = await batchHarness(label);
  const commands = new AggregateCommands(batches.newDispatcher(), erpDeliveryAggregate);
  const log = deliveryLogThrough(commands);
  const connectors = options.erps.map((erp) => erpConnectorFor(targetSettings(simulator, erp, options.resilience)));
  const reports: string[] = [];
  const runner = new DeliveryRunner(
    connectors.flatMap((connector) => companyCodes.map((companyCode) => ({ companyCode, connector }))),
    log,
    new ReadModelBatches(batches.db, chart),
    { ...QUICK_DELIVERY, ...options.settings },
    options.clock ?? SYSTEM_CLOCK,
    (level, message) => reports.push(`${level}: ${message}`),
  );
  const callback: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      runner.confirmation(request.headers.authorization, Buffer.concat(chunks).toString('utf8')).then(
        (answer) => response.writeHead(answer.status === 'unauthorized' ? 401 : answer.status === 'not-a-confirmation' ? 400 : 200).end(JSON.stringify(answer)),
        () => response.writeHead(503).end(),
      );
    });
  });
  await new Promise<void>((resolve) => callback.listen(0, '127.0.0.1', resolve));
  settings.sap.callback = { url: `http://127.0.0.1:${(callback.address() as AddressInfo).port}/erp/sap/confirmations`, ...SAP_CALLBACK_CREDENTIALS };
  let orders = 0;
  return {
    simulator,
    admin: simulatorAdmin(simulator),
    batches,
    commands,
    runner,
    reports,
    connectors,
    /** Another worked-example order (5 entries in US01's USD, 3 in DE01's EUR), and its day closed into a batch; answers the batch id. */
    async closeOneBatch(companyCode = 'US01'): Promise<string> {
      orders += 1;
      await batches.send(`${label}-o${orders}`, ...orderLife(`${label}-o${orders}`, companyCode));
      const closed = await batches.closer.close(companyCode, EXAMPLE_DATE);
      return closed.batchId;
    },
    state: async (target: string, companyCode = 'US01'): Promise<DeliveryLaneState> => log.current(target, companyCode),
    /** Resolves once the lane's state passes `check`, polling; fails after `ms`. */
    async until(target: string, check: (state: DeliveryLaneState) => boolean, ms = 20_000, companyCode = 'US01'): Promise<DeliveryLaneState> {
      const deadline = Date.now() + ms;
      for (;;) {
        const state = await log.current(target, companyCode);
        if (check(state)) return state;
        if (Date.now() > deadline) throw new Error(`lane ${target}/${companyCode} did not get there within ${ms} ms: ${JSON.stringify(state)}\n${reports.join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    /** The lane's events as recorded, in order. */
    async events(target: string, companyCode = 'US01') {
      return (await batches.store.readStream(`erp-delivery-${deliveryLaneId(target, companyCode)}`)).map((event) => ({
        type: event.type,
        data: event.data as Record<string, unknown>,
      }));
    },
    async close(): Promise<void> {
      await runner.stop();
      await new Promise<void>((resolve) => callback.close(() => resolve()));
      await simulator.close();
      await batches.close();
    },
  };
}

/** The worked example lived through (US01), or sold, paid and shipped in euros (any other company). */
function orderLife(orderId: string, companyCode: string): OrderCommand[] {
  if (companyCode === 'US01') return workedExampleCommands(orderId);
  return [
    workedExample({ orderId, companyCode, currency: 'EUR', sourceRef: `payload://web/${orderId}`, tenders: [{ kind: 'card', amountMinor: 10519, reference: 'pi_1' }] }),
    authorize(10519, 'auth-1', 'EUR'),
    capture(10519, 'cap-1', 'EUR'),
    ship('s1', [
      ['L1', 2],
      ['L2', 1],
    ]),
  ];
}

export type DeliveryHarness = Awaited<ReturnType<typeof deliveryHarness>>;
