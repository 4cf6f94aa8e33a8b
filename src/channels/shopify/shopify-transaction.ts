import type { CurrencyCode } from '../../money';
import { ChannelPayloadError, PayloadReader } from '../payload-reader';
import { currencyOf } from './shopify-order';

/** A payment transaction on a Shopify order, as Ledgerbridge reads it. */
export interface ShopifyTransaction {
  transactionId: string;
  orderId: string;
  /** `authorization`, `capture`, `sale`, `void`, `refund`, or kinds Ledgerbridge does not act on (`change` ...). */
  kind: string;
  /** `success`, `pending`, `failure`, `error`: only a success moves money. */
  status: string;
  amountMinor: number;
  currency: CurrencyCode;
  /** `processed_at`, else `created_at`, in UTC. */
  at: string;
  /** The authorization a capture or void works on. */
  parentId?: string;
}

/** The transaction of an `order_transactions/create` body or of one item of the Admin API's `transactions`. */
export function transactionNode(payload: unknown): PayloadReader {
  const body = new PayloadReader(payload, '');
  return body.has('transaction') && !body.has('kind') ? body.field('transaction') : body;
}

/**
 * Reads an `order_transactions/create` body (or one transaction of `GET /orders/{id}/transactions.json`).
 * The amount is the shop's money (`amount_set.shop_money`) when given, else `amount` in the
 * transaction's currency, else in `orderCurrency` (refund transactions may carry none).
 */
export function readShopifyTransaction(payload: unknown, orderCurrency?: CurrencyCode): ShopifyTransaction {
  const transaction = transactionNode(payload);
  let amountMinor: number;
  let currency: CurrencyCode;
  if (transaction.has('amount_set')) {
    const money = transaction.field('amount_set').field('shop_money');
    currency = currencyOf(money.field('currency_code'));
    amountMinor = money.field('amount').amount(currency);
  } else {
    if (transaction.has('currency')) currency = currencyOf(transaction.field('currency'));
    else if (orderCurrency) currency = orderCurrency;
    else throw new ChannelPayloadError(transaction.field('currency').path, 'must be an ISO 4217 currency code');
    amountMinor = transaction.field('amount').amount(currency);
  }
  if (amountMinor < 0) throw new ChannelPayloadError(transaction.field('amount').path, 'must not be negative');
  return {
    transactionId: transaction.field('id').numericId(),
    orderId: transaction.field('order_id').numericId(),
    kind: transaction.field('kind').string(),
    status: transaction.field('status').string(),
    amountMinor,
    currency,
    at: transaction.has('processed_at') ? transaction.field('processed_at').instant() : transaction.field('created_at').instant(),
    ...(transaction.has('parent_id') ? { parentId: transaction.field('parent_id').numericId() } : {}),
  };
}

/** The transactions of `GET /orders/{id}/transactions.json` (`{"transactions": [...]}`) or a bare list. */
export function transactionItems(payload: unknown): PayloadReader[] {
  const body = new PayloadReader(payload, '');
  return Array.isArray(payload) ? body.items() : body.field('transactions').items();
}
