import assert from 'node:assert/strict';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../../support/temp-dir';
import { audit, AUDIT_KEYS, type AuditApp, callAudit, sendPayout, sendPosSale, sendWorkedExample, startAuditApp } from './audit-app';

const summary = (lines: any[]) => lines.map((l) => `${l.eventType} ${l.role} ${l.side} ${l.amountMinor}`);

describe('audit lineage: from a journal line to its history, and from an order or promotion to its lines', () => {
  const dir = tempDir('audit-lineage');
  let app: AuditApp;

  before(async () => {
    app = await startAuditApp(dir.path);
    await sendWorkedExample(app, 'o-1001');
    await sendPayout(app, 'o-1001', 'po_1001');
  });
  after(async () => {
    await app.close();
    dir.remove();
  });

  it('lists every line the order produced, in the order history produced them', async () => {
    const answer = await audit(app, '/orders/o-1001/lines');
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.sourceType, 'order');
    assert.deepEqual(summary(answer.body.lines), [
      'PaymentCaptured psp.clearing debit 10519',
      'PaymentCaptured liability.customer-deposits credit 10519',
      'ShipmentConfirmed liability.customer-deposits debit 10519',
      'ShipmentConfirmed discount.retailer debit 1000',
      'ShipmentConfirmed discount.vendor debit 500',
      'ShipmentConfirmed revenue.merchandise credit 10500',
      'ShipmentConfirmed revenue.shipping credit 799',
      'ShipmentConfirmed tax.payable credit 720',
      'ShipmentConfirmed receivable.vendor-promo debit 500',
      'ShipmentConfirmed cogs.vendor-funding credit 500',
      'ReturnReceived revenue.returns debit 3000',
      'ReturnReceived tax.payable debit 217',
      'ReturnReceived discount.retailer credit 286',
      'ReturnReceived liability.refunds-payable credit 2931',
      'RefundIssued liability.refunds-payable debit 2931',
      'RefundIssued psp.clearing credit 2931',
    ]);
    assert.ok(answer.body.lines.every((l: any) => l.sourceId === 'o-1001' && l.streamId === 'order-o-1001'));
  });

  it("traces a vendor discount line to its shipment event as stored, the OrderPlaced it needed, the command, the payload and Acme's promotion", async () => {
    const lines = (await audit(app, '/orders/o-1001/lines')).body.lines;
    const line = lines.find((l: any) => l.role === 'discount.vendor');
    const answer = await audit(app, `/lines/${encodeURIComponent(line.lineId)}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const stream = await app.store.readStream('order-o-1001');
    const shipped = stream.find((e) => e.type === 'ShipmentConfirmed')!;
    const placed = stream[0];

    const lineage = answer.body;
    assert.equal(lineage.line.amountMinor, 500);
    assert.deepEqual([lineage.promotionId, lineage.vendorId, lineage.channel], ['promo-vend5', 'acme', 'web']);
    assert.equal(lineage.commandId, shipped.metadata.commandId, 'the command that shipped');
    assert.deepEqual(lineage.payload, { sourceRef: 'payload://web/o-1001', stream: null }, 'a payload kept by the channel, not by Ledgerbridge');
    assert.deepEqual(
      lineage.events.map((e: any) => [e.role, e.streamId, e.revision, e.eventId, e.type, e.globalPosition]),
      [
        ['source', 'order-o-1001', shipped.revision, shipped.eventId, 'ShipmentConfirmed', shipped.globalPosition.toString()],
        ['context', 'order-o-1001', 0, placed.eventId, 'OrderPlaced', placed.globalPosition.toString()],
      ],
    );
    assert.deepEqual(lineage.events[0].event.data, shipped.data, 'the event itself, read from the store');
    assert.equal(lineage.events[1].event.data.sourceRef, 'payload://web/o-1001');
  });

  it('lists every line naming a promotion, across its discounts, claims and the return that clawed it back', async () => {
    const vendor = await audit(app, '/promotions/promo-vend5/lines');
    assert.equal(vendor.status, 200);
    assert.deepEqual(summary(vendor.body.lines), [
      'ShipmentConfirmed discount.vendor debit 500',
      'ShipmentConfirmed receivable.vendor-promo debit 500',
      'ShipmentConfirmed cogs.vendor-funding credit 500',
    ]);
    const retailer = await audit(app, '/promotions/promo-save10/lines');
    assert.deepEqual(summary(retailer.body.lines), ['ShipmentConfirmed discount.retailer debit 1000', 'ReturnReceived discount.retailer credit 286']);
  });

  it("lists every line a payout produced: the provider's fee and the payout to the bank", async () => {
    const answer = await audit(app, '/settlements/stripe/po_1001/lines');
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual([answer.body.sourceType, answer.body.sourceId], ['settlement', 'stripe/po_1001']);
    assert.deepEqual(summary(answer.body.lines), [
      'SettlementReported expense.payment-fees debit 335',
      'SettlementReported psp.clearing credit 335',
      'SettlementReported bank debit 10184',
      'SettlementReported psp.clearing credit 10184',
    ]);
    assert.deepEqual(
      answer.body.lines.map((l: any) => l.streamId),
      Array(4).fill('settlement-stripe/po_1001'),
    );
    const lineage = (await audit(app, `/lines/${encodeURIComponent(answer.body.lines[2].lineId)}`)).body;
    assert.deepEqual(
      lineage.events.map((e: any) => [e.role, e.type]),
      [['source', 'SettlementReported']],
      'a payout needs no other event',
    );
    assert.equal(lineage.events[0].event.data.payoutAmountMinor, 10184);
    assert.equal((await audit(app, '/settlements/stripe/po_never/lines')).status, 404);
    const overGrpc = await callAudit(app, 'ListSettlementLines', { provider: 'stripe', payoutId: 'po_1001' });
    assert.equal(overGrpc.response.lines.length, 4);
  });

  it('points a register sale’s lines at the payload Ledgerbridge kept when the register sent it', async () => {
    await sendPosSale(app, 'T000123');
    const lines = (await audit(app, '/orders/pos-S001-R02-T000123/lines')).body.lines;
    const cash = lines.find((l: any) => l.role === 'cash.register-clearing');
    assert.ok(cash, `the cash tender joins the deposit: ${JSON.stringify(lines.map((l: any) => l.role))}`);
    const lineage = (await audit(app, `/lines/${encodeURIComponent(cash.lineId)}`)).body;
    // The payload's stream is named by the sale and its content: channel-delivery-pos-<digest>-pos-S001-R02-T000123.
    const { sourceRef } = (await app.store.readStream('order-pos-S001-R02-T000123'))[0].data as { sourceRef: string };
    assert.match(sourceRef, /^channel-delivery-pos-[0-9a-f]{32}-pos-S001-R02-T000123$/);
    const [delivery] = await app.store.readStream(sourceRef);
    assert.deepEqual(lineage.payload, {
      sourceRef,
      stream: { streamId: delivery.streamId, eventId: delivery.eventId, globalPosition: delivery.globalPosition.toString(), recordedAt: delivery.recordedAt.toISOString() },
    });
    assert.deepEqual([lineage.events[0].type, lineage.channel], ['OrderPlaced', 'pos']);
  });

  it('answers the same over gRPC, with the event data as JSON text', async () => {
    const lines = (await callAudit(app, 'ListOrderLines', { orderId: 'o-1001' })).response.lines;
    assert.equal(lines.length, 16);
    assert.equal(lines[0].amountMinor, '10519', 'int64 as a client reads it');
    const refundLine = lines.at(-1);
    const { response, error } = await callAudit(app, 'GetLineLineage', { lineId: refundLine.lineId });
    assert.equal(error, undefined);
    assert.equal(response.events[0].type, 'RefundIssued');
    assert.equal(JSON.parse(response.events[0].event.dataJson).refundId, 'ref-1');
    assert.equal(response.payload.sourceRef, 'payload://web/o-1001');
    const promotion = await callAudit(app, 'ListPromotionLines', { promotionId: 'promo-save10' });
    assert.equal(promotion.response.lines.length, 2);
  });

  it('answers 404 for an unknown line, order or promotion, 400 for a malformed id, 403 without audit:read', async () => {
    const unknownLine = await audit(app, `/lines/${encodeURIComponent('no-such-event/payment-captured/1')}`);
    assert.equal(unknownLine.status, 404);
    assert.equal(unknownLine.body.error.code, 'NOT_FOUND');
    assert.equal((await audit(app, '/orders/o-never/lines')).status, 404);
    assert.equal((await audit(app, '/promotions/promo-never/lines')).status, 404);
    const malformed = await audit(app, `/lines/${encodeURIComponent('bad id')}`);
    assert.equal(malformed.status, 400);
    assert.deepEqual(
      malformed.body.error.fields.map((f: any) => f.path),
      ['lineId'],
    );
    const finance = await audit(app, '/orders/o-1001/lines', AUDIT_KEYS.finance);
    assert.equal(finance.status, 403);
    assert.equal(finance.body.error.details.requiredScope, 'audit:read');

    assert.equal((await callAudit(app, 'GetLineLineage', { lineId: 'no-such-event/x/1' })).error?.code, GrpcStatus.NOT_FOUND);
    assert.equal((await callAudit(app, 'ListOrderLines', { orderId: 'bad id' })).error?.code, GrpcStatus.INVALID_ARGUMENT);
    assert.equal((await callAudit(app, 'ListOrderLines', { orderId: 'o-1001' }, AUDIT_KEYS.finance)).error?.code, GrpcStatus.PERMISSION_DENIED);
  });
});
