import { POS_TRANSACTION } from '../../channels/channel-examples';
import { SELL_GIFT_CARD } from '../../gift-card/http/gift-card-examples';
import * as order from '../../order/http/order-examples';
import * as promotion from '../../promotion/http/promotion-examples';
import { PAYOUT_REPORT, MATCH } from '../../settlement/http/settlement-examples';
import { CLOSE_REGISTER } from '../../settlement/register-close/http/register-close-examples';

/** One command as a client sends it: its route, and its body kept in `examples/<file>`. */
export interface ExampleRequest {
  /** The command, and what this request does in the sequence. */
  title: string;
  method: 'POST';
  path: string;
  /** Under examples/; absent for a command without a body. */
  file?: string;
  body?: unknown;
  idempotencyKey?: string;
}

const PICKUP_ORDER = { ...order.PLACE_ORDER, orderId: 'o-1002', fulfillment: { type: 'pickup', locationId: 'store-7' }, sourceRef: 'payload://web/o-1002' };
const ORDER_TO_CANCEL = { ...order.PLACE_ORDER, orderId: 'o-1003', sourceRef: 'payload://web/o-1003' };

/**
 * Every command with an example, in an order in which each one is taken on a fresh data folder
 * with the sagas off (SAGAS_ENABLED=false: with them on, the fulfillment saga takes some of
 * these steps itself). The bodies are the OpenAPI document's examples (the slices'
 * `*-examples.ts`), so an example has one home; a second and third order, and the promotion
 * applied to the third, are derived from them for the commands the first order cannot take
 * (a pickup, a void and a cancellation).
 */
export const EXAMPLE_REQUESTS: readonly ExampleRequest[] = [
  { title: 'DefinePromotion: SAVE10, 10.00 off, retailer-funded', method: 'POST', path: '/promotions', file: 'promotions/define-promotion.json', body: promotion.DEFINE, idempotencyKey: 'define-save10' },
  { title: 'ActivatePromotion', method: 'POST', path: '/promotions/save10/activation', file: 'promotions/activate-promotion.json', body: promotion.ACTIVATE },
  { title: "RecordPublication: the channel's answer to publishing it", method: 'POST', path: '/promotions/save10/publications', file: 'promotions/record-publication.json', body: promotion.PUBLISH },
  { title: "PlaceOrder: DESIGN's worked example, 105.19 (the canonical order format)", method: 'POST', path: '/orders', file: 'orders/place-order.json', body: order.PLACE_ORDER, idempotencyKey: 'web-o-1001' },
  { title: 'RecordApplication: SAVE10 used by o-1001', method: 'POST', path: '/promotions/save10/applications', file: 'promotions/record-application.json', body: promotion.APPLY },
  { title: 'AuthorizePayment', method: 'POST', path: '/orders/o-1001/authorizations', file: 'orders/authorize-payment.json', body: order.AUTHORIZE },
  { title: 'ReserveInventory', method: 'POST', path: '/orders/o-1001/inventory/reservations', file: 'orders/reserve-inventory.json', body: order.RESERVE },
  { title: 'ReleaseInventory: the hoodie back to stock', method: 'POST', path: '/orders/o-1001/inventory/releases', file: 'orders/release-inventory.json', body: order.RELEASE },
  { title: 'CapturePayment', method: 'POST', path: '/orders/o-1001/captures', file: 'orders/capture-payment.json', body: order.CAPTURE },
  { title: 'ConfirmShipment: every unit', method: 'POST', path: '/orders/o-1001/shipments', file: 'orders/confirm-shipment.json', body: order.SHIP },
  { title: 'RequestReturn: one tee', method: 'POST', path: '/orders/o-1001/returns', file: 'orders/request-return.json', body: order.REQUEST_RETURN },
  { title: 'ReceiveReturn: every requested unit came back', method: 'POST', path: '/orders/o-1001/returns/r-1/receipt', file: 'orders/receive-return.json', body: order.RECEIVE_RETURN },
  { title: 'IssueRefund: the returned tee, 29.31', method: 'POST', path: '/orders/o-1001/refunds', file: 'orders/issue-refund.json', body: order.REFUND },
  { title: "RecordClawback: SAVE10's share of the returned tee", method: 'POST', path: '/promotions/save10/clawbacks', file: 'promotions/record-clawback.json', body: promotion.CLAW_BACK },
  { title: 'PlaceOrder: the same basket for pickup at store-7', method: 'POST', path: '/orders', file: 'orders/place-pickup-order.json', body: PICKUP_ORDER },
  { title: 'AuthorizePayment (o-1002)', method: 'POST', path: '/orders/o-1002/authorizations', file: 'orders/authorize-payment.json' },
  { title: 'CapturePayment (o-1002)', method: 'POST', path: '/orders/o-1002/captures', file: 'orders/capture-payment.json' },
  { title: 'ConfirmPickup', method: 'POST', path: '/orders/o-1002/pickups', file: 'orders/confirm-pickup.json', body: order.PICKUP },
  { title: 'PlaceOrder: the same basket again, to be cancelled', method: 'POST', path: '/orders', file: 'orders/place-order-to-cancel.json', body: ORDER_TO_CANCEL },
  { title: 'RecordApplication: SAVE10 used by o-1003', method: 'POST', path: '/promotions/save10/applications', file: 'promotions/record-application-o-1003.json', body: { ...promotion.APPLY, orderId: 'o-1003' } },
  { title: 'AuthorizePayment (o-1003)', method: 'POST', path: '/orders/o-1003/authorizations', file: 'orders/authorize-payment.json' },
  { title: 'VoidAuthorization', method: 'POST', path: '/orders/o-1003/authorizations/auth-1/void', file: 'orders/void-authorization.json', body: order.VOID },
  { title: 'CancelOrder', method: 'POST', path: '/orders/o-1003/cancellation', file: 'orders/cancel-order.json', body: order.CANCEL },
  { title: "ReleaseApplication: the cancelled order's SAVE10 usage given back", method: 'POST', path: '/promotions/save10/applications/o-1003/release', file: 'promotions/release-application.json', body: promotion.RELEASE },
  { title: 'DeactivatePromotion', method: 'POST', path: '/promotions/save10/deactivation', file: 'promotions/deactivate-promotion.json', body: promotion.DEACTIVATE },
  { title: 'SellGiftCard', method: 'POST', path: '/gift-cards', file: 'gift-cards/sell-gift-card.json', body: SELL_GIFT_CARD, idempotencyKey: 'gc-77' },
  { title: 'A POS sale: two lines, part card, part cash', method: 'POST', path: '/channels/pos/transactions', file: 'channels/pos-transaction.json', body: POS_TRANSACTION },
  { title: 'ReportSettlement: a Stripe payout report', method: 'POST', path: '/settlements', file: 'settlements/report-settlement.json', body: PAYOUT_REPORT, idempotencyKey: 'po_1QxY2026113001' },
  { title: 'MatchTransaction: the chargeback to its order', method: 'POST', path: '/settlements/stripe/po_1QxY2026113001/matches', file: 'settlements/match-transaction.json', body: MATCH },
  { title: 'CloseRegister: 2.50 short', method: 'POST', path: '/registers/store-7/reg-2/closes', file: 'settlements/close-register.json', body: CLOSE_REGISTER },
  { title: "ClosePostingBatch: US01's entries posted on 2026-11-28", method: 'POST', path: '/posting-batches/closes', file: 'posting-batches/close-batch.json', body: { companyCode: 'US01', postingDate: '2026-11-28' } },
  { title: 'Restart a projection from its checkpoint', method: 'POST', path: '/projections/journal/restart' },
  { title: 'Rebuild a projection beside the live one and compare', method: 'POST', path: '/projections/journal/rebuild' },
];

/** Write routes without an example here, and what they need that a fresh data folder does not have. */
export const COMMANDS_WITHOUT_EXAMPLE: Readonly<Record<string, string>> = {
  'POST /channels/shopify/webhooks': "a delivery signed with the shop's secret (docs/channels.md, Shopify)",
  'POST /channels/shopify/resync': "a shop in SHOPIFY_SHOPS and the Admin API's answers (docs/channels.md, Re-sync)",
  'POST /channels/business-errors/{id}/reprocessing': 'an entry on the business-error queue (docs/channels.md)',
  'POST /channels/business-errors/{id}/dismissal': 'an entry on the business-error queue (docs/channels.md)',
  'POST /projections/{name}/corrections': 'a projection halted at an event (docs/operations.md)',
  'POST /ops/sagas/{saga}/instances/{instanceId}/retry': 'a parked saga instance (docs/operations.md)',
  'POST /erp/deliveries/{target}/batches/{batchId}/replay': 'ERP_TARGETS and a dead-lettered batch (docs/operations.md, ERP delivery)',
  'POST /erp/deliveries/{target}/batches/{batchId}/skip': 'ERP_TARGETS and a batch waiting at an ERP (docs/operations.md, ERP delivery)',
  'POST /erp/sap/confirmations': "SAP's SOAP confirmation, sent by SAP with the callback credentials (docs/operations.md)",
};

/** The files of examples/: each body, and requests.sh with a curl line per command, in order. */
export function exampleFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const lines = [
    '#!/usr/bin/env bash',
    '# Generated by `npm run examples` from src/cli/request-examples/example-requests.ts; do not edit by hand.',
    '# Every command with an example, in an order in which each is taken by a service on a fresh data',
    '# folder with the sagas off (with them on, the fulfillment saga takes some of these steps itself):',
    '#   SAGAS_ENABLED=false DATA_DIR=$(mktemp -d) npm start      then      examples/requests.sh',
    '# BASE (default http://localhost:3000) is the service; KEY, when set, is sent as the API key.',
    'set -euo pipefail',
    'cd "$(dirname "$0")"',
    'BASE=${BASE:-http://localhost:3000}',
    'auth=(); if [ -n "${KEY:-}" ]; then auth=(-H "Authorization: Bearer $KEY"); fi',
    '',
  ];
  for (const request of EXAMPLE_REQUESTS) {
    if (request.file && request.body !== undefined) files.set(request.file, `${JSON.stringify(request.body, null, 2)}\n`);
    const parts = [`curl -sS --fail-with-body -X ${request.method} "$BASE${request.path}" "\${auth[@]}"`];
    if (request.idempotencyKey) parts.push(`-H 'Idempotency-Key: ${request.idempotencyKey}'`);
    if (request.file) parts.push(`-H 'content-type: application/json' -d @${request.file}`);
    lines.push(`# ${request.title}`, `${parts.join(' ')}; echo`);
  }
  files.set('requests.sh', `${lines.join('\n')}\n`);
  return files;
}
