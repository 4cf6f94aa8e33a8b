import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Shopify signs the raw request body with the shop's shared secret (HMAC-SHA256, base64 in
 * `X-Shopify-Hmac-Sha256`). The comparison takes the same time whatever the header holds.
 */
export function isShopifySignatureValid(rawBody: Buffer, signatureHeader: string | undefined, secret: string): boolean {
  if (!signatureHeader) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(signatureHeader, 'base64');
  // Compare same-length buffers only; a wrong length still costs one constant-time compare.
  if (given.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(given, expected);
}
