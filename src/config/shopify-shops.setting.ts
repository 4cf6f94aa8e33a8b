import { ValidateBy } from 'class-validator';
import { loadChartOfAccounts } from './chart-of-accounts/chart-of-accounts.file';

/** A Shopify shop whose webhooks are accepted, and the company its orders are booked under. */
export interface ShopifyShopSetting {
  domain: string;
  /** The webhook signing secret (the app's client secret). */
  secret: string;
  /** The secret before a rotation, accepted too while Shopify moves over (it can take up to an hour). */
  previousSecret?: string;
  companyCode: string;
}

export const SHOPIFY_SHOPS_FORMAT = '{"<shop>.myshopify.com": {"secret": "<webhook signing secret>", "companyCode": "US01"}}';
const DOMAIN = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;
const MIN_SECRET = 16;

/**
 * Reads SHOPIFY_SHOPS and lists every problem, each with the rule it breaks. `companyCodes`
 * (the chart of accounts') are the codes a shop may book under; undefined: not checked.
 */
export function readShopifyShops(setting: string | undefined, companyCodes?: ReadonlySet<string>): { shops: Map<string, ShopifyShopSetting>; problems: string[] } {
  const shops = new Map<string, ShopifyShopSetting>();
  if (setting === undefined || setting.trim() === '') return { shops, problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(setting);
  } catch {
    return { shops, problems: [`must be JSON: ${SHOPIFY_SHOPS_FORMAT}`] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { shops, problems: [`must be a JSON object keyed by shop domain: ${SHOPIFY_SHOPS_FORMAT}`] };
  const problems: string[] = [];
  for (const [domain, entry] of Object.entries(parsed)) {
    const before = problems.length;
    if (!DOMAIN.test(domain)) problems.push(`"${domain}" must be a shop domain in lower case, such as my-shop.myshopify.com`);
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${domain} must be an object with secret and companyCode`);
      continue;
    }
    const { secret, previousSecret, companyCode } = entry as Record<string, unknown>;
    if (typeof secret !== 'string' || secret.length < MIN_SECRET) problems.push(`${domain}.secret must be the webhook signing secret, at least ${MIN_SECRET} characters`);
    if (previousSecret !== undefined && (typeof previousSecret !== 'string' || previousSecret.length < MIN_SECRET)) {
      problems.push(`${domain}.previousSecret must be the previous webhook signing secret, at least ${MIN_SECRET} characters`);
    }
    if (typeof companyCode !== 'string' || companyCode === '') problems.push(`${domain}.companyCode is required: the company the shop's orders are booked under`);
    else if (companyCodes && !companyCodes.has(companyCode))
      problems.push(`${domain}.companyCode ${JSON.stringify(companyCode)} must be a company in the chart of accounts (${[...companyCodes].join(', ')})`);
    if (problems.length === before) {
      shops.set(domain, { domain, secret: secret as string, ...(typeof previousSecret === 'string' ? { previousSecret } : {}), companyCode: companyCode as string });
    }
  }
  return { shops, problems };
}

function chartCompanies(chartFile: unknown): ReadonlySet<string> | undefined {
  try {
    return typeof chartFile === 'string' ? new Set(Object.keys(loadChartOfAccounts(chartFile).companies)) : undefined;
  } catch {
    // CHART_OF_ACCOUNTS reports its own problem in the same message.
    return undefined;
  }
}

/** SHOPIFY_SHOPS reads, and every shop's company is in the chart (CHART_OF_ACCOUNTS); the problems become the message. */
export const IsShopifyShops = () =>
  ValidateBy({
    name: 'isShopifyShops',
    validator: {
      validate: (value, args) =>
        readShopifyShops(value as string | undefined, chartCompanies((args?.object as { CHART_OF_ACCOUNTS?: unknown })?.CHART_OF_ACCOUNTS)).problems.length === 0,
      defaultMessage: (args) =>
        readShopifyShops(args?.value as string | undefined, chartCompanies((args?.object as { CHART_OF_ACCOUNTS?: unknown })?.CHART_OF_ACCOUNTS)).problems.join('; '),
    },
  });
