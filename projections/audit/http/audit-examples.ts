/** Examples of the auditor tools' answers in the OpenAPI document (the worked example o-1001, lists cut short). */

export const LINE_LINEAGE = {
  "line": {
    "entryId": "434863d2-6a13-572d-b614-386a10fb3307/payment-captured",
    "sourceType": "order",
    "sourceId": "o-1001",
    "lineId": "434863d2-6a13-572d-b614-386a10fb3307/payment-captured/1",
    "lineNo": 1,
    "role": "psp.clearing",
    "side": "debit",
    "amountMinor": 10519,
    "currency": "USD",
    "promotionId": null,
    "vendorId": null,
    "reference": "cap-1",
    "streamId": "order-o-1001",
    "revision": 2,
    "eventId": "434863d2-6a13-572d-b614-386a10fb3307",
    "eventType": "PaymentCaptured",
    "globalPosition": "3",
    "commandId": "bb958683-01d6-5b0b-91d9-a721aaf54761",
    "correlationId": "cf2a125f-b9c7-4994-9dba-db154371a63b",
    "causationId": null,
    "channel": "web",
    "sourceRef": "payload://web/o-1001",
    "traceparent": null
  },
  "events": [
    {
      "role": "source",
      "streamId": "order-o-1001",
      "revision": 2,
      "eventId": "434863d2-6a13-572d-b614-386a10fb3307",
      "type": "PaymentCaptured",
      "globalPosition": "3",
      "event": {
        "eventId": "434863d2-6a13-572d-b614-386a10fb3307",
        "type": "PaymentCaptured",
        "schemaVersion": 1,
        "streamId": "order-o-1001",
        "revision": 2,
        "globalPosition": "3",
        "recordedAt": "2026-12-06T07:31:51.993Z",
        "data": {
          "...": "the event data as stored"
        },
        "metadata": {
          "correlationId": "cf2a125f-b9c7-4994-9dba-db154371a63b",
          "principal": "web-shop",
          "channel": "web",
          "commandId": "bb958683-01d6-5b0b-91d9-a721aaf54761"
        }
      }
    },
    {
      "role": "context",
      "streamId": "order-o-1001",
      "revision": 0,
      "eventId": "526e6182-fe82-5594-a503-db90fcbeb239",
      "type": "OrderPlaced",
      "globalPosition": "1",
      "event": {
        "eventId": "526e6182-fe82-5594-a503-db90fcbeb239",
        "type": "OrderPlaced",
        "schemaVersion": 1,
        "streamId": "order-o-1001",
        "revision": 0,
        "globalPosition": "1",
        "recordedAt": "2026-12-06T07:31:51.902Z",
        "data": {
          "...": "the event data as stored"
        },
        "metadata": {
          "correlationId": "6fd497ad-ac38-45db-b91f-f985b9ca8685",
          "principal": "web-shop",
          "channel": "web",
          "commandId": "a2672c2e-e37b-5446-ac9e-d73bbe40ac05"
        }
      }
    }
  ],
  "commandId": "bb958683-01d6-5b0b-91d9-a721aaf54761",
  "correlationId": "cf2a125f-b9c7-4994-9dba-db154371a63b",
  "causationId": null,
  "traceparent": null,
  "channel": "web",
  "payload": {
    "sourceRef": "payload://web/o-1001",
    "stream": null
  },
  "promotionId": null,
  "vendorId": null,
  "erp": {
    "batchId": "US01-2026-11-28-1",
    "position": 1,
    "documents": []
  }
};

export const ORDER_LINES = {
  "sourceType": "order",
  "sourceId": "o-1001",
  "lines": [
    {
      "entryId": "434863d2-6a13-572d-b614-386a10fb3307/payment-captured",
      "sourceType": "order",
      "sourceId": "o-1001",
      "lineId": "434863d2-6a13-572d-b614-386a10fb3307/payment-captured/1",
      "lineNo": 1,
      "role": "psp.clearing",
      "side": "debit",
      "amountMinor": 10519,
      "currency": "USD",
      "promotionId": null,
      "vendorId": null,
      "reference": "cap-1",
      "streamId": "order-o-1001",
      "revision": 2,
      "eventId": "434863d2-6a13-572d-b614-386a10fb3307",
      "eventType": "PaymentCaptured",
      "globalPosition": "3",
      "commandId": "bb958683-01d6-5b0b-91d9-a721aaf54761",
      "correlationId": "cf2a125f-b9c7-4994-9dba-db154371a63b",
      "causationId": null,
      "channel": "web",
      "sourceRef": "payload://web/o-1001",
      "traceparent": null
    },
    {
      "entryId": "434863d2-6a13-572d-b614-386a10fb3307/payment-captured",
      "sourceType": "order",
      "sourceId": "o-1001",
      "lineId": "434863d2-6a13-572d-b614-386a10fb3307/payment-captured/2",
      "lineNo": 2,
      "role": "liability.customer-deposits",
      "side": "credit",
      "amountMinor": 10519,
      "currency": "USD",
      "promotionId": null,
      "vendorId": null,
      "reference": "cap-1",
      "streamId": "order-o-1001",
      "revision": 2,
      "eventId": "434863d2-6a13-572d-b614-386a10fb3307",
      "eventType": "PaymentCaptured",
      "globalPosition": "3",
      "commandId": "bb958683-01d6-5b0b-91d9-a721aaf54761",
      "correlationId": "cf2a125f-b9c7-4994-9dba-db154371a63b",
      "causationId": null,
      "channel": "web",
      "sourceRef": "payload://web/o-1001",
      "traceparent": null
    }
  ]
};

export const PROMOTION_LINES = {
  "sourceType": "promotion",
  "sourceId": "promo-vend5",
  "lines": [
    {
      "entryId": "1c8ba692-e598-551f-8dff-458ad1532b6d/revenue-recognized",
      "sourceType": "order",
      "sourceId": "o-1001",
      "lineId": "1c8ba692-e598-551f-8dff-458ad1532b6d/revenue-recognized/3",
      "lineNo": 3,
      "role": "discount.vendor",
      "side": "debit",
      "amountMinor": 500,
      "currency": "USD",
      "promotionId": "promo-vend5",
      "vendorId": "acme",
      "reference": null,
      "streamId": "order-o-1001",
      "revision": 3,
      "eventId": "1c8ba692-e598-551f-8dff-458ad1532b6d",
      "eventType": "ShipmentConfirmed",
      "globalPosition": "4",
      "commandId": "b9742d4c-3924-58c6-8293-5b656fb45473",
      "correlationId": "d0f2d8f8-b696-45bf-9d03-4a27d0a407a3",
      "causationId": null,
      "channel": "web",
      "sourceRef": "payload://web/o-1001",
      "traceparent": null
    }
  ]
};

export const SETTLEMENT_LINES = {
  "sourceType": "settlement",
  "sourceId": "stripe/po_1QxY2026113001",
  "lines": [
    {
      "entryId": "db2af4ec-5f94-5aa1-b9a9-436f2c959a06/settlement-fees",
      "sourceType": "settlement",
      "sourceId": "stripe/po_1QxY2026113001",
      "lineId": "db2af4ec-5f94-5aa1-b9a9-436f2c959a06/settlement-fees/1",
      "lineNo": 1,
      "role": "expense.payment-fees",
      "side": "debit",
      "amountMinor": 335,
      "currency": "USD",
      "promotionId": null,
      "vendorId": null,
      "reference": "txn-o-1001",
      "streamId": "settlement-stripe/po_1QxY2026113001",
      "revision": 0,
      "eventId": "db2af4ec-5f94-5aa1-b9a9-436f2c959a06",
      "eventType": "SettlementReported",
      "globalPosition": "8",
      "commandId": "51f48bca-e721-5a6c-972d-b87f3fc0839c",
      "correlationId": "c8d37f6e-78dd-4357-8195-d8dc2bc7b70f",
      "causationId": null,
      "channel": null,
      "sourceRef": null,
      "traceparent": null
    }
  ]
};

export const ENTRY_REBUILD = {
  "entryId": "434863d2-6a13-572d-b614-386a10fb3307/payment-captured",
  "match": true,
  "recordedHash": "9c3385a9cfdb265cfd72a1b6764b14e9fa4953a1bf30d2cdcb297c601296bfd2",
  "rebuiltHash": "9c3385a9cfdb265cfd72a1b6764b14e9fa4953a1bf30d2cdcb297c601296bfd2",
  "differences": [],
  "recorded": {
    "entryId": "434863d2-6a13-572d-b614-386a10fb3307/payment-captured",
    "kind": "payment-captured",
    "sourceType": "order",
    "sourceId": "o-1001",
    "companyCode": "US01",
    "currency": "USD",
    "postingDate": "2026-11-28",
    "streamId": "order-o-1001",
    "revision": 2,
    "eventId": "434863d2-6a13-572d-b614-386a10fb3307",
    "globalPosition": "3",
    "lines": [
      {
        "lineId": "434863d2-6a13-572d-b614-386a10fb3307/payment-captured/1",
        "lineNo": 1,
        "role": "psp.clearing",
        "side": "debit",
        "amountMinor": 10519,
        "currency": "USD",
        "promotionId": null,
        "vendorId": null,
        "reference": "cap-1",
        "streamId": "order-o-1001",
        "revision": 2,
        "eventId": "434863d2-6a13-572d-b614-386a10fb3307",
        "eventType": "PaymentCaptured",
        "globalPosition": "3",
        "commandId": "bb958683-01d6-5b0b-91d9-a721aaf54761",
        "correlationId": "cf2a125f-b9c7-4994-9dba-db154371a63b",
        "causationId": null,
        "channel": "web",
        "sourceRef": "payload://web/o-1001"
      },
      {
        "lineId": "434863d2-6a13-572d-b614-386a10fb3307/payment-captured/2",
        "lineNo": 2,
        "role": "liability.customer-deposits",
        "side": "credit",
        "amountMinor": 10519,
        "currency": "USD",
        "promotionId": null,
        "vendorId": null,
        "reference": "cap-1",
        "streamId": "order-o-1001",
        "revision": 2,
        "eventId": "434863d2-6a13-572d-b614-386a10fb3307",
        "eventType": "PaymentCaptured",
        "globalPosition": "3",
        "commandId": "bb958683-01d6-5b0b-91d9-a721aaf54761",
        "correlationId": "cf2a125f-b9c7-4994-9dba-db154371a63b",
        "causationId": null,
        "channel": "web",
        "sourceRef": "payload://web/o-1001"
      }
    ]
  },
  "rebuilt": {
    "entryId": "434863d2-6a13-572d-b614-386a10fb3307/payment-captured",
    "kind": "payment-captured",
    "sourceType": "order",
    "sourceId": "o-1001",
    "companyCode": "US01",
    "currency": "USD",
    "postingDate": "2026-11-28",
    "streamId": "order-o-1001",
    "revision": 2,
    "eventId": "434863d2-6a13-572d-b614-386a10fb3307",
    "globalPosition": "3",
    "lines": [
      {
        "lineId": "434863d2-6a13-572d-b614-386a10fb3307/payment-captured/1",
        "lineNo": 1,
        "role": "psp.clearing",
        "side": "debit",
        "amountMinor": 10519,
        "currency": "USD",
        "promotionId": null,
        "vendorId": null,
        "reference": "cap-1",
        "streamId": "order-o-1001",
        "revision": 2,
        "eventId": "434863d2-6a13-572d-b614-386a10fb3307",
        "eventType": "PaymentCaptured",
        "globalPosition": "3",
        "commandId": "bb958683-01d6-5b0b-91d9-a721aaf54761",
        "correlationId": "cf2a125f-b9c7-4994-9dba-db154371a63b",
        "causationId": null,
        "channel": "web",
        "sourceRef": "payload://web/o-1001"
      },
      {
        "lineId": "434863d2-6a13-572d-b614-386a10fb3307/payment-captured/2",
        "lineNo": 2,
        "role": "liability.customer-deposits",
        "side": "credit",
        "amountMinor": 10519,
        "currency": "USD",
        "promotionId": null,
        "vendorId": null,
        "reference": "cap-1",
        "streamId": "order-o-1001",
        "revision": 2,
        "eventId": "434863d2-6a13-572d-b614-386a10fb3307",
        "eventType": "PaymentCaptured",
        "globalPosition": "3",
        "commandId": "bb958683-01d6-5b0b-91d9-a721aaf54761",
        "correlationId": "cf2a125f-b9c7-4994-9dba-db154371a63b",
        "causationId": null,
        "channel": "web",
        "sourceRef": "payload://web/o-1001"
      }
    ]
  },
  "events": [
    {
      "role": "source",
      "streamId": "order-o-1001",
      "revision": 2,
      "eventId": "434863d2-6a13-572d-b614-386a10fb3307",
      "type": "PaymentCaptured",
      "globalPosition": "3"
    },
    {
      "role": "context",
      "streamId": "order-o-1001",
      "revision": 0,
      "eventId": "526e6182-fe82-5594-a503-db90fcbeb239",
      "type": "OrderPlaced",
      "globalPosition": "1"
    }
  ]
};

export const BATCH_REBUILD = {
  "batchId": "US01-2026-11-28-1",
  "companyCode": "US01",
  "postingDate": "2026-11-28",
  "recordedHash": "aca84836ea43e62928de928f16b8c5b4b9417572774394b365f308f3175d743a",
  "recordedTotals": [
    {
      "currency": "USD",
      "debitMinor": 23038,
      "creditMinor": 23038,
      "lineCount": 10
    }
  ],
  "entries": [
    {
      "entryId": "434863d2-6a13-572d-b614-386a10fb3307/payment-captured",
      "match": true,
      "recordedHash": "4f50dd4d179ab564d29c07aab241b97dd6e60d4a554c1d53fd689554cd8c1795",
      "rebuiltHash": "4f50dd4d179ab564d29c07aab241b97dd6e60d4a554c1d53fd689554cd8c1795"
    },
    {
      "entryId": "1c8ba692-e598-551f-8dff-458ad1532b6d/revenue-recognized",
      "match": true,
      "recordedHash": "ea85d647ad650063b0ebb79358d7c8d8e41d66cda6919d6f069c871c460611bd",
      "rebuiltHash": "ea85d647ad650063b0ebb79358d7c8d8e41d66cda6919d6f069c871c460611bd"
    }
  ],
  "match": true,
  "rebuiltHash": "aca84836ea43e62928de928f16b8c5b4b9417572774394b365f308f3175d743a",
  "rebuiltTotals": [
    {
      "currency": "USD",
      "debitMinor": 23038,
      "creditMinor": 23038,
      "lineCount": 10
    }
  ],
  "differences": []
};

export const CHAIN_VERIFICATION = {
  "companyCode": "US01",
  "intact": true,
  "withEntries": false,
  "batchCount": 3,
  "head": {
    "batchId": "US01-2026-12-03-1",
    "hash": "d7c79b5477c288df220a23ee8da500b2f2aeab9f5aa7d6e667cfb590fbe65c76"
  },
  "firstBroken": null,
  "problems": []
};
