import { REPLAY, SAP_CONFIRMATION, SKIP } from '../../../projections/erp-delivery/http/erp-delivery-examples';
import { CORRECTION } from '../../../projections/host/projection-examples';
import { DEFINE_CALENDAR, REOPEN } from '../../../projections/fiscal-periods/http/fiscal-period-examples';
import { CLOSE_BATCH } from '../../../projections/posting-batches/http/posting-batch-examples';
import { DISMISS, ORDERS_CREATE, POS_TRANSACTION, RESYNC_REQUEST } from '../../channels/channel-examples';
import { SELL_GIFT_CARD } from '../../gift-card/http/gift-card-examples';
import * as order from '../../order/http/order-examples';
import * as promotion from '../../promotion/http/promotion-examples';
import { PAYOUT_REPORT, MATCH } from '../../settlement/http/settlement-examples';
import { IMPORT_EXAMPLE } from '../../reference-data/http/reference-data.http';
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
  /** `application/json` unless said; a body of another type is written as it is. */
  contentType?: string;
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
  {
    title: 'DefinePromotion: SAVE10, 10.00 off, retailer-funded',
    method: 'POST',
    path: '/promotions',
    file: 'promotions/define-promotion.json',
    body: promotion.DEFINE,
    idempotencyKey: 'define-save10',
  },
  { title: 'ActivatePromotion', method: 'POST', path: '/promotions/save10/activation', file: 'promotions/activate-promotion.json', body: promotion.ACTIVATE },
  {
    title: "RecordPublication: the channel's answer to publishing it",
    method: 'POST',
    path: '/promotions/save10/publications',
    file: 'promotions/record-publication.json',
    body: promotion.PUBLISH,
  },
  {
    title: "PlaceOrder: DESIGN's worked example, 105.19 (the canonical order format)",
    method: 'POST',
    path: '/orders',
    file: 'orders/place-order.json',
    body: order.PLACE_ORDER,
    idempotencyKey: 'web-o-1001',
  },
  { title: 'RecordApplication: SAVE10 used by o-1001', method: 'POST', path: '/promotions/save10/applications', file: 'promotions/record-application.json', body: promotion.APPLY },
  { title: 'AuthorizePayment', method: 'POST', path: '/orders/o-1001/authorizations', file: 'orders/authorize-payment.json', body: order.AUTHORIZE },
  { title: 'ReserveInventory', method: 'POST', path: '/orders/o-1001/inventory/reservations', file: 'orders/reserve-inventory.json', body: order.RESERVE },
  { title: 'ReleaseInventory: the hoodie back to stock', method: 'POST', path: '/orders/o-1001/inventory/releases', file: 'orders/release-inventory.json', body: order.RELEASE },
  { title: 'CapturePayment', method: 'POST', path: '/orders/o-1001/captures', file: 'orders/capture-payment.json', body: order.CAPTURE },
  { title: 'ConfirmShipment: every unit', method: 'POST', path: '/orders/o-1001/shipments', file: 'orders/confirm-shipment.json', body: order.SHIP },
  { title: 'RequestReturn: one tee', method: 'POST', path: '/orders/o-1001/returns', file: 'orders/request-return.json', body: order.REQUEST_RETURN },
  {
    title: 'ReceiveReturn: every requested unit came back',
    method: 'POST',
    path: '/orders/o-1001/returns/r-1/receipt',
    file: 'orders/receive-return.json',
    body: order.RECEIVE_RETURN,
  },
  { title: 'IssueRefund: the returned tee, 29.31', method: 'POST', path: '/orders/o-1001/refunds', file: 'orders/issue-refund.json', body: order.REFUND },
  {
    title: "RecordClawback: SAVE10's share of the returned tee",
    method: 'POST',
    path: '/promotions/save10/clawbacks',
    file: 'promotions/record-clawback.json',
    body: promotion.CLAW_BACK,
  },
  { title: 'PlaceOrder: the same basket for pickup at store-7', method: 'POST', path: '/orders', file: 'orders/place-pickup-order.json', body: PICKUP_ORDER },
  { title: 'AuthorizePayment (o-1002)', method: 'POST', path: '/orders/o-1002/authorizations', file: 'orders/authorize-payment.json' },
  { title: 'CapturePayment (o-1002)', method: 'POST', path: '/orders/o-1002/captures', file: 'orders/capture-payment.json' },
  { title: 'ConfirmPickup', method: 'POST', path: '/orders/o-1002/pickups', file: 'orders/confirm-pickup.json', body: order.PICKUP },
  { title: 'PlaceOrder: the same basket again, to be cancelled', method: 'POST', path: '/orders', file: 'orders/place-order-to-cancel.json', body: ORDER_TO_CANCEL },
  {
    title: 'RecordApplication: SAVE10 used by o-1003',
    method: 'POST',
    path: '/promotions/save10/applications',
    file: 'promotions/record-application-o-1003.json',
    body: { ...promotion.APPLY, orderId: 'o-1003' },
  },
  { title: 'AuthorizePayment (o-1003)', method: 'POST', path: '/orders/o-1003/authorizations', file: 'orders/authorize-payment.json' },
  { title: 'VoidAuthorization', method: 'POST', path: '/orders/o-1003/authorizations/auth-1/void', file: 'orders/void-authorization.json', body: order.VOID },
  { title: 'CancelOrder', method: 'POST', path: '/orders/o-1003/cancellation', file: 'orders/cancel-order.json', body: order.CANCEL },
  {
    title: "ReleaseApplication: the cancelled order's SAVE10 usage given back",
    method: 'POST',
    path: '/promotions/save10/applications/o-1003/release',
    file: 'promotions/release-application.json',
    body: promotion.RELEASE,
  },
  { title: 'DeactivatePromotion', method: 'POST', path: '/promotions/save10/deactivation', file: 'promotions/deactivate-promotion.json', body: promotion.DEACTIVATE },
  { title: 'SellGiftCard', method: 'POST', path: '/gift-cards', file: 'gift-cards/sell-gift-card.json', body: SELL_GIFT_CARD, idempotencyKey: 'gc-77' },
  { title: 'A POS sale: two lines, part card, part cash', method: 'POST', path: '/channels/pos/transactions', file: 'channels/pos-transaction.json', body: POS_TRANSACTION },
  {
    title: 'ReportSettlement: a Stripe payout report',
    method: 'POST',
    path: '/settlements',
    file: 'settlements/report-settlement.json',
    body: PAYOUT_REPORT,
    idempotencyKey: 'po_1QxY2026113001',
  },
  {
    title: 'MatchTransaction: the chargeback to its order',
    method: 'POST',
    path: '/settlements/stripe/po_1QxY2026113001/matches',
    file: 'settlements/match-transaction.json',
    body: MATCH,
  },
  { title: 'CloseRegister: 2.50 short', method: 'POST', path: '/registers/store-7/reg-2/closes', file: 'settlements/close-register.json', body: CLOSE_REGISTER },
  { title: "ClosePostingBatch: US01's entries posted on 2026-11-28", method: 'POST', path: '/posting-batches/closes', file: 'posting-batches/close-batch.json', body: CLOSE_BATCH },
  {
    title: 'ClosePostingBatch: 2026-11-27 (the gift card, the POS sale, the register close)',
    method: 'POST',
    path: '/posting-batches/closes',
    file: 'posting-batches/close-batch-2026-11-27.json',
    body: { ...CLOSE_BATCH, postingDate: '2026-11-27' },
  },
  {
    title: 'ClosePostingBatch: 2026-11-30 (the payout)',
    method: 'POST',
    path: '/posting-batches/closes',
    file: 'posting-batches/close-batch-2026-11-30.json',
    body: { ...CLOSE_BATCH, postingDate: '2026-11-30' },
  },
  {
    title: "DefineFiscalCalendar: US01's periods are calendar months",
    method: 'POST',
    path: '/fiscal-calendars',
    file: 'fiscal-periods/define-calendar.json',
    body: DEFINE_CALENDAR,
  },
  { title: 'CloseFiscalPeriod: November, every entry of it batched', method: 'POST', path: '/fiscal-calendars/US01/periods/2026-11/closing' },
  { title: 'ReopenFiscalPeriod', method: 'POST', path: '/fiscal-calendars/US01/periods/2026-11/reopening', file: 'fiscal-periods/reopen-period.json', body: REOPEN },
  {
    title: 'ImportReferenceData: a store, a SKU and its product group, effective from November',
    method: 'POST',
    path: '/reference-data/imports',
    file: 'reference-data/import.json',
    body: IMPORT_EXAMPLE,
    idempotencyKey: 'refdata-2026-11',
  },
  { title: 'Restart a projection from its checkpoint', method: 'POST', path: '/projections/journal/restart' },
  { title: 'Rebuild a projection beside the live one and compare', method: 'POST', path: '/projections/journal/rebuild' },
];

/** A command whose route needs something a fresh data folder does not have: its example, not sent by requests.sh. */
export interface CommandNeedingSetup extends ExampleRequest {
  /** The documented route, `POST /orders/{orderId}/captures`. */
  route: string;
  needs: string;
  /** Extra curl arguments (headers the command needs besides the body). */
  curl?: string;
}

export const COMMANDS_NEEDING_SETUP: readonly CommandNeedingSetup[] = [
  {
    route: 'POST /channels/shopify/webhooks',
    needs: 'the shop in SHOPIFY_SHOPS with its secret in SHOP_SECRET (docs/channels.md, Shopify)',
    title: "A Shopify webhook: orders/create, Shopify's test notification, signed as Shopify signs it",
    method: 'POST',
    path: '/channels/shopify/webhooks',
    file: 'channels/shopify-orders-create.json',
    body: ORDERS_CREATE,
    curl: `-H 'X-Shopify-Topic: orders/create' -H 'X-Shopify-Shop-Domain: my-shop.myshopify.com' -H 'X-Shopify-Webhook-Id: b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' -H "X-Shopify-Hmac-Sha256: $(openssl dgst -sha256 -hmac "$SHOP_SECRET" -binary < channels/shopify-orders-create.json | base64)"`,
  },
  {
    route: 'POST /channels/shopify/resync',
    needs: "the shop in SHOPIFY_SHOPS; the order and transactions are the Admin API's answers (docs/channels.md, Re-sync)",
    title: 'Re-sync an order whose webhooks were lost',
    method: 'POST',
    path: '/channels/shopify/resync',
    file: 'channels/shopify-resync.json',
    body: RESYNC_REQUEST,
  },
  {
    route: 'POST /channels/business-errors/{id}/reprocessing',
    needs: 'an entry on the business-error queue (GET /channels/business-errors)',
    title: 'Reprocess a business-error entry',
    method: 'POST',
    path: '/channels/business-errors/business-error-shopify-0c8e1a5b-0001/reprocessing',
  },
  {
    route: 'POST /channels/business-errors/{id}/dismissal',
    needs: 'an entry on the business-error queue (GET /channels/business-errors)',
    title: 'Dismiss a business-error entry',
    method: 'POST',
    path: '/channels/business-errors/business-error-shopify-0c8e1a5b-0001/dismissal',
    file: 'channels/dismiss-business-error.json',
    body: DISMISS,
  },
  {
    route: 'POST /projections/{name}/corrections',
    needs: 'a projection halted at that event (docs/operations.md, Projections)',
    title: 'Correct the event a projection halted at',
    method: 'POST',
    path: '/projections/journal/corrections',
    file: 'projections/correct-event.json',
    body: CORRECTION,
  },
  {
    route: 'POST /ops/sagas/{saga}/instances/{instanceId}/retry',
    needs: 'a parked saga instance (GET /ops/sagas/parked)',
    title: 'Retry a parked saga instance',
    method: 'POST',
    path: '/ops/sagas/fulfillment/instances/web-1002/retry',
  },
  {
    route: 'POST /erp/deliveries/{target}/batches/{batchId}/replay',
    needs: 'ERP_TARGETS and a dead-lettered batch (GET /erp/dead-letters)',
    title: 'Replay a dead-lettered batch',
    method: 'POST',
    path: '/erp/deliveries/netsuite/batches/US01-2026-11-28-2/replay',
    file: 'erp/replay-batch.json',
    body: REPLAY,
  },
  {
    route: 'POST /erp/deliveries/{target}/batches/{batchId}/skip',
    needs: 'ERP_TARGETS and a batch waiting at that target',
    title: 'Skip a batch for one target',
    method: 'POST',
    path: '/erp/deliveries/d365/batches/US01-2026-11-28-3/skip',
    file: 'erp/skip-batch.json',
    body: SKIP,
  },
  {
    route: 'POST /erp/sap/confirmations',
    needs: "ERP_TARGETS with SAP; SAP sends it with the target's callbackUser and callbackPassword (docs/operations.md, ERP delivery)",
    title: "SAP's confirmation of a batch",
    method: 'POST',
    path: '/erp/sap/confirmations',
    file: 'erp/sap-confirmation.xml',
    body: SAP_CONFIRMATION,
    contentType: 'text/xml',
    curl: '-u "$SAP_CALLBACK_USER:$SAP_CALLBACK_PASSWORD"',
  },
];

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
  const curl = (request: ExampleRequest, extra?: string) => {
    if (request.file && request.body !== undefined) files.set(request.file, typeof request.body === 'string' ? request.body : `${JSON.stringify(request.body, null, 2)}\n`);
    const parts = [`curl -sS --fail-with-body -X ${request.method} "$BASE${request.path}" "\${auth[@]}"`];
    if (request.idempotencyKey) parts.push(`-H 'Idempotency-Key: ${request.idempotencyKey}'`);
    if (extra) parts.push(extra);
    if (request.file) parts.push(`-H 'content-type: ${request.contentType ?? 'application/json'}' --data-binary @${request.file}`);
    return `${parts.join(' ')}; echo`;
  };
  for (const request of EXAMPLE_REQUESTS) lines.push(`# ${request.title}`, curl(request));
  lines.push('', '# Commands that need something a fresh data folder does not have: their examples, not sent.');
  for (const command of COMMANDS_NEEDING_SETUP) lines.push('', `# ${command.title}; needs ${command.needs}`, `# ${curl(command, command.curl)}`);
  files.set('requests.sh', `${lines.join('\n')}\n`);
  return files;
}
