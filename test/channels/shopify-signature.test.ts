import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { isShopifySignatureValid } from '../../src/channels/shopify/webhook-signature';
import { shopifyFixtureBytes } from '../support/shopify-fixtures';

const body = shopifyFixtureBytes('orders-create.json');
const secret = 'shpss_test_secret';
const sign = (raw: Buffer, key = secret) => createHmac('sha256', key).update(raw).digest('base64');

describe('Shopify webhook signature', () => {
  it('accepts the HMAC-SHA256 of the raw body with the shop secret', () => {
    assert.equal(isShopifySignatureValid(body, sign(body), secret), true);
  });

  it('refuses a missing, forged, truncated or other-shop signature, and a body changed by one byte', () => {
    assert.equal(isShopifySignatureValid(body, undefined, secret), false);
    assert.equal(isShopifySignatureValid(body, 'not-base64-at-all', secret), false);
    assert.equal(isShopifySignatureValid(body, sign(body).slice(0, 20), secret), false);
    assert.equal(isShopifySignatureValid(body, sign(body, 'another-shop'), secret), false);
    const tampered = Buffer.from(body);
    tampered[10] ^= 1;
    assert.equal(isShopifySignatureValid(tampered, sign(body), secret), false);
  });
});
