/**
 * ERP delivery's examples in the OpenAPI document, as the service answered them: US01's first batch
 * of 28 November 2026 delivered to the simulated SAP, NetSuite and D365; its second refused by
 * NetSuite and replayed; its third refused by D365 and skipped. Requests pass validation as they stand.
 */
import type { Refusal } from '../../../src/api-docs/documented';

export const LANES = {
  deliveries: [
    {
      companyCode: 'US01',
      target: 'sap',
      erp: 'sap',
      backlog: 0,
      oldestUndelivered: null,
      lastAcknowledged: {
        batchId: 'US01-2026-11-28-1',
        at: '2026-12-06T08:13:35.644Z',
      },
      open: [],
      deadLetters: 0,
      breaker: 'closed',
      inFlight: 0,
      maxInFlight: 2,
      problem: null,
    },
    {
      companyCode: 'US01',
      target: 'netsuite',
      erp: 'netsuite',
      backlog: 0,
      oldestUndelivered: null,
      lastAcknowledged: {
        batchId: 'US01-2026-11-28-1',
        at: '2026-12-06T08:13:35.779Z',
      },
      open: [],
      deadLetters: 0,
      breaker: 'closed',
      inFlight: 0,
      maxInFlight: 2,
      problem: null,
    },
    {
      companyCode: 'US01',
      target: 'd365',
      erp: 'd365',
      backlog: 0,
      oldestUndelivered: null,
      lastAcknowledged: {
        batchId: 'US01-2026-11-28-1',
        at: '2026-12-06T08:13:35.758Z',
      },
      open: [],
      deadLetters: 0,
      breaker: 'closed',
      inFlight: 0,
      maxInFlight: 2,
      problem: null,
    },
  ],
  checkpoint: '12',
};

export const BATCH_DELIVERIES = {
  batchId: 'US01-2026-11-28-1',
  deliveries: [
    {
      target: 'sap',
      erp: 'sap',
      status: 'acknowledged',
      documents: [
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
        {
          target: 'sap',
          erp: 'sap',
          batchId: 'US01-2026-11-28-1',
          position: 2,
          entryId: '79895f61-b405-5dd0-b42e-007c61a275c7/revenue-recognized',
          documentNumber: '1010/0100000002/2026',
          internalId: null,
          generation: 0,
          at: '2026-12-06T08:13:35.644Z',
        },
        {
          target: 'sap',
          erp: 'sap',
          batchId: 'US01-2026-11-28-1',
          position: 3,
          entryId: '79895f61-b405-5dd0-b42e-007c61a275c7/vendor-claim',
          documentNumber: '1010/0100000003/2026',
          internalId: null,
          generation: 0,
          at: '2026-12-06T08:13:35.644Z',
        },
      ],
    },
    {
      target: 'netsuite',
      erp: 'netsuite',
      status: 'acknowledged',
      documents: [
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
        {
          target: 'netsuite',
          erp: 'netsuite',
          batchId: 'US01-2026-11-28-1',
          position: 3,
          entryId: '79895f61-b405-5dd0-b42e-007c61a275c7/vendor-claim',
          documentNumber: 'JE3',
          internalId: '1002',
          generation: 0,
          at: '2026-12-06T08:13:35.779Z',
        },
      ],
    },
    {
      target: 'd365',
      erp: 'd365',
      status: 'acknowledged',
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
      ],
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
    {
      type: 'BatchAcknowledgedByErp',
      target: 'sap',
      erp: 'sap',
      companyCode: 'US01',
      at: '2026-12-06T08:13:35.644Z',
      details: {
        attempt: 1,
        generation: 0,
        via: 'confirmation',
      },
      event: {
        eventId: '57ff07b0-d7ec-57e2-a543-734ccbf17d9f',
        streamId: 'erp-delivery-sap-US01',
        revision: 2,
        globalPosition: '10',
      },
    },
    {
      type: 'BatchAcknowledgedByErp',
      target: 'd365',
      erp: 'd365',
      companyCode: 'US01',
      at: '2026-12-06T08:13:35.758Z',
      details: {
        attempt: 1,
        generation: 0,
        via: 'answer',
      },
      event: {
        eventId: 'ccfc34cf-48c0-563b-80c7-fb88927e6cd2',
        streamId: 'erp-delivery-d365-US01',
        revision: 1,
        globalPosition: '11',
      },
    },
    {
      type: 'BatchAcknowledgedByErp',
      target: 'netsuite',
      erp: 'netsuite',
      companyCode: 'US01',
      at: '2026-12-06T08:13:35.779Z',
      details: {
        attempt: 1,
        generation: 0,
        via: 'answer',
      },
      event: {
        eventId: '20376029-60ce-53d5-b779-6d6ab4ecbd65',
        streamId: 'erp-delivery-netsuite-US01',
        revision: 1,
        globalPosition: '12',
      },
    },
  ],
};

export const DEAD_LETTERS = {
  deadLetters: [
    {
      companyCode: 'US01',
      target: 'netsuite',
      erp: 'netsuite',
      batchId: 'US01-2026-11-28-2',
      attempt: 1,
      generation: 0,
      since: '2026-12-06T08:13:36.330Z',
      rejection: {
        attempt: 1,
        generation: 0,
        httpStatus: 400,
        message: 'Error while accessing a resource. Invalid account reference key 118 for subsidiary 1. (USER_ERROR)',
        reason: 'refused',
        refusedCount: 1,
        refusedEntries: [
          {
            entryId: '255c131e-0e6e-5ab3-8841-4a4eebb4107c/revenue-recognized',
            message: 'Error while accessing a resource. Invalid account reference key 118 for subsidiary 1. (USER_ERROR)',
            position: 2,
          },
        ],
        retryAfterMs: null,
        retryAt: null,
        retryable: false,
        via: 'answer',
        at: '2026-12-06T08:13:36.414Z',
      },
    },
  ],
};

export const REPLAY = {
  reason: 'account 118 opened for subsidiary 1 in NetSuite',
};

export const REPLAYED = {
  batchId: 'US01-2026-11-28-2',
  target: 'netsuite',
  companyCode: 'US01',
  decision: 'replay-requested',
  generation: 1,
  who: 'operator',
  why: 'account 118 opened for subsidiary 1 in NetSuite',
};

export const SKIP = {
  reason: 'posted by hand in D365 as journal 000777',
};

export const SKIPPED = {
  batchId: 'US01-2026-11-28-3',
  target: 'd365',
  companyCode: 'US01',
  decision: 'skipped',
  who: 'operator',
  why: 'posted by hand in D365 as journal 000777',
};

export const RECONCILIATION = {
  companyCode: 'US01',
  target: 'sap',
  erp: 'sap',
  from: '2026-11-28',
  to: '2026-11-28',
  checkpoint: '12',
  erpBooks: {
    readBack: true,
    documentsRead: 3,
  },
  rows: [
    {
      date: '2026-11-28',
      account: '0000113100',
      currency: 'USD',
      ledgerbridge: {
        debitMinor: 10519,
        creditMinor: 0,
      },
      acknowledged: {
        debitMinor: 10519,
        creditMinor: 0,
      },
      erp: {
        debitMinor: 10519,
        creditMinor: 0,
      },
    },
    {
      date: '2026-11-28',
      account: '0000125000',
      currency: 'USD',
      ledgerbridge: {
        debitMinor: 500,
        creditMinor: 0,
      },
      acknowledged: {
        debitMinor: 500,
        creditMinor: 0,
      },
      erp: {
        debitMinor: 500,
        creditMinor: 0,
      },
    },
    {
      date: '2026-11-28',
      account: '0000218000',
      currency: 'USD',
      ledgerbridge: {
        debitMinor: 10519,
        creditMinor: 10519,
      },
      acknowledged: {
        debitMinor: 10519,
        creditMinor: 10519,
      },
      erp: {
        debitMinor: 10519,
        creditMinor: 10519,
      },
    },
    {
      date: '2026-11-28',
      account: '0000222000',
      currency: 'USD',
      ledgerbridge: {
        debitMinor: 0,
        creditMinor: 720,
      },
      acknowledged: {
        debitMinor: 0,
        creditMinor: 720,
      },
      erp: {
        debitMinor: 0,
        creditMinor: 720,
      },
    },
    {
      date: '2026-11-28',
      account: '0000401000',
      currency: 'USD',
      ledgerbridge: {
        debitMinor: 0,
        creditMinor: 10500,
      },
      acknowledged: {
        debitMinor: 0,
        creditMinor: 10500,
      },
      erp: {
        debitMinor: 0,
        creditMinor: 10500,
      },
    },
    {
      date: '2026-11-28',
      account: '0000401900',
      currency: 'USD',
      ledgerbridge: {
        debitMinor: 1000,
        creditMinor: 0,
      },
      acknowledged: {
        debitMinor: 1000,
        creditMinor: 0,
      },
      erp: {
        debitMinor: 1000,
        creditMinor: 0,
      },
    },
    {
      date: '2026-11-28',
      account: '0000401950',
      currency: 'USD',
      ledgerbridge: {
        debitMinor: 500,
        creditMinor: 0,
      },
      acknowledged: {
        debitMinor: 500,
        creditMinor: 0,
      },
      erp: {
        debitMinor: 500,
        creditMinor: 0,
      },
    },
    {
      date: '2026-11-28',
      account: '0000402000',
      currency: 'USD',
      ledgerbridge: {
        debitMinor: 0,
        creditMinor: 799,
      },
      acknowledged: {
        debitMinor: 0,
        creditMinor: 799,
      },
      erp: {
        debitMinor: 0,
        creditMinor: 799,
      },
    },
    {
      date: '2026-11-28',
      account: '0000501500',
      currency: 'USD',
      ledgerbridge: {
        debitMinor: 0,
        creditMinor: 500,
      },
      acknowledged: {
        debitMinor: 0,
        creditMinor: 500,
      },
      erp: {
        debitMinor: 0,
        creditMinor: 500,
      },
    },
  ],
  differences: [],
};

/** SAP's confirmation of the first batch's three entries, as it arrives. */
export const SAP_CONFIRMATION =
  '<?xml version="1.0" encoding="UTF-8"?><soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Header/><soap-env:Body><n0:JournalEntryBulkCreateConfirmation xmlns:n0="http://sap.com/xi/SAPSCORE/SFIN"><MessageHeader><UUID>796de933-5986-46f0-b8b7-15480de45515</UUID><ReferenceID>US01-2026-11-28-1</ReferenceID><CreationDateTime>2026-12-06T08:13:35.539Z</CreationDateTime><SenderBusinessSystemID>LBSIM</SenderBusinessSystemID></MessageHeader><JournalEntryCreateConfirmation><MessageHeader><UUID>8cffb922-3e77-41fa-9a76-ab9a498170d1</UUID><ReferenceID>US01-2026-11-28-1-1</ReferenceID><CreationDateTime>2026-12-06T08:13:35.539Z</CreationDateTime></MessageHeader><JournalEntryCreateConfirmation><AccountingDocument>0100000001</AccountingDocument><CompanyCode>1010</CompanyCode><FiscalYear>2026</FiscalYear></JournalEntryCreateConfirmation><Log><MaximumLogItemSeverityCode>1</MaximumLogItemSeverityCode><Item><TypeID>605(RW)</TypeID><SeverityCode>1</SeverityCode><Note>Document posted successfully: BKPFF 010000000110102026 LBSIM</Note></Item></Log></JournalEntryCreateConfirmation><JournalEntryCreateConfirmation><MessageHeader><UUID>e854d60e-a60c-489b-a01b-40c87899ac45</UUID><ReferenceID>US01-2026-11-28-1-2</ReferenceID><CreationDateTime>2026-12-06T08:13:35.539Z</CreationDateTime></MessageHeader><JournalEntryCreateConfirmation><AccountingDocument>0100000002</AccountingDocument><CompanyCode>1010</CompanyCode><FiscalYear>2026</FiscalYear></JournalEntryCreateConfirmation><Log><MaximumLogItemSeverityCode>1</MaximumLogItemSeverityCode><Item><TypeID>605(RW)</TypeID><SeverityCode>1</SeverityCode><Note>Document posted successfully: BKPFF 010000000210102026 LBSIM</Note></Item></Log></JournalEntryCreateConfirmation><JournalEntryCreateConfirmation><MessageHeader><UUID>6567e4be-8a82-48a1-a168-971ce8e75a63</UUID><ReferenceID>US01-2026-11-28-1-3</ReferenceID><CreationDateTime>2026-12-06T08:13:35.539Z</CreationDateTime></MessageHeader><JournalEntryCreateConfirmation><AccountingDocument>0100000003</AccountingDocument><CompanyCode>1010</CompanyCode><FiscalYear>2026</FiscalYear></JournalEntryCreateConfirmation><Log><MaximumLogItemSeverityCode>1</MaximumLogItemSeverityCode><Item><TypeID>605(RW)</TypeID><SeverityCode>1</SeverityCode><Note>Document posted successfully: BKPFF 010000000310102026 LBSIM</Note></Item></Log></JournalEntryCreateConfirmation><Log/></n0:JournalEntryBulkCreateConfirmation></soap-env:Body></soap-env:Envelope>';

export const CONFIRMATION_STORED = {
  status: 'stored',
  batchId: 'US01-2026-11-28-1',
  outcome: 'acknowledged',
};

export const CONFIRMATION_SETTLED = {
  status: 'settled',
  messageId: 'US01-2026-11-28-1',
};

export const NOT_CONFIGURED: Refusal = {
  name: 'ERP_TARGETS not set',
  code: 'NOT_FOUND',
  message: 'ERP delivery setting ERP_TARGETS not found',
  details: { entity: 'ERP delivery setting', id: 'ERP_TARGETS' },
};
export const UNKNOWN_BATCH: Refusal = {
  name: 'unknown batch',
  code: 'NOT_FOUND',
  message: 'posting batch US01-2026-11-29-1 not found',
  details: { entity: 'posting batch', id: 'US01-2026-11-29-1' },
};
export const UNKNOWN_LANE: Refusal = {
  name: 'unknown lane',
  code: 'NOT_FOUND',
  message: 'ERP delivery lane netsuite/DE01 not found',
  details: { entity: 'ERP delivery lane', id: 'netsuite/DE01' },
};
export const NOT_DEAD_LETTERED: Refusal = {
  code: 'BATCH_NOT_DEAD_LETTERED',
  message: "batch US01-2026-11-28-1 is not waiting in netsuite's delivery of US01: it is settled or not taken yet",
  details: { batchId: 'US01-2026-11-28-1', target: 'netsuite' },
};
export const IN_FLIGHT: Refusal = {
  code: 'BATCH_IN_FLIGHT',
  message: 'batch US01-2026-11-28-2 is sent at netsuite',
  details: { batchId: 'US01-2026-11-28-2', target: 'netsuite', status: 'sent' },
};
export const RANGE_INVERTED: Refusal = { code: 'RANGE_INVERTED', message: 'from 2026-11-30 is after to 2026-11-01', details: { from: '2026-11-30', to: '2026-11-01' } };
export const SAP_UNAUTHENTICATED: Refusal = { code: 'UNAUTHENTICATED', message: "SAP's outbound credentials are required" };
export const NOT_A_CONFIRMATION: Refusal = {
  code: 'NOT_A_CONFIRMATION',
  message: 'not a JournalEntryBulkCreateConfirmation of a Ledgerbridge batch: not a JournalEntryBulkCreateConfirmation with MessageHeader/ReferenceID',
};
export const NOT_XML: Refusal = { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'a confirmation is SOAP XML: text/xml or application/soap+xml' };
