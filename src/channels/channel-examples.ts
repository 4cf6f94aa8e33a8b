/** The channels' examples in the OpenAPI document (requests pass validation as they stand). */

/** README's register sale: two lines, part card, part cash. */
export const POS_TRANSACTION = {
  channel: 'pos',
  transactionId: 'S001-R02-000123',
  storeId: 'S001',
  registerId: 'R02',
  companyCode: 'US01',
  currency: 'USD',
  completedAt: '2026-11-27T15:04:05Z',
  lines: [
    { lineNo: '1', sku: 'TEE', quantity: 2, unitPriceMinor: 3000, tax: { rate: '8%', amountMinor: 434 }, discounts: [{ promotionId: 'SAVE10', amountMinor: 571 }] },
    { lineNo: '2', sku: 'HOODIE', quantity: 1, unitPriceMinor: 4500, taxIncluded: false, tax: { rate: '8%', amountMinor: 286 }, discounts: [{ promotionId: 'SAVE10', amountMinor: 429 }, { promotionId: 'VEND5', amountMinor: 500, vendorId: 'acme' }] },
  ],
  tenders: [{ kind: 'card', amountMinor: 5000, reference: 'AUTH123' }, { kind: 'cash', amountMinor: 4720 }],
  totalMinor: 9720,
};

export const POS_SALE_ANSWER = {
  orderId: 'pos-S001-R02-S001-R02-000123',
  revision: 1,
  events: [
    { eventId: '4608ab9b-7434-5b08-bbdc-e5cc3610976d', type: 'OrderPlaced', revision: 0 },
    { eventId: 'bfb25fa7-a71f-5681-8261-d4a575325fa2', type: 'PickupConfirmed', revision: 1 },
  ],
};

export const BUSINESS_ERROR = {
  id: 'business-error-shopify-0c8e1a5b-0001',
  position: '1042',
  channel: 'shopify',
  deliveryId: '0c8e1a5b-0001',
  topic: 'orders/create',
  sourceRef: 'channel-delivery-shopify-0c8e1a5b-0001',
  reason: 'TOTALS_DO_NOT_ADD_UP',
  message: 'the stated totals do not match the lines',
  details: { differences: [{ field: 'total_price', statedMinor: 41300, computedMinor: 40300 }] },
  recordedAt: '2026-11-27T10:00:00.000Z',
  status: 'open',
  reprocessed: 0,
};

export const DISMISS = { reason: 'test order from the shop owner; nothing to post' };

export const REPROCESSED = {
  outcome: { status: 'resolved', answer: { status: 'accepted', orderId: 'shopify-820982911946154508' } },
  entry: { ...BUSINESS_ERROR, status: 'resolved', reprocessed: 1 },
};

export const UNMATCHED_DISCOUNTS = {
  items: [{ shop: 'my-shop.myshopify.com', type: 'discount_code', label: 'WELCOME5', orders: 2, amounts: [{ currency: 'USD', amountMinor: 1000 }], firstPlacedAt: '2026-11-27T10:00:00Z', lastPlacedAt: '2026-11-28T09:12:00Z', orderIds: ['shopify-1001', 'shopify-1002'], reason: 'no promotion with this code for shopify on that date' }],
};

/**
 * Shopify's documented orders/create test notification, as Shopify sends it (test/fixtures/shopify/orders-create.json),
 * except that its 18-digit ids are written as a JavaScript number holds them (the fixture keeps Shopify's digits).
 */
export const ORDERS_CREATE = {
  id: 820982911946154500,
  email: "jon@doe.ca",
  closed_at: null,
  created_at: "2022-04-06T08:09:03-04:00",
  updated_at: "2022-04-06T08:09:03-04:00",
  number: 234,
  note: null,
  token: "123456abcd",
  gateway: null,
  test: true,
  total_price: "403.00",
  subtotal_price: "393.00",
  total_weight: 0,
  total_tax: "0.00",
  taxes_included: false,
  currency: "USD",
  financial_status: "voided",
  confirmed: false,
  total_discounts: "5.00",
  total_line_items_price: "398.00",
  cart_token: null,
  buyer_accepts_marketing: true,
  name: "#9999",
  referring_site: null,
  landing_site: null,
  cancelled_at: "2022-04-06T08:09:03-04:00",
  cancel_reason: "customer",
  total_price_usd: null,
  checkout_token: null,
  reference: null,
  user_id: null,
  location_id: null,
  source_identifier: null,
  source_url: null,
  processed_at: null,
  device_id: null,
  phone: null,
  customer_locale: "en",
  app_id: null,
  browser_ip: null,
  landing_site_ref: null,
  order_number: 1234,
  discount_applications: [{"type": "manual", "value": "5.0", "value_type": "fixed_amount", "allocation_method": "each", "target_selection": "explicit", "target_type": "line_item", "description": "Discount", "title": "Discount"}],
  discount_codes: [],
  note_attributes: [],
  payment_gateway_names: ["visa", "bogus"],
  processing_method: "",
  checkout_id: null,
  source_name: "web",
  fulfillment_status: "pending",
  tax_lines: [],
  tags: "",
  contact_email: "jon@doe.ca",
  presentment_currency: "USD",
  total_line_items_price_set: {"shop_money": {"amount": "398.00", "currency_code": "USD"}, "presentment_money": {"amount": "398.00", "currency_code": "USD"}},
  total_discounts_set: {"shop_money": {"amount": "5.00", "currency_code": "USD"}, "presentment_money": {"amount": "5.00", "currency_code": "USD"}},
  total_shipping_price_set: {"shop_money": {"amount": "10.00", "currency_code": "USD"}, "presentment_money": {"amount": "10.00", "currency_code": "USD"}},
  subtotal_price_set: {"shop_money": {"amount": "393.00", "currency_code": "USD"}, "presentment_money": {"amount": "393.00", "currency_code": "USD"}},
  total_price_set: {"shop_money": {"amount": "403.00", "currency_code": "USD"}, "presentment_money": {"amount": "403.00", "currency_code": "USD"}},
  total_tax_set: {"shop_money": {"amount": "0.00", "currency_code": "USD"}, "presentment_money": {"amount": "0.00", "currency_code": "USD"}},
  line_items: [{"id": 866550311766439000, "variant_id": 808950810, "title": "IPod Nano - 8GB", "quantity": 1, "sku": "IPOD2008PINK", "variant_title": null, "vendor": null, "fulfillment_service": "manual", "product_id": 632910392, "requires_shipping": true, "taxable": true, "gift_card": false, "name": "IPod Nano - 8GB", "variant_inventory_management": "shopify", "properties": [], "product_exists": true, "fulfillable_quantity": 1, "grams": 567, "price": "199.00", "total_discount": "0.00", "fulfillment_status": null, "price_set": {"shop_money": {"amount": "199.00", "currency_code": "USD"}, "presentment_money": {"amount": "199.00", "currency_code": "USD"}}, "total_discount_set": {"shop_money": {"amount": "0.00", "currency_code": "USD"}, "presentment_money": {"amount": "0.00", "currency_code": "USD"}}, "discount_allocations": [], "duties": [], "admin_graphql_api_id": "gid://shopify/LineItem/866550311766439020", "tax_lines": []}, {"id": 141249953214522980, "variant_id": 808950810, "title": "IPod Nano - 8GB", "quantity": 1, "sku": "IPOD2008PINK", "variant_title": null, "vendor": null, "fulfillment_service": "manual", "product_id": 632910392, "requires_shipping": true, "taxable": true, "gift_card": false, "name": "IPod Nano - 8GB", "variant_inventory_management": "shopify", "properties": [], "product_exists": true, "fulfillable_quantity": 1, "grams": 567, "price": "199.00", "total_discount": "5.00", "fulfillment_status": null, "price_set": {"shop_money": {"amount": "199.00", "currency_code": "USD"}, "presentment_money": {"amount": "199.00", "currency_code": "USD"}}, "total_discount_set": {"shop_money": {"amount": "5.00", "currency_code": "USD"}, "presentment_money": {"amount": "5.00", "currency_code": "USD"}}, "discount_allocations": [{"amount": "5.00", "discount_application_index": 0, "amount_set": {"shop_money": {"amount": "5.00", "currency_code": "USD"}, "presentment_money": {"amount": "5.00", "currency_code": "USD"}}}], "duties": [], "admin_graphql_api_id": "gid://shopify/LineItem/141249953214522974", "tax_lines": []}],
  fulfillments: [],
  refunds: [],
  total_tip_received: "0.0",
  original_total_duties_set: null,
  current_total_duties_set: null,
  payment_terms: null,
  admin_graphql_api_id: "gid://shopify/Order/820982911946154508",
  shipping_lines: [{"id": 271878346596884000, "title": "Generic Shipping", "price": "10.00", "code": null, "source": "shopify", "phone": null, "requested_fulfillment_service_id": null, "delivery_category": null, "carrier_identifier": null, "discounted_price": "10.00", "price_set": {"shop_money": {"amount": "10.00", "currency_code": "USD"}, "presentment_money": {"amount": "10.00", "currency_code": "USD"}}, "discounted_price_set": {"shop_money": {"amount": "10.00", "currency_code": "USD"}, "presentment_money": {"amount": "10.00", "currency_code": "USD"}}, "discount_allocations": [], "tax_lines": []}],
  billing_address: {"first_name": "Bob", "address1": "123 Billing Street", "phone": "555-555-BILL", "city": "Billtown", "zip": "K2P0B0", "province": "Kentucky", "country": "United States", "last_name": "Biller", "address2": null, "company": "My Company", "latitude": null, "longitude": null, "name": "Bob Biller", "country_code": "US", "province_code": "KY"},
  shipping_address: {"first_name": "Steve", "address1": "123 Shipping Street", "phone": "555-555-SHIP", "city": "Shippington", "zip": "40003", "province": "Kentucky", "country": "United States", "last_name": "Shipper", "address2": null, "company": "Shipping Company", "latitude": null, "longitude": null, "name": "Steve Shipper", "country_code": "US", "province_code": "KY"},
  customer: {"id": 115310627314723950, "email": "john@test.com", "accepts_marketing": false, "created_at": null, "updated_at": null, "first_name": "John", "last_name": "Smith", "orders_count": 0, "state": "disabled", "total_spent": "0.00", "last_order_id": null, "note": null, "verified_email": true, "multipass_identifier": null, "tax_exempt": false, "phone": null, "tags": "", "last_order_name": null, "currency": "USD", "admin_graphql_api_id": "gid://shopify/Customer/115310627314723954"},
};

/** GET /admin/api/2026-07/orders/450789469.json as the Admin API answers it (test/fixtures/shopify/rest-order-get.json). */
const ADMIN_ORDER = {
  id: 450789469,
  admin_graphql_api_id: "gid://shopify/Order/450789469",
  app_id: null,
  browser_ip: "0.0.0.0",
  buyer_accepts_marketing: false,
  cancel_reason: null,
  cancelled_at: null,
  cart_token: "68778783ad298f1c80c3bafcddeea02f",
  checkout_id: 901414060,
  checkout_token: "bd5a8aa1ecd019dd3520ff791ee3a24c",
  client_details: {"accept_language": null, "browser_height": null, "browser_ip": "0.0.0.0", "browser_width": null, "session_hash": null, "user_agent": null},
  closed_at: null,
  confirmation_number: null,
  confirmed: true,
  contact_email: "bob.norman@mail.example.com",
  created_at: "2008-01-10T11:00:00-05:00",
  currency: "USD",
  current_subtotal_price: "195.67",
  current_subtotal_price_set: {"shop_money": {"amount": "195.67", "currency_code": "USD"}, "presentment_money": {"amount": "195.67", "currency_code": "USD"}},
  current_total_additional_fees_set: null,
  current_total_discounts: "3.33",
  current_total_discounts_set: {"shop_money": {"amount": "3.33", "currency_code": "USD"}, "presentment_money": {"amount": "3.33", "currency_code": "USD"}},
  current_total_duties_set: null,
  current_total_price: "199.65",
  current_total_price_set: {"shop_money": {"amount": "199.65", "currency_code": "USD"}, "presentment_money": {"amount": "199.65", "currency_code": "USD"}},
  current_total_tax: "3.98",
  current_total_tax_set: {"shop_money": {"amount": "3.98", "currency_code": "USD"}, "presentment_money": {"amount": "3.98", "currency_code": "USD"}},
  customer_locale: null,
  device_id: null,
  discount_codes: [{"code": "TENOFF", "amount": "10.00", "type": "fixed_amount"}],
  duties_included: false,
  email: "bob.norman@mail.example.com",
  estimated_taxes: false,
  financial_status: "partially_refunded",
  fulfillment_status: null,
  landing_site: "http://www.example.com?source=abc",
  landing_site_ref: "abc",
  location_id: null,
  merchant_business_entity_id: "MTU0ODM4MDAwOQ",
  merchant_of_record_app_id: null,
  name: "#1001",
  note: null,
  note_attributes: [{"name": "custom engraving", "value": "Happy Birthday"}, {"name": "colour", "value": "green"}],
  number: 1,
  order_number: 1001,
  order_status_url: "https://jsmith.myshopify.com/548380009/orders/b1946ac92492d2347c6235b4d2611184/authenticate?key=imasecretipod",
  original_total_additional_fees_set: null,
  original_total_duties_set: null,
  payment_gateway_names: ["bogus"],
  phone: "+557734881234",
  po_number: "ABC123",
  presentment_currency: "USD",
  processed_at: "2008-01-10T11:00:00-05:00",
  reference: "fhwdgads",
  referring_site: "http://www.otherexample.com",
  source_identifier: "fhwdgads",
  source_name: "web",
  source_url: null,
  subtotal_price: "597.00",
  subtotal_price_set: {"shop_money": {"amount": "597.00", "currency_code": "USD"}, "presentment_money": {"amount": "597.00", "currency_code": "USD"}},
  tags: "",
  tax_exempt: false,
  tax_lines: [{"price": "11.94", "rate": 0.06, "title": "State Tax", "price_set": {"shop_money": {"amount": "11.94", "currency_code": "USD"}, "presentment_money": {"amount": "11.94", "currency_code": "USD"}}, "channel_liable": null}],
  taxes_included: false,
  test: false,
  token: "b1946ac92492d2347c6235b4d2611184",
  total_cash_rounding_payment_adjustment_set: {"shop_money": {"amount": "0.00", "currency_code": "USD"}, "presentment_money": {"amount": "0.00", "currency_code": "USD"}},
  total_cash_rounding_refund_adjustment_set: {"shop_money": {"amount": "0.00", "currency_code": "USD"}, "presentment_money": {"amount": "0.00", "currency_code": "USD"}},
  total_discounts: "10.00",
  total_discounts_set: {"shop_money": {"amount": "10.00", "currency_code": "USD"}, "presentment_money": {"amount": "10.00", "currency_code": "USD"}},
  total_line_items_price: "597.00",
  total_line_items_price_set: {"shop_money": {"amount": "597.00", "currency_code": "USD"}, "presentment_money": {"amount": "597.00", "currency_code": "USD"}},
  total_outstanding: "0.00",
  total_price: "598.94",
  total_price_set: {"shop_money": {"amount": "598.94", "currency_code": "USD"}, "presentment_money": {"amount": "598.94", "currency_code": "USD"}},
  total_shipping_price_set: {"shop_money": {"amount": "0.00", "currency_code": "USD"}, "presentment_money": {"amount": "0.00", "currency_code": "USD"}},
  total_tax: "11.94",
  total_tax_set: {"shop_money": {"amount": "11.94", "currency_code": "USD"}, "presentment_money": {"amount": "11.94", "currency_code": "USD"}},
  total_tip_received: "0.00",
  total_weight: 0,
  updated_at: "2008-01-10T11:00:00-05:00",
  user_id: null,
  billing_address: {"first_name": "Bob", "address1": "Chestnut Street 92", "phone": "+1(502)-459-2181", "city": "Louisville", "zip": "40202", "province": "Kentucky", "country": "United States", "last_name": "Norman", "address2": "", "company": null, "latitude": 45.41634, "longitude": -75.6868, "name": "Bob Norman", "country_code": "US", "province_code": "KY"},
  customer: {"id": 207119551, "email": "bob.norman@mail.example.com", "created_at": "2025-07-02T11:29:59-05:00", "updated_at": "2025-07-02T11:29:59-05:00", "first_name": "Bob", "last_name": "Norman", "state": "disabled", "note": null, "verified_email": true, "multipass_identifier": null, "tax_exempt": false, "phone": "+16136120707", "email_marketing_consent": {"state": "not_subscribed", "opt_in_level": null, "consent_updated_at": "2004-06-13T11:57:11-04:00"}, "sms_marketing_consent": {"state": "not_subscribed", "opt_in_level": "single_opt_in", "consent_updated_at": "2024-01-01T07:00:00-05:00", "consent_collected_from": "OTHER"}, "tags": "Léon, Noël", "currency": "USD", "tax_exemptions": [], "admin_graphql_api_id": "gid://shopify/Customer/207119551", "default_address": {"id": 207119551, "customer_id": 207119551, "first_name": null, "last_name": null, "company": null, "address1": "Chestnut Street 92", "address2": "", "city": "Louisville", "province": "Kentucky", "country": "United States", "zip": "40202", "phone": "555-625-1199", "name": "", "province_code": "KY", "country_code": "US", "country_name": "United States", "default": true}},
  discount_applications: [{"target_type": "line_item", "type": "discount_code", "value": "10.0", "value_type": "fixed_amount", "allocation_method": "across", "target_selection": "all", "code": "TENOFF"}],
  fulfillments: [{"id": 255858046, "admin_graphql_api_id": "gid://shopify/Fulfillment/255858046", "created_at": "2025-07-02T11:29:59-05:00", "location_id": 655441491, "name": "#1001.0", "order_id": 450789469, "origin_address": {}, "receipt": {"testcase": true, "authorization": "123456"}, "service": "manual", "shipment_status": null, "status": "failure", "tracking_company": "USPS", "tracking_number": "1Z1234512345123456", "tracking_numbers": ["1Z1234512345123456"], "tracking_url": "https://tools.usps.com/go/TrackConfirmAction_input?qtc_tLabels1=1Z1234512345123456", "tracking_urls": ["https://tools.usps.com/go/TrackConfirmAction_input?qtc_tLabels1=1Z1234512345123456"], "updated_at": "2025-07-02T11:29:59-05:00", "line_items": [{"id": 466157049, "admin_graphql_api_id": "gid://shopify/LineItem/466157049", "attributed_staffs": [], "current_quantity": 0, "fulfillable_quantity": 0, "fulfillment_service": "manual", "fulfillment_status": null, "gift_card": false, "grams": 200, "name": "IPod Nano - 8gb - green", "price": "199.00", "price_set": {"shop_money": {"amount": "199.00", "currency_code": "USD"}, "presentment_money": {"amount": "199.00", "currency_code": "USD"}}, "product_exists": true, "product_id": 632910392, "properties": [{"name": "Custom Engraving Front", "value": "Happy Birthday"}, {"name": "Custom Engraving Back", "value": "Merry Christmas"}], "quantity": 1, "requires_shipping": true, "sku": "IPOD2008GREEN", "taxable": true, "title": "IPod Nano - 8gb", "total_discount": "0.00", "total_discount_set": {"shop_money": {"amount": "0.00", "currency_code": "USD"}, "presentment_money": {"amount": "0.00", "currency_code": "USD"}}, "variant_id": 39072856, "variant_inventory_management": "shopify", "variant_title": "green", "vendor": null, "tax_lines": [{"channel_liable": null, "price": "3.98", "price_set": {"shop_money": {"amount": "3.98", "currency_code": "USD"}, "presentment_money": {"amount": "3.98", "currency_code": "USD"}}, "rate": 0.06, "title": "State Tax"}], "duties": [], "discount_allocations": [{"amount": "3.34", "amount_set": {"shop_money": {"amount": "3.34", "currency_code": "USD"}, "presentment_money": {"amount": "3.34", "currency_code": "USD"}}, "discount_application_index": 0}]}]}],
  line_items: [{"id": 466157049, "admin_graphql_api_id": "gid://shopify/LineItem/466157049", "attributed_staffs": [], "current_quantity": 0, "fulfillable_quantity": 0, "fulfillment_service": "manual", "fulfillment_status": null, "gift_card": false, "grams": 200, "name": "IPod Nano - 8gb - green", "price": "199.00", "price_set": {"shop_money": {"amount": "199.00", "currency_code": "USD"}, "presentment_money": {"amount": "199.00", "currency_code": "USD"}}, "product_exists": true, "product_id": 632910392, "properties": [{"name": "Custom Engraving Front", "value": "Happy Birthday"}, {"name": "Custom Engraving Back", "value": "Merry Christmas"}], "quantity": 1, "requires_shipping": true, "sku": "IPOD2008GREEN", "taxable": true, "title": "IPod Nano - 8gb", "total_discount": "0.00", "total_discount_set": {"shop_money": {"amount": "0.00", "currency_code": "USD"}, "presentment_money": {"amount": "0.00", "currency_code": "USD"}}, "variant_id": 39072856, "variant_inventory_management": "shopify", "variant_title": "green", "vendor": null, "tax_lines": [{"channel_liable": null, "price": "3.98", "price_set": {"shop_money": {"amount": "3.98", "currency_code": "USD"}, "presentment_money": {"amount": "3.98", "currency_code": "USD"}}, "rate": 0.06, "title": "State Tax"}], "duties": [], "discount_allocations": [{"amount": "3.34", "amount_set": {"shop_money": {"amount": "3.34", "currency_code": "USD"}, "presentment_money": {"amount": "3.34", "currency_code": "USD"}}, "discount_application_index": 0}]}, {"id": 518995019, "admin_graphql_api_id": "gid://shopify/LineItem/518995019", "attributed_staffs": [], "current_quantity": 1, "fulfillable_quantity": 1, "fulfillment_service": "manual", "fulfillment_status": null, "gift_card": false, "grams": 200, "name": "IPod Nano - 8gb - red", "price": "199.00", "price_set": {"shop_money": {"amount": "199.00", "currency_code": "USD"}, "presentment_money": {"amount": "199.00", "currency_code": "USD"}}, "product_exists": true, "product_id": 632910392, "properties": [], "quantity": 1, "requires_shipping": true, "sku": "IPOD2008RED", "taxable": true, "title": "IPod Nano - 8gb", "total_discount": "0.00", "total_discount_set": {"shop_money": {"amount": "0.00", "currency_code": "USD"}, "presentment_money": {"amount": "0.00", "currency_code": "USD"}}, "variant_id": 49148385, "variant_inventory_management": "shopify", "variant_title": "red", "vendor": null, "tax_lines": [{"channel_liable": null, "price": "3.98", "price_set": {"shop_money": {"amount": "3.98", "currency_code": "USD"}, "presentment_money": {"amount": "3.98", "currency_code": "USD"}}, "rate": 0.06, "title": "State Tax"}], "duties": [], "discount_allocations": [{"amount": "3.33", "amount_set": {"shop_money": {"amount": "3.33", "currency_code": "USD"}, "presentment_money": {"amount": "3.33", "currency_code": "USD"}}, "discount_application_index": 0}]}, {"id": 703073504, "admin_graphql_api_id": "gid://shopify/LineItem/703073504", "attributed_staffs": [], "current_quantity": 0, "fulfillable_quantity": 0, "fulfillment_service": "manual", "fulfillment_status": null, "gift_card": false, "grams": 200, "name": "IPod Nano - 8gb - black", "price": "199.00", "price_set": {"shop_money": {"amount": "199.00", "currency_code": "USD"}, "presentment_money": {"amount": "199.00", "currency_code": "USD"}}, "product_exists": true, "product_id": 632910392, "properties": [], "quantity": 1, "requires_shipping": true, "sku": "IPOD2008BLACK", "taxable": true, "title": "IPod Nano - 8gb", "total_discount": "0.00", "total_discount_set": {"shop_money": {"amount": "0.00", "currency_code": "USD"}, "presentment_money": {"amount": "0.00", "currency_code": "USD"}}, "variant_id": 457924702, "variant_inventory_management": "shopify", "variant_title": "black", "vendor": null, "tax_lines": [{"channel_liable": null, "price": "3.98", "price_set": {"shop_money": {"amount": "3.98", "currency_code": "USD"}, "presentment_money": {"amount": "3.98", "currency_code": "USD"}}, "rate": 0.06, "title": "State Tax"}], "duties": [], "discount_allocations": [{"amount": "3.33", "amount_set": {"shop_money": {"amount": "3.33", "currency_code": "USD"}, "presentment_money": {"amount": "3.33", "currency_code": "USD"}}, "discount_application_index": 0}]}],
  payment_terms: null,
  refunds: [{"id": 509562969, "admin_graphql_api_id": "gid://shopify/Refund/509562969", "created_at": "2025-07-02T11:29:59-05:00", "note": "it broke during shipping", "order_id": 450789469, "processed_at": "2025-07-02T11:29:59-05:00", "restock": true, "total_additional_fees_set": {"shop_money": {"amount": "0.00", "currency_code": "USD"}, "presentment_money": {"amount": "0.00", "currency_code": "USD"}}, "total_duties_set": {"shop_money": {"amount": "0.00", "currency_code": "USD"}, "presentment_money": {"amount": "0.00", "currency_code": "USD"}}, "user_id": 548380009, "order_adjustments": [], "transactions": [{"id": 179259969, "admin_graphql_api_id": "gid://shopify/OrderTransaction/179259969", "amount": "209.00", "authorization": "authorization-key", "created_at": "2005-08-05T12:59:12-04:00", "currency": "USD", "device_id": null, "error_code": null, "gateway": "bogus", "kind": "refund", "location_id": null, "message": null, "order_id": 450789469, "parent_id": 801038806, "payment_id": "#1001.3", "processed_at": "2005-08-05T12:59:12-04:00", "receipt": {}, "source_name": "web", "status": "success", "test": false, "user_id": null}], "refund_line_items": [{"id": 104689539, "line_item_id": 703073504, "location_id": 487838322, "quantity": 1, "restock_type": "legacy_restock", "subtotal": 195.66, "subtotal_set": {"shop_money": {"amount": "195.66", "currency_code": "USD"}, "presentment_money": {"amount": "195.66", "currency_code": "USD"}}, "total_tax": 3.98, "total_tax_set": {"shop_money": {"amount": "3.98", "currency_code": "USD"}, "presentment_money": {"amount": "3.98", "currency_code": "USD"}}, "line_item": {"id": 703073504, "admin_graphql_api_id": "gid://shopify/LineItem/703073504", "attributed_staffs": [], "current_quantity": 0, "fulfillable_quantity": 0, "fulfillment_service": "manual", "fulfillment_status": null, "gift_card": false, "grams": 200, "name": "IPod Nano - 8gb - black", "price": "199.00", "price_set": {"shop_money": {"amount": "199.00", "currency_code": "USD"}, "presentment_money": {"amount": "199.00", "currency_code": "USD"}}, "product_exists": true, "product_id": 632910392, "properties": [], "quantity": 1, "requires_shipping": true, "sku": "IPOD2008BLACK", "taxable": true, "title": "IPod Nano - 8gb", "total_discount": "0.00", "total_discount_set": {"shop_money": {"amount": "0.00", "currency_code": "USD"}, "presentment_money": {"amount": "0.00", "currency_code": "USD"}}, "variant_id": 457924702, "variant_inventory_management": "shopify", "variant_title": "black", "vendor": null, "tax_lines": [{"channel_liable": null, "price": "3.98", "price_set": {"shop_money": {"amount": "3.98", "currency_code": "USD"}, "presentment_money": {"amount": "3.98", "currency_code": "USD"}}, "rate": 0.06, "title": "State Tax"}], "duties": [], "discount_allocations": [{"amount": "3.33", "amount_set": {"shop_money": {"amount": "3.33", "currency_code": "USD"}, "presentment_money": {"amount": "3.33", "currency_code": "USD"}}, "discount_application_index": 0}]}}, {"id": 709875399, "line_item_id": 466157049, "location_id": 487838322, "quantity": 1, "restock_type": "legacy_restock", "subtotal": 195.67, "subtotal_set": {"shop_money": {"amount": "195.67", "currency_code": "USD"}, "presentment_money": {"amount": "195.67", "currency_code": "USD"}}, "total_tax": 3.98, "total_tax_set": {"shop_money": {"amount": "3.98", "currency_code": "USD"}, "presentment_money": {"amount": "3.98", "currency_code": "USD"}}, "line_item": {"id": 466157049, "admin_graphql_api_id": "gid://shopify/LineItem/466157049", "attributed_staffs": [], "current_quantity": 0, "fulfillable_quantity": 0, "fulfillment_service": "manual", "fulfillment_status": null, "gift_card": false, "grams": 200, "name": "IPod Nano - 8gb - green", "price": "199.00", "price_set": {"shop_money": {"amount": "199.00", "currency_code": "USD"}, "presentment_money": {"amount": "199.00", "currency_code": "USD"}}, "product_exists": true, "product_id": 632910392, "properties": [{"name": "Custom Engraving Front", "value": "Happy Birthday"}, {"name": "Custom Engraving Back", "value": "Merry Christmas"}], "quantity": 1, "requires_shipping": true, "sku": "IPOD2008GREEN", "taxable": true, "title": "IPod Nano - 8gb", "total_discount": "0.00", "total_discount_set": {"shop_money": {"amount": "0.00", "currency_code": "USD"}, "presentment_money": {"amount": "0.00", "currency_code": "USD"}}, "variant_id": 39072856, "variant_inventory_management": "shopify", "variant_title": "green", "vendor": null, "tax_lines": [{"channel_liable": null, "price": "3.98", "price_set": {"shop_money": {"amount": "3.98", "currency_code": "USD"}, "presentment_money": {"amount": "3.98", "currency_code": "USD"}}, "rate": 0.06, "title": "State Tax"}], "duties": [], "discount_allocations": [{"amount": "3.34", "amount_set": {"shop_money": {"amount": "3.34", "currency_code": "USD"}, "presentment_money": {"amount": "3.34", "currency_code": "USD"}}, "discount_application_index": 0}]}}], "duties": [], "additional_fees": []}],
  shipping_address: {"first_name": "Bob", "address1": "Chestnut Street 92", "phone": "+1(502)-459-2181", "city": "Louisville", "zip": "40202", "province": "Kentucky", "country": "United States", "last_name": "Norman", "address2": "", "company": null, "latitude": 45.41634, "longitude": -75.6868, "name": "Bob Norman", "country_code": "US", "province_code": "KY"},
  shipping_lines: [{"id": 369256396, "carrier_identifier": null, "code": "Free Shipping", "discounted_price": "0.00", "discounted_price_set": {"shop_money": {"amount": "0.00", "currency_code": "USD"}, "presentment_money": {"amount": "0.00", "currency_code": "USD"}}, "is_removed": false, "phone": null, "price": "0.00", "price_set": {"shop_money": {"amount": "0.00", "currency_code": "USD"}, "presentment_money": {"amount": "0.00", "currency_code": "USD"}}, "requested_fulfillment_service_id": null, "source": "shopify", "title": "Free Shipping", "tax_lines": [], "discount_allocations": []}],
};

/** GET /admin/api/2026-07/orders/450789469/transactions.json (test/fixtures/shopify/rest-order-transactions-get.json). */
const ADMIN_TRANSACTIONS = [
  {
    "id": 179259969,
    "order_id": 450789469,
    "kind": "refund",
    "gateway": "bogus",
    "status": "success",
    "message": null,
    "created_at": "2005-08-05T12:59:12-04:00",
    "test": false,
    "authorization": "authorization-key",
    "location_id": null,
    "user_id": null,
    "parent_id": 801038806,
    "processed_at": "2005-08-05T12:59:12-04:00",
    "device_id": null,
    "error_code": null,
    "source_name": "web",
    "receipt": {},
    "currency_exchange_adjustment": null,
    "amount": "209.00",
    "currency": "USD",
    "payment_id": "#1001.3",
    "total_unsettled_set": {
      "presentment_money": {
        "amount": "348.0",
        "currency": "USD"
      },
      "shop_money": {
        "amount": "348.0",
        "currency": "USD"
      }
    },
    "manual_payment_gateway": false,
    "amount_rounding": null,
    "admin_graphql_api_id": "gid://shopify/OrderTransaction/179259969"
  },
  {
    "id": 389404469,
    "order_id": 450789469,
    "kind": "authorization",
    "gateway": "bogus",
    "status": "success",
    "message": null,
    "created_at": "2005-08-01T11:57:11-04:00",
    "test": false,
    "authorization": "authorization-key",
    "location_id": null,
    "user_id": null,
    "parent_id": null,
    "processed_at": "2005-08-01T11:57:11-04:00",
    "device_id": null,
    "error_code": null,
    "source_name": "web",
    "payment_details": {
      "credit_card_bin": null,
      "avs_result_code": null,
      "cvv_result_code": null,
      "credit_card_number": "•••• •••• •••• 4242",
      "credit_card_company": "Visa",
      "buyer_action_info": null,
      "credit_card_name": null,
      "credit_card_wallet": null,
      "credit_card_expiration_month": null,
      "credit_card_expiration_year": null,
      "payment_method_name": "visa"
    },
    "receipt": {
      "testcase": true,
      "authorization": "123456"
    },
    "currency_exchange_adjustment": null,
    "amount": "598.94",
    "currency": "USD",
    "payment_id": "#1001.1",
    "total_unsettled_set": {
      "presentment_money": {
        "amount": "348.0",
        "currency": "USD"
      },
      "shop_money": {
        "amount": "348.0",
        "currency": "USD"
      }
    },
    "manual_payment_gateway": false,
    "amount_rounding": null,
    "admin_graphql_api_id": "gid://shopify/OrderTransaction/389404469"
  },
  {
    "id": 801038806,
    "order_id": 450789469,
    "kind": "capture",
    "gateway": "bogus",
    "status": "success",
    "message": null,
    "created_at": "2005-08-05T10:22:51-04:00",
    "test": false,
    "authorization": "authorization-key",
    "location_id": null,
    "user_id": null,
    "parent_id": 389404469,
    "processed_at": "2005-08-05T10:22:51-04:00",
    "device_id": null,
    "error_code": null,
    "source_name": "web",
    "receipt": {},
    "currency_exchange_adjustment": null,
    "amount": "250.94",
    "currency": "USD",
    "payment_id": "#1001.2",
    "total_unsettled_set": {
      "presentment_money": {
        "amount": "348.0",
        "currency": "USD"
      },
      "shop_money": {
        "amount": "348.0",
        "currency": "USD"
      }
    },
    "manual_payment_gateway": false,
    "amount_rounding": null,
    "admin_graphql_api_id": "gid://shopify/OrderTransaction/801038806"
  }
];

/** A re-sync of that order: the shop, and the Admin API's two answers as it gave them. */
export const RESYNC_REQUEST = { shop: 'my-shop.myshopify.com', order: { order: ADMIN_ORDER }, transactions: { transactions: ADMIN_TRANSACTIONS } };

/**
 * What the re-sync answers for it: Shopify's sample does not add up (its stated subtotal, and the
 * money of its refund), so those parts are refused and queued; its transactions and fulfillment
 * are kept as facts for the order (README's "Real payloads are messy").
 */
export const RESYNC_REPORT = {
  shop: 'my-shop.myshopify.com',
  orderId: 'shopify-450789469',
  order: 'known',
  recorded: { transactions: ['389404469', '801038806'], fulfillments: ['255858046'], refunds: [], cancellation: false, paymentStatus: false },
  alreadyKnown: { transactions: [], fulfillments: [], refunds: [] },
  refused: [
    {
      part: 'order',
      reason: 'TOTALS_DO_NOT_ADD_UP',
      message: 'the stated totals do not match the lines',
      details: { differences: [{ field: 'subtotal_price', computedMinor: 58700, statedMinor: 59700 }] },
    },
    {
      part: 'refunds/509562969',
      reason: 'TOTALS_DO_NOT_ADD_UP',
      message: 'the refunded money does not match the refunded lines, tax, shipping and adjustments',
      details: { differences: [{ field: 'transactions', computedMinor: 39929, statedMinor: 20900 }] },
    },
  ],
  state: { orderId: 'shopify-450789469', order: null },
  businessError: 'business-error-shopify-resync-b75aecb491b2bbb1dc586635a4d77d67',
};

/** What Shopify gets for ORDERS_CREATE: the order placed, where it stands. */
export const WEBHOOK_ANSWER = {
  status: 'accepted',
  orderId: 'shopify-820982911946154508',
  order: { status: 'placed', revision: 0, totalMinor: 40300, authorizedMinor: 0, capturedMinor: 0, refundedMinor: 0, units: 2, shippedUnits: 0, returnedUnits: 0 },
};
