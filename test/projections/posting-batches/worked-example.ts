import type { OrderCommand } from '../../../src/order/order.commands';
import { authorize, capture, receiveReturn, refund, requestReturn, ship, workedExample } from '../../order/order.fixtures';

/** DESIGN.md's worked example as commands: sale, capture, shipment, return of one tee, refund. All post on 2026-11-28. */
export function workedExampleCommands(orderId = 'o-1001'): OrderCommand[] {
  return [
    workedExample({ orderId, sourceRef: `payload://web/${orderId}` }),
    authorize(10519),
    capture(10519),
    ship('s1', [
      ['L1', 2],
      ['L2', 1],
    ]),
    requestReturn('r1', [['L1', 1]]),
    receiveReturn('r1'),
    refund(2931, 'ref-1', 'r1'),
  ];
}

export const EXAMPLE_DATE = '2026-11-28';
