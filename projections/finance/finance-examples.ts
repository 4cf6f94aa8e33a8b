/**
 * The finance views' examples in the OpenAPI document, as the service answered them for DESIGN.md's
 * worked example o-1001 (placed, paid, shipped, one tee returned), SAVE10 applied to it, and
 * README's Stripe payout of 30 November 2026.
 */

/** November 2026 for US01, with SAP's GL accounts (?erp=sap). */
export const TRIAL_BALANCE = {
  "checkpoint": "11",
  "from": "2026-11-01",
  "to": "2026-11-30",
  "companyCode": "US01",
  "rows": [
    {
      "companyCode": "US01",
      "role": "bank",
      "currency": "USD",
      "debitMinor": 9184,
      "creditMinor": 0,
      "balanceMinor": 9184,
      "glAccounts": {
        "sap": "0000110100",
        "netsuite": "103",
        "d365": "110100"
      }
    },
    {
      "companyCode": "US01",
      "role": "cogs.vendor-funding",
      "currency": "USD",
      "debitMinor": 0,
      "creditMinor": 500,
      "balanceMinor": -500,
      "glAccounts": {
        "sap": "0000501500",
        "netsuite": "117",
        "d365": "501500"
      }
    },
    {
      "companyCode": "US01",
      "role": "discount.retailer",
      "currency": "USD",
      "debitMinor": 1000,
      "creditMinor": 0,
      "balanceMinor": 1000,
      "glAccounts": {
        "sap": "0000401900",
        "netsuite": "109",
        "d365": "401900"
      }
    },
    {
      "companyCode": "US01",
      "role": "discount.vendor",
      "currency": "USD",
      "debitMinor": 500,
      "creditMinor": 0,
      "balanceMinor": 500,
      "glAccounts": {
        "sap": "0000401950",
        "netsuite": "110",
        "d365": "401950"
      }
    },
    {
      "companyCode": "US01",
      "role": "expense.dispute-fees",
      "currency": "USD",
      "debitMinor": 1500,
      "creditMinor": 1500,
      "balanceMinor": 0,
      "glAccounts": {
        "sap": "0000618100",
        "netsuite": "119",
        "d365": "618100"
      }
    },
    {
      "companyCode": "US01",
      "role": "expense.payment-fees",
      "currency": "USD",
      "debitMinor": 335,
      "creditMinor": 0,
      "balanceMinor": 335,
      "glAccounts": {
        "sap": "0000618000",
        "netsuite": "118",
        "d365": "618000"
      }
    },
    {
      "companyCode": "US01",
      "role": "liability.customer-deposits",
      "currency": "USD",
      "debitMinor": 10519,
      "creditMinor": 10519,
      "balanceMinor": 0,
      "glAccounts": {
        "sap": "0000218000",
        "netsuite": "104",
        "d365": "218000"
      }
    },
    {
      "companyCode": "US01",
      "role": "psp.clearing",
      "currency": "USD",
      "debitMinor": 14519,
      "creditMinor": 13519,
      "balanceMinor": 1000,
      "glAccounts": {
        "sap": "0000113100",
        "netsuite": "101",
        "d365": "113100"
      }
    },
    {
      "companyCode": "US01",
      "role": "psp.disputed-funds",
      "currency": "USD",
      "debitMinor": 2500,
      "creditMinor": 2500,
      "balanceMinor": 0,
      "glAccounts": {
        "sap": "0000113150",
        "netsuite": "102",
        "d365": "113150"
      }
    },
    {
      "companyCode": "US01",
      "role": "receivable.vendor-promo",
      "currency": "USD",
      "debitMinor": 500,
      "creditMinor": 0,
      "balanceMinor": 500,
      "glAccounts": {
        "sap": "0000125000",
        "netsuite": "116",
        "d365": "125000"
      }
    },
    {
      "companyCode": "US01",
      "role": "revenue.merchandise",
      "currency": "USD",
      "debitMinor": 0,
      "creditMinor": 10500,
      "balanceMinor": -10500,
      "glAccounts": {
        "sap": "0000401000",
        "netsuite": "111",
        "d365": "401000"
      }
    },
    {
      "companyCode": "US01",
      "role": "revenue.shipping",
      "currency": "USD",
      "debitMinor": 0,
      "creditMinor": 799,
      "balanceMinor": -799,
      "glAccounts": {
        "sap": "0000402000",
        "netsuite": "112",
        "d365": "402000"
      }
    },
    {
      "companyCode": "US01",
      "role": "tax.payable",
      "currency": "USD",
      "debitMinor": 0,
      "creditMinor": 720,
      "balanceMinor": -720,
      "glAccounts": {
        "sap": "0000222000",
        "netsuite": "114",
        "d365": "222000"
      }
    }
  ],
  "erp": "sap",
  "accounts": [
    {
      "companyCode": "US01",
      "glAccount": "0000110100",
      "roles": [
        "bank"
      ],
      "currency": "USD",
      "debitMinor": 9184,
      "creditMinor": 0,
      "balanceMinor": 9184
    },
    {
      "companyCode": "US01",
      "glAccount": "0000113100",
      "roles": [
        "psp.clearing"
      ],
      "currency": "USD",
      "debitMinor": 14519,
      "creditMinor": 13519,
      "balanceMinor": 1000
    },
    {
      "companyCode": "US01",
      "glAccount": "0000113150",
      "roles": [
        "psp.disputed-funds"
      ],
      "currency": "USD",
      "debitMinor": 2500,
      "creditMinor": 2500,
      "balanceMinor": 0
    },
    {
      "companyCode": "US01",
      "glAccount": "0000125000",
      "roles": [
        "receivable.vendor-promo"
      ],
      "currency": "USD",
      "debitMinor": 500,
      "creditMinor": 0,
      "balanceMinor": 500
    },
    {
      "companyCode": "US01",
      "glAccount": "0000218000",
      "roles": [
        "liability.customer-deposits"
      ],
      "currency": "USD",
      "debitMinor": 10519,
      "creditMinor": 10519,
      "balanceMinor": 0
    },
    {
      "companyCode": "US01",
      "glAccount": "0000222000",
      "roles": [
        "tax.payable"
      ],
      "currency": "USD",
      "debitMinor": 0,
      "creditMinor": 720,
      "balanceMinor": -720
    },
    {
      "companyCode": "US01",
      "glAccount": "0000401000",
      "roles": [
        "revenue.merchandise"
      ],
      "currency": "USD",
      "debitMinor": 0,
      "creditMinor": 10500,
      "balanceMinor": -10500
    },
    {
      "companyCode": "US01",
      "glAccount": "0000401900",
      "roles": [
        "discount.retailer"
      ],
      "currency": "USD",
      "debitMinor": 1000,
      "creditMinor": 0,
      "balanceMinor": 1000
    },
    {
      "companyCode": "US01",
      "glAccount": "0000401950",
      "roles": [
        "discount.vendor"
      ],
      "currency": "USD",
      "debitMinor": 500,
      "creditMinor": 0,
      "balanceMinor": 500
    },
    {
      "companyCode": "US01",
      "glAccount": "0000402000",
      "roles": [
        "revenue.shipping"
      ],
      "currency": "USD",
      "debitMinor": 0,
      "creditMinor": 799,
      "balanceMinor": -799
    },
    {
      "companyCode": "US01",
      "glAccount": "0000501500",
      "roles": [
        "cogs.vendor-funding"
      ],
      "currency": "USD",
      "debitMinor": 0,
      "creditMinor": 500,
      "balanceMinor": -500
    },
    {
      "companyCode": "US01",
      "glAccount": "0000618000",
      "roles": [
        "expense.payment-fees"
      ],
      "currency": "USD",
      "debitMinor": 335,
      "creditMinor": 0,
      "balanceMinor": 335
    },
    {
      "companyCode": "US01",
      "glAccount": "0000618100",
      "roles": [
        "expense.dispute-fees"
      ],
      "currency": "USD",
      "debitMinor": 1500,
      "creditMinor": 1500,
      "balanceMinor": 0
    }
  ],
  "totals": [
    {
      "currency": "USD",
      "debitMinor": 40557,
      "creditMinor": 40557
    }
  ]
};

/** At the end of 3 December 2026: the returned tee, received, not yet refunded. */
export const OPEN_ITEMS = {
  "checkpoint": "6",
  "items": [
    {
      "kind": "refund-payable",
      "orderId": "o-1001",
      "companyCode": "US01",
      "currency": "USD",
      "openMinor": 2931,
      "addedMinor": 2931,
      "releasedMinor": 0,
      "openSince": "2026-12-03"
    }
  ],
  "asOf": "2026-12-03"
};

/** November 2026. */
export const PROMOTION_COST = {
  "checkpoint": "9",
  "promotions": [
    {
      "promotionId": "save10",
      "code": "SAVE10",
      "name": "10.00 off your order",
      "fundingSource": "retailer",
      "vendorId": null,
      "currency": "USD",
      "appliedMinor": 1000,
      "clawedBackMinor": 0,
      "releasedMinor": 0,
      "netMinor": 1000,
      "retailerMinor": 1000,
      "vendorMinor": 0,
      "orders": 1
    }
  ],
  "byFunder": [
    {
      "fundingSource": "retailer",
      "vendorId": null,
      "currency": "USD",
      "netMinor": 1000
    }
  ]
};

/** November 2026 for US01. */
export const SETTLEMENTS = {
  "checkpoint": "11",
  "payouts": [
    {
      "provider": "stripe",
      "payoutId": "po_1QxY2026113001",
      "companyCode": "US01",
      "currency": "USD",
      "payoutDate": "2026-11-30",
      "payoutAmountMinor": 9184,
      "netTotalMinor": 9184,
      "status": "reconciled",
      "differenceMinor": 0,
      "transactionCounts": {
        "matched": 1,
        "unmatched": 3,
        "notApplicable": 0
      }
    }
  ]
};

/** The payout, each transaction matched to an order's capture or refund, or why not. */
export const SETTLEMENT = {
  "checkpoint": "11",
  "payout": {
    "provider": "stripe",
    "payoutId": "po_1QxY2026113001",
    "companyCode": "US01",
    "currency": "USD",
    "payoutDate": "2026-11-30",
    "payoutAmountMinor": 9184,
    "netTotalMinor": 9184,
    "status": "reconciled",
    "differenceMinor": 0,
    "transactionCounts": {
      "matched": 1,
      "unmatched": 3,
      "notApplicable": 0
    },
    "amountTotalMinor": 9519,
    "feeTotalMinor": 335,
    "transactions": [
      {
        "transactionId": "txn_3QxY1001",
        "type": "charge",
        "amountMinor": 10519,
        "feeMinor": 335,
        "netMinor": 10184,
        "referencedBy": "report",
        "match": {
          "status": "matched",
          "orderId": "o-1001",
          "captureId": "cap-1",
          "orderAmountMinor": 10519
        }
      },
      {
        "transactionId": "txn_3QxY1002",
        "type": "refund",
        "amountMinor": -1000,
        "feeMinor": 0,
        "netMinor": -1000,
        "referencedBy": "report",
        "match": {
          "status": "unmatched",
          "reason": "refund-not-found",
          "orderId": "order-0997"
        }
      },
      {
        "transactionId": "txn_3QxY1003",
        "type": "chargeback",
        "amountMinor": -2500,
        "feeMinor": 1500,
        "netMinor": -4000,
        "referencedBy": null,
        "match": {
          "status": "unmatched",
          "reason": "no-order-reference"
        }
      },
      {
        "transactionId": "txn_3QxY1004",
        "type": "dispute_won",
        "amountMinor": 2500,
        "feeMinor": -1500,
        "netMinor": 4000,
        "referencedBy": null,
        "match": {
          "status": "unmatched",
          "reason": "no-order-reference"
        }
      }
    ]
  }
};
