/** Examples of the auditor tools' answers in the OpenAPI document, as the service answered them for the worked example o-1001 (lists cut short). */

/** The debit line of o-1001's capture, with where it came from. */
const CAPTURE_DEBIT_LINE = {
  entryId: 'afb4fe33-142f-5850-8444-d57b4972e793/payment-captured',
  sourceType: 'order',
  sourceId: 'o-1001',
  lineId: 'afb4fe33-142f-5850-8444-d57b4972e793/payment-captured/1',
  lineNo: 1,
  role: 'psp.clearing',
  side: 'debit',
  amountMinor: 10519,
  currency: 'USD',
  promotionId: null,
  vendorId: null,
  reference: 'cap-1',
  streamId: 'order-o-1001',
  revision: 2,
  eventId: 'afb4fe33-142f-5850-8444-d57b4972e793',
  eventType: 'PaymentCaptured',
  globalPosition: '3',
  commandId: '14daa3ae-20df-580a-bb6b-14bf8280b188',
  correlationId: 'd848c77e-a29d-4496-ac91-c993cfec8223',
  causationId: null,
  channel: 'web',
  sourceRef: 'payload://web/o-1001',
  traceparent: null,
};

/** The capture's credit line: the same event, so the same lineage. */
const CAPTURE_CREDIT_LINE = {
  ...CAPTURE_DEBIT_LINE,
  lineId: 'afb4fe33-142f-5850-8444-d57b4972e793/payment-captured/2',
  lineNo: 2,
  role: 'liability.customer-deposits',
  side: 'credit',
};

/** A line as its entry lists it: without the entry's own fields and the trace context. */
function entryLine({ entryId, sourceType, sourceId, traceparent, ...line }: typeof CAPTURE_DEBIT_LINE) {
  return line;
}

export const LINE_LINEAGE = {
  line: CAPTURE_DEBIT_LINE,
  events: [
    {
      role: 'source',
      streamId: 'order-o-1001',
      revision: 2,
      eventId: 'afb4fe33-142f-5850-8444-d57b4972e793',
      type: 'PaymentCaptured',
      globalPosition: '3',
      event: {
        eventId: 'afb4fe33-142f-5850-8444-d57b4972e793',
        type: 'PaymentCaptured',
        schemaVersion: 1,
        streamId: 'order-o-1001',
        revision: 2,
        globalPosition: '3',
        recordedAt: '2026-12-06T08:13:34.851Z',
        data: {
          '...': 'the event data as stored',
        },
        metadata: {
          correlationId: 'd848c77e-a29d-4496-ac91-c993cfec8223',
          principal: 'operator',
          channel: 'web',
          commandId: '14daa3ae-20df-580a-bb6b-14bf8280b188',
        },
      },
    },
    {
      role: 'context',
      streamId: 'order-o-1001',
      revision: 0,
      eventId: '1450aa20-ce67-57fa-b928-fc06e85d9213',
      type: 'OrderPlaced',
      globalPosition: '1',
      event: {
        eventId: '1450aa20-ce67-57fa-b928-fc06e85d9213',
        type: 'OrderPlaced',
        schemaVersion: 1,
        streamId: 'order-o-1001',
        revision: 0,
        globalPosition: '1',
        recordedAt: '2026-12-06T08:13:34.739Z',
        data: {
          '...': 'the event data as stored',
        },
        metadata: {
          correlationId: 'f96cb6cb-d326-48f1-a93f-7372b837a2e7',
          principal: 'operator',
          channel: 'web',
          commandId: '7431b1d7-be67-519a-8328-b895f76e41a8',
        },
      },
    },
  ],
  commandId: '14daa3ae-20df-580a-bb6b-14bf8280b188',
  correlationId: 'd848c77e-a29d-4496-ac91-c993cfec8223',
  causationId: null,
  traceparent: null,
  channel: 'web',
  payload: {
    sourceRef: 'payload://web/o-1001',
    stream: null,
  },
  promotionId: null,
  vendorId: null,
  erp: {
    batchId: 'US01-2026-11-28-1',
    position: 1,
    documents: [
      {
        target: 'd365',
        erp: 'd365',
        batchId: 'US01-2026-11-28-1',
        position: 0,
        entryId: null,
        documentNumber: '000001',
        internalId: null,
        generation: 0,
        at: '2026-12-06T08:13:35.758Z',
      },
      {
        target: 'netsuite',
        erp: 'netsuite',
        batchId: 'US01-2026-11-28-1',
        position: 1,
        entryId: 'afb4fe33-142f-5850-8444-d57b4972e793/payment-captured',
        documentNumber: 'JE1',
        internalId: '1000',
        generation: 0,
        at: '2026-12-06T08:13:35.779Z',
      },
      {
        target: 'sap',
        erp: 'sap',
        batchId: 'US01-2026-11-28-1',
        position: 1,
        entryId: 'afb4fe33-142f-5850-8444-d57b4972e793/payment-captured',
        documentNumber: '1010/0100000001/2026',
        internalId: null,
        generation: 0,
        at: '2026-12-06T08:13:35.644Z',
      },
    ],
  },
};

export const ORDER_LINES = {
  sourceType: 'order',
  sourceId: 'o-1001',
  lines: [CAPTURE_DEBIT_LINE, CAPTURE_CREDIT_LINE],
};

export const PROMOTION_LINES = {
  sourceType: 'promotion',
  sourceId: 'promo-vend5',
  lines: [
    {
      entryId: '79895f61-b405-5dd0-b42e-007c61a275c7/revenue-recognized',
      sourceType: 'order',
      sourceId: 'o-1001',
      lineId: '79895f61-b405-5dd0-b42e-007c61a275c7/revenue-recognized/3',
      lineNo: 3,
      role: 'discount.vendor',
      side: 'debit',
      amountMinor: 500,
      currency: 'USD',
      promotionId: 'promo-vend5',
      vendorId: 'acme',
      reference: null,
      streamId: 'order-o-1001',
      revision: 3,
      eventId: '79895f61-b405-5dd0-b42e-007c61a275c7',
      eventType: 'ShipmentConfirmed',
      globalPosition: '4',
      commandId: '30a90e26-9c82-5aa5-acea-ce2919e3bbdd',
      correlationId: '3c44ec56-9d13-44b6-a951-ef2187497750',
      causationId: null,
      channel: 'web',
      sourceRef: 'payload://web/o-1001',
      traceparent: null,
    },
  ],
};

export const SETTLEMENT_LINES = {
  sourceType: 'settlement',
  sourceId: 'stripe/po_1QxY2026113001',
  lines: [
    {
      entryId: '27199350-c90f-5626-9173-c42fe2533431/settlement-disputes',
      sourceType: 'settlement',
      sourceId: 'stripe/po_1QxY2026113001',
      lineId: '27199350-c90f-5626-9173-c42fe2533431/settlement-disputes/1',
      lineNo: 1,
      role: 'psp.disputed-funds',
      side: 'debit',
      amountMinor: 2500,
      currency: 'USD',
      promotionId: null,
      vendorId: null,
      reference: 'txn_3QxY1003',
      streamId: 'settlement-stripe/po_1QxY2026113001',
      revision: 0,
      eventId: '27199350-c90f-5626-9173-c42fe2533431',
      eventType: 'SettlementReported',
      globalPosition: '13',
      commandId: '50068e85-5c18-5ea6-85b9-0d586bad0e9b',
      correlationId: '971a16de-3abe-4f09-95af-471a6bfdd8e2',
      causationId: null,
      channel: null,
      sourceRef: null,
      traceparent: null,
    },
  ],
};

/** The captured payment's entry as recorded; a matching rebuild gives the same. */
const CAPTURE_ENTRY = {
  entryId: 'afb4fe33-142f-5850-8444-d57b4972e793/payment-captured',
  kind: 'payment-captured',
  sourceType: 'order',
  sourceId: 'o-1001',
  companyCode: 'US01',
  currency: 'USD',
  postingDate: '2026-11-28',
  streamId: 'order-o-1001',
  revision: 2,
  eventId: 'afb4fe33-142f-5850-8444-d57b4972e793',
  globalPosition: '3',
  lines: [CAPTURE_DEBIT_LINE, CAPTURE_CREDIT_LINE].map(entryLine),
};

export const ENTRY_REBUILD = {
  entryId: 'afb4fe33-142f-5850-8444-d57b4972e793/payment-captured',
  match: true,
  recordedHash: 'f4e5543e2fb67d5403d1541e70dc6081ccb91eaac5992c66665c9b2f8b7724f8',
  rebuiltHash: 'f4e5543e2fb67d5403d1541e70dc6081ccb91eaac5992c66665c9b2f8b7724f8',
  differences: [],
  recorded: CAPTURE_ENTRY,
  rebuilt: CAPTURE_ENTRY,
  events: [
    {
      role: 'source',
      streamId: 'order-o-1001',
      revision: 2,
      eventId: 'afb4fe33-142f-5850-8444-d57b4972e793',
      type: 'PaymentCaptured',
      globalPosition: '3',
    },
    {
      role: 'context',
      streamId: 'order-o-1001',
      revision: 0,
      eventId: '1450aa20-ce67-57fa-b928-fc06e85d9213',
      type: 'OrderPlaced',
      globalPosition: '1',
    },
  ],
};

export const BATCH_REBUILD = {
  batchId: 'US01-2026-11-28-1',
  companyCode: 'US01',
  postingDate: '2026-11-28',
  recordedHash: '17e495a72c92b3d411294c70e339c985d54d5846ee943feaa9a176019be286c0',
  recordedTotals: [
    {
      currency: 'USD',
      debitMinor: 23038,
      creditMinor: 23038,
      lineCount: 10,
    },
  ],
  entries: [
    {
      entryId: 'afb4fe33-142f-5850-8444-d57b4972e793/payment-captured',
      match: true,
      recordedHash: 'f99d2e762467b1788fd0c41aac5f2326f9d43eb8d4c8e815b7a1338dddfa3526',
      rebuiltHash: 'f99d2e762467b1788fd0c41aac5f2326f9d43eb8d4c8e815b7a1338dddfa3526',
    },
    {
      entryId: '79895f61-b405-5dd0-b42e-007c61a275c7/revenue-recognized',
      match: true,
      recordedHash: '56adc61e1f9d557c74c528a7d866e4ab30f0c3627bb4b052b1f9231c07b5900b',
      rebuiltHash: '56adc61e1f9d557c74c528a7d866e4ab30f0c3627bb4b052b1f9231c07b5900b',
    },
  ],
  match: true,
  rebuiltHash: '17e495a72c92b3d411294c70e339c985d54d5846ee943feaa9a176019be286c0',
  rebuiltTotals: [
    {
      currency: 'USD',
      debitMinor: 23038,
      creditMinor: 23038,
      lineCount: 10,
    },
  ],
  differences: [],
};

export const CHAIN_VERIFICATION = {
  companyCode: 'US01',
  intact: true,
  withEntries: false,
  batchCount: 1,
  head: {
    batchId: 'US01-2026-11-28-1',
    hash: '17e495a72c92b3d411294c70e339c985d54d5846ee943feaa9a176019be286c0',
  },
  firstBroken: null,
  problems: [],
};

export const STREAM_PAGE = {
  streamId: 'order-o-1001',
  fromRevision: 0,
  events: [
    {
      eventId: '1450aa20-ce67-57fa-b928-fc06e85d9213',
      type: 'OrderPlaced',
      schemaVersion: 1,
      streamId: 'order-o-1001',
      revision: 0,
      globalPosition: '1',
      recordedAt: '2026-12-06T08:13:34.739Z',
      data: {
        orderId: 'o-1001',
        channel: 'web',
        placedAt: '2026-11-27T10:00:00Z',
        companyCode: 'US01',
        currency: 'USD',
        fulfillment: {
          type: 'ship',
        },
        lines: [
          {
            lineId: 'L1',
            sku: 'TEE-RED-M',
            quantity: 2,
            unitPriceMinor: 3000,
            taxIncluded: false,
            grossMinor: 6000,
            revenueMinor: 6000,
            discounts: [
              {
                promotionId: 'promo-save10',
                code: 'SAVE10',
                funding: 'retailer',
                amountMinor: 571,
              },
            ],
            discountMinor: 571,
            taxes: [
              {
                rate: '8%',
                amountMinor: 434,
                channelRemitted: false,
              },
            ],
            taxMinor: 434,
          },
          {
            lineId: 'L2',
            sku: 'HOODIE-GRY-L',
            quantity: 1,
            unitPriceMinor: 4500,
            taxIncluded: false,
            grossMinor: 4500,
            revenueMinor: 4500,
            discounts: [
              {
                promotionId: 'promo-save10',
                code: 'SAVE10',
                funding: 'retailer',
                amountMinor: 429,
              },
              {
                promotionId: 'promo-vend5',
                code: 'VEND5',
                funding: {
                  vendorId: 'acme',
                },
                amountMinor: 500,
              },
            ],
            discountMinor: 929,
            taxes: [
              {
                rate: '8%',
                amountMinor: 286,
                channelRemitted: false,
              },
            ],
            taxMinor: 286,
          },
        ],
        discounts: [
          {
            promotionId: 'promo-save10',
            code: 'SAVE10',
            funding: 'retailer',
            amountMinor: 1000,
            allocations: [
              {
                lineId: 'L1',
                amountMinor: 571,
              },
              {
                lineId: 'L2',
                amountMinor: 429,
              },
            ],
          },
          {
            promotionId: 'promo-vend5',
            code: 'VEND5',
            funding: {
              vendorId: 'acme',
            },
            amountMinor: 500,
            allocations: [
              {
                lineId: 'L2',
                amountMinor: 500,
              },
            ],
          },
        ],
        shipping: [
          {
            code: 'STANDARD',
            amountMinor: 799,
            taxMinor: 0,
          },
        ],
        tenders: [
          {
            kind: 'card',
            amountMinor: 10519,
            reference: 'pi_123',
          },
        ],
        totals: {
          revenueMinor: 10500,
          discountMinor: 1500,
          discounts: [
            {
              promotionId: 'promo-save10',
              code: 'SAVE10',
              funding: 'retailer',
              amountMinor: 1000,
            },
            {
              promotionId: 'promo-vend5',
              code: 'VEND5',
              funding: {
                vendorId: 'acme',
              },
              amountMinor: 500,
            },
          ],
          taxMinor: 720,
          channelRemittedTaxMinor: 0,
          shippingMinor: 799,
          shippingTaxMinor: 0,
          totalMinor: 10519,
        },
        sourceRef: 'payload://web/o-1001',
      },
      metadata: {
        correlationId: 'f96cb6cb-d326-48f1-a93f-7372b837a2e7',
        principal: 'operator',
        channel: 'web',
        commandId: '7431b1d7-be67-519a-8328-b895f76e41a8',
      },
    },
    {
      eventId: '6f59fafc-d014-5d5d-ab4c-a70151013800',
      type: 'PaymentAuthorized',
      schemaVersion: 1,
      streamId: 'order-o-1001',
      revision: 1,
      globalPosition: '2',
      recordedAt: '2026-12-06T08:13:34.794Z',
      data: {
        authorizationId: 'auth-1',
        amountMinor: 10519,
        currency: 'USD',
        at: '2026-11-27T10:01:00Z',
      },
      metadata: {
        correlationId: '8c15065c-3dce-4021-855b-c507a86462c3',
        principal: 'operator',
        channel: 'web',
        commandId: '9cbf3f46-50ba-5b74-801c-05bee6405e28',
      },
    },
  ],
  nextRevision: 2,
};

export const BATCH_DELIVERY_HISTORY = {
  batchId: 'US01-2026-11-28-1',
  documents: [
    {
      target: 'd365',
      erp: 'd365',
      batchId: 'US01-2026-11-28-1',
      position: 0,
      entryId: null,
      documentNumber: '000001',
      internalId: null,
      generation: 0,
      at: '2026-12-06T08:13:35.758Z',
    },
    {
      target: 'netsuite',
      erp: 'netsuite',
      batchId: 'US01-2026-11-28-1',
      position: 1,
      entryId: 'afb4fe33-142f-5850-8444-d57b4972e793/payment-captured',
      documentNumber: 'JE1',
      internalId: '1000',
      generation: 0,
      at: '2026-12-06T08:13:35.779Z',
    },
    {
      target: 'netsuite',
      erp: 'netsuite',
      batchId: 'US01-2026-11-28-1',
      position: 2,
      entryId: '79895f61-b405-5dd0-b42e-007c61a275c7/revenue-recognized',
      documentNumber: 'JE2',
      internalId: '1001',
      generation: 0,
      at: '2026-12-06T08:13:35.779Z',
    },
  ],
  history: [
    {
      type: 'BatchSentToErp',
      target: 'sap',
      erp: 'sap',
      companyCode: 'US01',
      at: '2026-12-06T08:13:35.104Z',
      details: {
        attempt: 1,
        entryCount: 3,
        generation: 0,
        key: 'US01-2026-11-28-1',
        positions: null,
        requestId: 'f5d8ccca-9eb9-43d9-b25d-69026375c636',
      },
      event: {
        eventId: 'b5610e8a-f0dd-5e30-abee-d8f9e8b92573',
        streamId: 'erp-delivery-sap-US01',
        revision: 0,
        globalPosition: '6',
      },
    },
    {
      type: 'BatchSentToErp',
      target: 'netsuite',
      erp: 'netsuite',
      companyCode: 'US01',
      at: '2026-12-06T08:13:35.123Z',
      details: {
        attempt: 1,
        entryCount: 3,
        generation: 0,
        key: 'US01-2026-11-28-1',
        positions: null,
        requestId: 'cea94339-f538-46ca-8d70-0b52164c8eed',
      },
      event: {
        eventId: 'b0646081-43af-5e71-8742-af0a76e2c29e',
        streamId: 'erp-delivery-netsuite-US01',
        revision: 0,
        globalPosition: '7',
      },
    },
    {
      type: 'BatchSentToErp',
      target: 'd365',
      erp: 'd365',
      companyCode: 'US01',
      at: '2026-12-06T08:13:35.124Z',
      details: {
        attempt: 1,
        entryCount: 3,
        generation: 0,
        key: 'Ledgerbridge posting batch US01-2026-11-28-1',
        positions: null,
        requestId: 'e5e1b0d3-9be4-4ee1-ae61-c993816b9dac',
      },
      event: {
        eventId: '6f6f70f6-fb89-5f84-9be8-c6f67c86baae',
        streamId: 'erp-delivery-d365-US01',
        revision: 0,
        globalPosition: '8',
      },
    },
    {
      type: 'BatchPendingAtErp',
      target: 'sap',
      erp: 'sap',
      companyCode: 'US01',
      at: '2026-12-06T08:13:35.545Z',
      details: {
        attempt: 1,
        confirmBy: '2026-12-06T08:28:35.545Z',
        generation: 0,
        messageId: 'US01-2026-11-28-1',
      },
      event: {
        eventId: 'd319c992-a0c9-5e9d-90f9-bb51979af761',
        streamId: 'erp-delivery-sap-US01',
        revision: 1,
        globalPosition: '9',
      },
    },
  ],
};
