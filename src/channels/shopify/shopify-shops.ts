import { ConfigError } from '../../config/app-config';

export interface ShopifyShop {
  domain: string;
  secret: string;
  companyCode: string;
}

/** Parses SHOPIFY_SHOPS; a malformed value stops the service at start with the reason. */
export function shopifyShopsFrom(setting: string | undefined): Map<string, ShopifyShop> {
  const shops = new Map<string, ShopifyShop>();
  if (!setting) return shops;
  let parsed: unknown;
  try {
    parsed = JSON.parse(setting);
  } catch {
    throw new ConfigError('SHOPIFY_SHOPS must be JSON: {"<shop>.myshopify.com": {"secret": "...", "companyCode": "..."}}');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError('SHOPIFY_SHOPS must be a JSON object keyed by shop domain');
  for (const [domain, entry] of Object.entries(parsed)) {
    const { secret, companyCode } = (entry ?? {}) as Record<string, unknown>;
    if (typeof secret !== 'string' || secret.length < 16) throw new ConfigError(`SHOPIFY_SHOPS.${domain}.secret must be the webhook signing secret`);
    if (typeof companyCode !== 'string' || companyCode.length === 0) throw new ConfigError(`SHOPIFY_SHOPS.${domain}.companyCode is required`);
    shops.set(domain, { domain, secret, companyCode });
  }
  return shops;
}
