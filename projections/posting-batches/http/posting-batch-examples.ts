/**
 * The posting batches' examples in the OpenAPI document, as the service answered them for DESIGN.md's
 * worked example o-1001 (placed, paid, shipped on 28 November 2026) closed into US01's first batch.
 * The close request passes validation as it stands (test/edge/openapi.e2e.test.ts sends it).
 */
import { KEY_REUSED, type Refusal } from '../../../src/api-docs/documented';

export const CLOSE_BATCH = {
  "companyCode": "US01",
  "postingDate": "2026-11-28"
};

export const CLOSED_BATCH = {
  "batchId": "US01-2026-11-28-1",
  "companyCode": "US01",
  "postingDate": "2026-11-28",
  "sequence": 1,
  "chainIndex": 0,
  "closedAt": "2026-12-06T08:13:35.085Z",
  "entryCount": 3,
  "totals": [
    {
      "creditMinor": 23038,
      "currency": "USD",
      "debitMinor": 23038,
      "lineCount": 10
    }
  ],
  "previousBatchId": null,
  "previousHash": "0000000000000000000000000000000000000000000000000000000000000000",
  "hash": "17e495a72c92b3d411294c70e339c985d54d5846ee943feaa9a176019be286c0"
};

export const BATCH_LIST = {
  "checkpoint": "5",
  "batches": [
    {
      "batchId": "US01-2026-11-28-1",
      "companyCode": "US01",
      "postingDate": "2026-11-28",
      "sequence": 1,
      "chainIndex": 0,
      "closedAt": "2026-12-06T08:13:35.085Z",
      "entryCount": 3,
      "totals": [
        {
          "creditMinor": 23038,
          "currency": "USD",
          "debitMinor": 23038,
          "lineCount": 10
        }
      ],
      "previousBatchId": null,
      "previousHash": "0000000000000000000000000000000000000000000000000000000000000000",
      "hash": "17e495a72c92b3d411294c70e339c985d54d5846ee943feaa9a176019be286c0"
    }
  ]
};

export const BATCH_DETAIL = {
  "batchId": "US01-2026-11-28-1",
  "companyCode": "US01",
  "postingDate": "2026-11-28",
  "sequence": 1,
  "chainIndex": 0,
  "closedAt": "2026-12-06T08:13:35.085Z",
  "entryCount": 3,
  "totals": [
    {
      "creditMinor": 23038,
      "currency": "USD",
      "debitMinor": 23038,
      "lineCount": 10
    }
  ],
  "previousBatchId": null,
  "previousHash": "0000000000000000000000000000000000000000000000000000000000000000",
  "hash": "17e495a72c92b3d411294c70e339c985d54d5846ee943feaa9a176019be286c0",
  "entries": [
    {
      "entryId": "afb4fe33-142f-5850-8444-d57b4972e793/payment-captured",
      "kind": "payment-captured",
      "sourceType": "order",
      "sourceId": "o-1001",
      "companyCode": "US01",
      "currency": "USD",
      "postingDate": "2026-11-28",
      "event": {
        "streamId": "order-o-1001",
        "revision": 2,
        "eventId": "afb4fe33-142f-5850-8444-d57b4972e793",
        "globalPosition": "3"
      },
      "lines": [
        {
          "lineId": "afb4fe33-142f-5850-8444-d57b4972e793/payment-captured/1",
          "lineNo": 1,
          "role": "psp.clearing",
          "side": "debit",
          "amountMinor": 10519,
          "currency": "USD",
          "reference": "cap-1"
        },
        {
          "lineId": "afb4fe33-142f-5850-8444-d57b4972e793/payment-captured/2",
          "lineNo": 2,
          "role": "liability.customer-deposits",
          "side": "credit",
          "amountMinor": 10519,
          "currency": "USD",
          "reference": "cap-1"
        }
      ],
      "hash": "f99d2e762467b1788fd0c41aac5f2326f9d43eb8d4c8e815b7a1338dddfa3526"
    },
    {
      "entryId": "79895f61-b405-5dd0-b42e-007c61a275c7/revenue-recognized",
      "kind": "revenue-recognized",
      "sourceType": "order",
      "sourceId": "o-1001",
      "companyCode": "US01",
      "currency": "USD",
      "postingDate": "2026-11-28",
      "event": {
        "streamId": "order-o-1001",
        "revision": 3,
        "eventId": "79895f61-b405-5dd0-b42e-007c61a275c7",
        "globalPosition": "4"
      },
      "lines": [
        {
          "lineId": "79895f61-b405-5dd0-b42e-007c61a275c7/revenue-recognized/1",
          "lineNo": 1,
          "role": "liability.customer-deposits",
          "side": "debit",
          "amountMinor": 10519,
          "currency": "USD",
          "reference": "s-1"
        },
        {
          "lineId": "79895f61-b405-5dd0-b42e-007c61a275c7/revenue-recognized/2",
          "lineNo": 2,
          "role": "discount.retailer",
          "side": "debit",
          "amountMinor": 1000,
          "currency": "USD",
          "promotionId": "promo-save10"
        },
        {
          "lineId": "79895f61-b405-5dd0-b42e-007c61a275c7/revenue-recognized/3",
          "lineNo": 3,
          "role": "discount.vendor",
          "side": "debit",
          "amountMinor": 500,
          "currency": "USD",
          "promotionId": "promo-vend5",
          "vendorId": "acme"
        },
        {
          "lineId": "79895f61-b405-5dd0-b42e-007c61a275c7/revenue-recognized/4",
          "lineNo": 4,
          "role": "revenue.merchandise",
          "side": "credit",
          "amountMinor": 10500,
          "currency": "USD",
          "reference": "s-1"
        },
        {
          "lineId": "79895f61-b405-5dd0-b42e-007c61a275c7/revenue-recognized/5",
          "lineNo": 5,
          "role": "revenue.shipping",
          "side": "credit",
          "amountMinor": 799,
          "currency": "USD",
          "reference": "s-1"
        },
        {
          "lineId": "79895f61-b405-5dd0-b42e-007c61a275c7/revenue-recognized/6",
          "lineNo": 6,
          "role": "tax.payable",
          "side": "credit",
          "amountMinor": 720,
          "currency": "USD",
          "reference": "s-1"
        }
      ],
      "hash": "56adc61e1f9d557c74c528a7d866e4ab30f0c3627bb4b052b1f9231c07b5900b"
    },
    {
      "entryId": "79895f61-b405-5dd0-b42e-007c61a275c7/vendor-claim",
      "kind": "vendor-claim",
      "sourceType": "order",
      "sourceId": "o-1001",
      "companyCode": "US01",
      "currency": "USD",
      "postingDate": "2026-11-28",
      "event": {
        "streamId": "order-o-1001",
        "revision": 3,
        "eventId": "79895f61-b405-5dd0-b42e-007c61a275c7",
        "globalPosition": "4"
      },
      "lines": [
        {
          "lineId": "79895f61-b405-5dd0-b42e-007c61a275c7/vendor-claim/1",
          "lineNo": 1,
          "role": "receivable.vendor-promo",
          "side": "debit",
          "amountMinor": 500,
          "currency": "USD",
          "promotionId": "promo-vend5",
          "vendorId": "acme"
        },
        {
          "lineId": "79895f61-b405-5dd0-b42e-007c61a275c7/vendor-claim/2",
          "lineNo": 2,
          "role": "cogs.vendor-funding",
          "side": "credit",
          "amountMinor": 500,
          "currency": "USD",
          "promotionId": "promo-vend5",
          "vendorId": "acme"
        }
      ],
      "hash": "b30a63ae28c9e42f59824f4368de8e7156cfeb23c812b7010ade6012db874e58"
    }
  ]
};

/** The sap document: one JournalEntryCreateRequest per entry. */
export const SAP_EXPORT = [
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
  "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:sfin=\"http://sap.com/xi/SAPSCORE/SFIN\">",
  "  <soapenv:Header/>",
  "  <soapenv:Body>",
  "    <sfin:JournalEntryBulkCreateRequest>",
  "      <MessageHeader>",
  "        <ID>US01-2026-11-28-1</ID>",
  "        <UUID>6b59d28c-07e3-5f3b-bb2a-4d037d5b07ec</UUID>",
  "        <CreationDateTime>2026-12-06T08:13:35.085Z</CreationDateTime>",
  "      </MessageHeader>",
  "      <JournalEntryCreateRequest>",
  "        <MessageHeader>",
  "          <ID>US01-2026-11-28-1-1</ID>",
  "          <CreationDateTime>2026-12-06T08:13:35.085Z</CreationDateTime>",
  "        </MessageHeader>",
  "        <JournalEntry>",
  "          <OriginalReferenceDocumentType>BKPFF</OriginalReferenceDocumentType>",
  "          <BusinessTransactionType>RFBU</BusinessTransactionType>",
  "          <AccountingDocumentType>SA</AccountingDocumentType>",
  "          <DocumentReferenceID>o-1001</DocumentReferenceID>",
  "          <DocumentHeaderText>payment-captured</DocumentHeaderText>",
  "          <CreatedByUser>LEDGERBRIDGE</CreatedByUser>",
  "          <CompanyCode>1010</CompanyCode>",
  "          <DocumentDate>2026-11-28</DocumentDate>",
  "          <PostingDate>2026-11-28</PostingDate>",
  "          <Item>",
  "            <ReferenceDocumentItem>1</ReferenceDocumentItem>",
  "            <GLAccount>0000113100</GLAccount>",
  "            <AmountInTransactionCurrency currencyCode=\"USD\">105.19</AmountInTransactionCurrency>",
  "            <DebitCreditCode>S</DebitCreditCode>",
  "            <DocumentItemText>psp.clearing</DocumentItemText>",
  "          </Item>",
  "          <Item>",
  "            <ReferenceDocumentItem>2</ReferenceDocumentItem>",
  "            <GLAccount>0000218000</GLAccount>",
  "            <AmountInTransactionCurrency currencyCode=\"USD\">-105.19</AmountInTransactionCurrency>",
  "            <DebitCreditCode>H</DebitCreditCode>",
  "            <DocumentItemText>liability.customer-deposits</DocumentItemText>",
  "          </Item>",
  "        </JournalEntry>",
  "      </JournalEntryCreateRequest>",
  "      <JournalEntryCreateRequest>",
  "        <MessageHeader>",
  "          <ID>US01-2026-11-28-1-2</ID>",
  "          <CreationDateTime>2026-12-06T08:13:35.085Z</CreationDateTime>",
  "        </MessageHeader>",
  "        <JournalEntry>",
  "          <OriginalReferenceDocumentType>BKPFF</OriginalReferenceDocumentType>",
  "          <BusinessTransactionType>RFBU</BusinessTransactionType>",
  "          <AccountingDocumentType>SA</AccountingDocumentType>",
  "          <DocumentReferenceID>o-1001</DocumentReferenceID>",
  "          <DocumentHeaderText>revenue-recognized</DocumentHeaderText>",
  "          <CreatedByUser>LEDGERBRIDGE</CreatedByUser>",
  "          <CompanyCode>1010</CompanyCode>",
  "          <DocumentDate>2026-11-28</DocumentDate>",
  "          <PostingDate>2026-11-28</PostingDate>",
  "          <Item>",
  "            <ReferenceDocumentItem>1</ReferenceDocumentItem>",
  "            <GLAccount>0000218000</GLAccount>",
  "            <AmountInTransactionCurrency currencyCode=\"USD\">105.19</AmountInTransactionCurrency>",
  "            <DebitCreditCode>S</DebitCreditCode>",
  "            <DocumentItemText>liability.customer-deposits</DocumentItemText>",
  "          </Item>",
  "          <Item>",
  "            <ReferenceDocumentItem>2</ReferenceDocumentItem>",
  "            <GLAccount>0000401900</GLAccount>",
  "            <AmountInTransactionCurrency currencyCode=\"USD\">10.00</AmountInTransactionCurrency>",
  "            <DebitCreditCode>S</DebitCreditCode>",
  "            <DocumentItemText>discount.retailer promo-save10</DocumentItemText>",
  "          </Item>",
  "          <Item>",
  "            <ReferenceDocumentItem>3</ReferenceDocumentItem>",
  "            <GLAccount>0000401950</GLAccount>",
  "            <AmountInTransactionCurrency currencyCode=\"USD\">5.00</AmountInTransactionCurrency>",
  "            <DebitCreditCode>S</DebitCreditCode>",
  "            <DocumentItemText>discount.vendor acme</DocumentItemText>",
  "          </Item>",
  "          <Item>",
  "            <ReferenceDocumentItem>4</ReferenceDocumentItem>",
  "            <GLAccount>0000401000</GLAccount>",
  "            <AmountInTransactionCurrency currencyCode=\"USD\">-105.00</AmountInTransactionCurrency>",
  "            <DebitCreditCode>H</DebitCreditCode>",
  "            <DocumentItemText>revenue.merchandise</DocumentItemText>",
  "          </Item>",
  "          <Item>",
  "            <ReferenceDocumentItem>5</ReferenceDocumentItem>",
  "            <GLAccount>0000402000</GLAccount>",
  "            <AmountInTransactionCurrency currencyCode=\"USD\">-7.99</AmountInTransactionCurrency>",
  "            <DebitCreditCode>H</DebitCreditCode>",
  "            <DocumentItemText>revenue.shipping</DocumentItemText>",
  "          </Item>",
  "          <Item>",
  "            <ReferenceDocumentItem>6</ReferenceDocumentItem>",
  "            <GLAccount>0000222000</GLAccount>",
  "            <AmountInTransactionCurrency currencyCode=\"USD\">-7.20</AmountInTransactionCurrency>",
  "            <DebitCreditCode>H</DebitCreditCode>",
  "            <DocumentItemText>tax.payable</DocumentItemText>",
  "            <Tax>",
  "              <TaxCode>O1</TaxCode>",
  "            </Tax>",
  "          </Item>",
  "        </JournalEntry>",
  "      </JournalEntryCreateRequest>",
  "      <JournalEntryCreateRequest>",
  "        <MessageHeader>",
  "          <ID>US01-2026-11-28-1-3</ID>",
  "          <CreationDateTime>2026-12-06T08:13:35.085Z</CreationDateTime>",
  "        </MessageHeader>",
  "        <JournalEntry>",
  "          <OriginalReferenceDocumentType>BKPFF</OriginalReferenceDocumentType>",
  "          <BusinessTransactionType>RFBU</BusinessTransactionType>",
  "          <AccountingDocumentType>SA</AccountingDocumentType>",
  "          <DocumentReferenceID>o-1001</DocumentReferenceID>",
  "          <DocumentHeaderText>vendor-claim</DocumentHeaderText>",
  "          <CreatedByUser>LEDGERBRIDGE</CreatedByUser>",
  "          <CompanyCode>1010</CompanyCode>",
  "          <DocumentDate>2026-11-28</DocumentDate>",
  "          <PostingDate>2026-11-28</PostingDate>",
  "          <Item>",
  "            <ReferenceDocumentItem>1</ReferenceDocumentItem>",
  "            <GLAccount>0000125000</GLAccount>",
  "            <AmountInTransactionCurrency currencyCode=\"USD\">5.00</AmountInTransactionCurrency>",
  "            <DebitCreditCode>S</DebitCreditCode>",
  "            <DocumentItemText>receivable.vendor-promo acme</DocumentItemText>",
  "          </Item>",
  "          <Item>",
  "            <ReferenceDocumentItem>2</ReferenceDocumentItem>",
  "            <GLAccount>0000501500</GLAccount>",
  "            <AmountInTransactionCurrency currencyCode=\"USD\">-5.00</AmountInTransactionCurrency>",
  "            <DebitCreditCode>H</DebitCreditCode>",
  "            <DocumentItemText>cogs.vendor-funding acme</DocumentItemText>",
  "          </Item>",
  "        </JournalEntry>",
  "      </JournalEntryCreateRequest>",
  "    </sfin:JournalEntryBulkCreateRequest>",
  "  </soapenv:Body>",
  "</soapenv:Envelope>",
].join('\n') + '\n';

/** The netsuite document: one journalentry record per entry. */
export const NETSUITE_EXPORT = [
  {
    "externalId": "US01-2026-11-28-1-1",
    "subsidiary": {
      "id": "1"
    },
    "currency": {
      "id": "1"
    },
    "tranDate": "2026-11-28",
    "memo": "US01-2026-11-28-1 payment-captured order o-1001",
    "line": {
      "items": [
        {
          "account": {
            "id": "101"
          },
          "debit": 105.19,
          "memo": "psp.clearing afb4fe33-142f-5850-8444-d57b4972e793/payment-captured"
        },
        {
          "account": {
            "id": "104"
          },
          "credit": 105.19,
          "memo": "liability.customer-deposits afb4fe33-142f-5850-8444-d57b4972e793/payment-captured"
        }
      ]
    }
  },
  {
    "externalId": "US01-2026-11-28-1-2",
    "subsidiary": {
      "id": "1"
    },
    "currency": {
      "id": "1"
    },
    "tranDate": "2026-11-28",
    "memo": "US01-2026-11-28-1 revenue-recognized order o-1001",
    "line": {
      "items": [
        {
          "account": {
            "id": "104"
          },
          "debit": 105.19,
          "memo": "liability.customer-deposits 79895f61-b405-5dd0-b42e-007c61a275c7/revenue-recognized"
        },
        {
          "account": {
            "id": "109"
          },
          "debit": 10.00,
          "memo": "discount.retailer promo-save10 79895f61-b405-5dd0-b42e-007c61a275c7/revenue-recognized"
        },
        {
          "account": {
            "id": "110"
          },
          "debit": 5.00,
          "memo": "discount.vendor acme 79895f61-b405-5dd0-b42e-007c61a275c7/revenue-recognized"
        },
        {
          "account": {
            "id": "111"
          },
          "credit": 105.00,
          "memo": "revenue.merchandise 79895f61-b405-5dd0-b42e-007c61a275c7/revenue-recognized"
        },
        {
          "account": {
            "id": "112"
          },
          "credit": 7.99,
          "memo": "revenue.shipping 79895f61-b405-5dd0-b42e-007c61a275c7/revenue-recognized"
        },
        {
          "account": {
            "id": "114"
          },
          "credit": 7.20,
          "memo": "tax.payable 79895f61-b405-5dd0-b42e-007c61a275c7/revenue-recognized",
          "taxCode": {
            "id": "O1"
          }
        }
      ]
    }
  },
  {
    "externalId": "US01-2026-11-28-1-3",
    "subsidiary": {
      "id": "1"
    },
    "currency": {
      "id": "1"
    },
    "tranDate": "2026-11-28",
    "memo": "US01-2026-11-28-1 vendor-claim order o-1001",
    "line": {
      "items": [
        {
          "account": {
            "id": "116"
          },
          "debit": 5.00,
          "memo": "receivable.vendor-promo acme 79895f61-b405-5dd0-b42e-007c61a275c7/vendor-claim"
        },
        {
          "account": {
            "id": "117"
          },
          "credit": 5.00,
          "memo": "cogs.vendor-funding acme 79895f61-b405-5dd0-b42e-007c61a275c7/vendor-claim"
        }
      ]
    }
  }
];

/** The d365 document: the journal header and its lines. */
export const D365_EXPORT = {
  "header": {
    "dataAreaId": "USMF",
    "JournalBatchNumber": "US01-2026-11-28-1",
    "JournalName": "GenJrn",
    "Description": "Ledgerbridge posting batch US01-2026-11-28-1"
  },
  "lines": [
    {
      "dataAreaId": "USMF",
      "JournalBatchNumber": "US01-2026-11-28-1",
      "LineNumber": 1,
      "Voucher": "US01-2026-11-28-1-1",
      "TransDate": "2026-11-28T00:00:00Z",
      "AccountType": "Ledger",
      "AccountDisplayValue": "113100",
      "DebitAmount": 105.19,
      "CreditAmount": 0.00,
      "CurrencyCode": "USD",
      "Text": "psp.clearing order o-1001"
    },
    {
      "dataAreaId": "USMF",
      "JournalBatchNumber": "US01-2026-11-28-1",
      "LineNumber": 2,
      "Voucher": "US01-2026-11-28-1-1",
      "TransDate": "2026-11-28T00:00:00Z",
      "AccountType": "Ledger",
      "AccountDisplayValue": "218000",
      "DebitAmount": 0.00,
      "CreditAmount": 105.19,
      "CurrencyCode": "USD",
      "Text": "liability.customer-deposits order o-1001"
    },
    {
      "dataAreaId": "USMF",
      "JournalBatchNumber": "US01-2026-11-28-1",
      "LineNumber": 3,
      "Voucher": "US01-2026-11-28-1-2",
      "TransDate": "2026-11-28T00:00:00Z",
      "AccountType": "Ledger",
      "AccountDisplayValue": "218000",
      "DebitAmount": 105.19,
      "CreditAmount": 0.00,
      "CurrencyCode": "USD",
      "Text": "liability.customer-deposits order o-1001"
    },
    {
      "dataAreaId": "USMF",
      "JournalBatchNumber": "US01-2026-11-28-1",
      "LineNumber": 4,
      "Voucher": "US01-2026-11-28-1-2",
      "TransDate": "2026-11-28T00:00:00Z",
      "AccountType": "Ledger",
      "AccountDisplayValue": "401900",
      "DebitAmount": 10.00,
      "CreditAmount": 0.00,
      "CurrencyCode": "USD",
      "Text": "discount.retailer order o-1001"
    },
    {
      "dataAreaId": "USMF",
      "JournalBatchNumber": "US01-2026-11-28-1",
      "LineNumber": 5,
      "Voucher": "US01-2026-11-28-1-2",
      "TransDate": "2026-11-28T00:00:00Z",
      "AccountType": "Ledger",
      "AccountDisplayValue": "401950",
      "DebitAmount": 5.00,
      "CreditAmount": 0.00,
      "CurrencyCode": "USD",
      "Text": "discount.vendor order o-1001"
    },
    {
      "dataAreaId": "USMF",
      "JournalBatchNumber": "US01-2026-11-28-1",
      "LineNumber": 6,
      "Voucher": "US01-2026-11-28-1-2",
      "TransDate": "2026-11-28T00:00:00Z",
      "AccountType": "Ledger",
      "AccountDisplayValue": "401000",
      "DebitAmount": 0.00,
      "CreditAmount": 105.00,
      "CurrencyCode": "USD",
      "Text": "revenue.merchandise order o-1001"
    },
    {
      "dataAreaId": "USMF",
      "JournalBatchNumber": "US01-2026-11-28-1",
      "LineNumber": 7,
      "Voucher": "US01-2026-11-28-1-2",
      "TransDate": "2026-11-28T00:00:00Z",
      "AccountType": "Ledger",
      "AccountDisplayValue": "402000",
      "DebitAmount": 0.00,
      "CreditAmount": 7.99,
      "CurrencyCode": "USD",
      "Text": "revenue.shipping order o-1001"
    },
    {
      "dataAreaId": "USMF",
      "JournalBatchNumber": "US01-2026-11-28-1",
      "LineNumber": 8,
      "Voucher": "US01-2026-11-28-1-2",
      "TransDate": "2026-11-28T00:00:00Z",
      "AccountType": "Ledger",
      "AccountDisplayValue": "222000",
      "DebitAmount": 0.00,
      "CreditAmount": 7.20,
      "CurrencyCode": "USD",
      "Text": "tax.payable order o-1001",
      "SalesTaxGroup": "O1"
    },
    {
      "dataAreaId": "USMF",
      "JournalBatchNumber": "US01-2026-11-28-1",
      "LineNumber": 9,
      "Voucher": "US01-2026-11-28-1-3",
      "TransDate": "2026-11-28T00:00:00Z",
      "AccountType": "Ledger",
      "AccountDisplayValue": "125000",
      "DebitAmount": 5.00,
      "CreditAmount": 0.00,
      "CurrencyCode": "USD",
      "Text": "receivable.vendor-promo order o-1001"
    },
    {
      "dataAreaId": "USMF",
      "JournalBatchNumber": "US01-2026-11-28-1",
      "LineNumber": 10,
      "Voucher": "US01-2026-11-28-1-3",
      "TransDate": "2026-11-28T00:00:00Z",
      "AccountType": "Ledger",
      "AccountDisplayValue": "501500",
      "DebitAmount": 0.00,
      "CreditAmount": 5.00,
      "CurrencyCode": "USD",
      "Text": "cogs.vendor-funding order o-1001"
    }
  ]
};

export const CLOSE_REFUSALS: Refusal[] = [
  { code: 'NOTHING_TO_CLOSE', message: 'US01 2026-11-29 has no open journal entries', details: { companyCode: 'US01', postingDate: '2026-11-29' } },
  {
    code: 'BATCH_ALREADY_CLOSED',
    message: 'US01 2026-11-28 has no open entries: already closed in US01-2026-11-28-1, US01-2026-11-28-2, US01-2026-11-28-3',
    details: { companyCode: 'US01', postingDate: '2026-11-28', batchIds: ['US01-2026-11-28-1', 'US01-2026-11-28-2', 'US01-2026-11-28-3'] },
  },
  {
    code: 'POSTING_ERRORS_OPEN',
    message: 'US01 2026-11-28 has 1 refused journal entry: PaymentCaptured on order-o-1007 arrived before any OrderPlaced (its company code and posting date are unknown, so it holds back every batch)',
    details: {
      companyCode: 'US01',
      postingDate: '2026-11-28',
      postingErrors: [{ entryId: '7a1e0c52-3f6b-5d2a-9c41-0e8b7d6f5a23/payment-captured', companyCode: null, postingDate: null, message: 'PaymentCaptured on order-o-1007 arrived before any OrderPlaced' }],
    },
  },
  {
    code: 'BATCH_UNBALANCED',
    message: 'US01 2026-11-28 does not balance: USD debits 23038 vs credits 23028',
    details: { companyCode: 'US01', postingDate: '2026-11-28', imbalances: [{ currency: 'USD', debitMinor: 23038, creditMinor: 23028, lineCount: 10 }] },
  },
  KEY_REUSED,
];

export const EXPORT_REFUSALS: Refusal[] = [
  {
    code: 'ACCOUNT_NOT_MAPPED',
    message: 'chart of accounts config/chart-of-accounts.json: company US01, ERP sap: role discount.vendor has no GL account',
    details: { file: 'config/chart-of-accounts.json', companyCode: 'US01', erp: 'sap', role: 'discount.vendor' },
  },
  {
    code: 'BATCH_INTEGRITY_FAILED',
    message: 'batch US01-2026-11-28-1 no longer matches its journal entries: entry afb4fe33-142f-5850-8444-d57b4972e793/payment-captured in batch US01-2026-11-28-1 hashes to 5d0c9f1e2a7b4c6d8e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d, the batch recorded f99d2e762467b1788fd0c41aac5f2326f9d43eb8d4c8e815b7a1338dddfa3526',
    details: {
      problems: [
        { batchId: 'US01-2026-11-28-1', kind: 'entry-hash', entryId: 'afb4fe33-142f-5850-8444-d57b4972e793/payment-captured', message: 'entry afb4fe33-142f-5850-8444-d57b4972e793/payment-captured in batch US01-2026-11-28-1 hashes to 5d0c9f1e2a7b4c6d8e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d, the batch recorded f99d2e762467b1788fd0c41aac5f2326f9d43eb8d4c8e815b7a1338dddfa3526' },
      ],
    },
  },
];
