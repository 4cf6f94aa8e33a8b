import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ResyncReport } from '../channels/shopify/shopify-resync.service';

const USAGE = `usage: npm run shopify -- resync --shop <shop>.myshopify.com --order <file> [--transactions <file>] [--url <base>] [--json]

  --order          the order as the Admin API returns it: GET /admin/api/<version>/orders/<id>.json
  --transactions   its transactions: GET /admin/api/<version>/orders/<id>/transactions.json
  --url            the running service (default http://localhost:3000)

Re-syncs one Shopify order whose webhooks were lost: places it if it is missing, records the
transactions, fulfillments and refunds Ledgerbridge does not have (never twice), and prints what
changed. The API key (scope ops:admin) comes from LEDGERBRIDGE_API_KEY. The files are sent as they
are, so ids beyond 2^53 and amounts keep every digit.
Exit codes: 0 re-synced (the report says what changed), 2 bad usage or input the service refused,
3 the service could not be reached or failed.`;

const EXIT = { done: 0, input: 2, failed: 3 } as const;

class UsageError extends Error {}

function read(option: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${option} ${file}: ${(error as Error).message}`);
  }
}

const ORDER_OUTCOME: Record<ResyncReport['order'], string> = {
  placed: 'placed now (it was missing)',
  known: 'known already',
  refused: 'refused, not placed (on the business-error queue)',
};

const list = (ids: string[]): string => (ids.length ? ids.join(', ') : '-');

function summary(report: ResyncReport): string {
  const lines = [
    `order ${report.orderId} (${report.shop}): ${ORDER_OUTCOME[report.order]}`,
    `recorded: transactions ${list(report.recorded.transactions)}; fulfillments ${list(report.recorded.fulfillments)}; refunds ${list(report.recorded.refunds)}` +
      `; cancellation ${report.recorded.cancellation ? 'yes' : 'no'}; payment status ${report.recorded.paymentStatus ? 'yes' : 'no'}`,
    `already known: transactions ${list(report.alreadyKnown.transactions)}; fulfillments ${list(report.alreadyKnown.fulfillments)}; refunds ${list(report.alreadyKnown.refunds)}`,
    ...report.refused.map((r) => `refused ${r.part}: ${r.reason}: ${r.message}`),
    ...(report.businessError ? [`on the business-error queue as ${report.businessError}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      shop: { type: 'string' },
      order: { type: 'string' },
      transactions: { type: 'string' },
      url: { type: 'string', default: 'http://localhost:3000' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.done;
  }
  if (positionals.length !== 1 || positionals[0] !== 'resync') throw new UsageError('the command is resync');
  if (!values.shop || !values.order) throw new UsageError('--shop and --order are required');
  const key = process.env.LEDGERBRIDGE_API_KEY;
  // Composed as text: parsing and writing the files again would round their ids and amounts.
  const order = read('--order', values.order);
  const transactions = values.transactions === undefined ? undefined : read('--transactions', values.transactions);
  const body = `{"shop":${JSON.stringify(values.shop)},"order":${order}${transactions === undefined ? '' : `,"transactions":${transactions}`}}`;
  let response: Response;
  try {
    response = await fetch(new URL('/channels/shopify/resync', values.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body,
    });
  } catch (error) {
    process.stderr.write(`ledgerbridge at ${values.url} could not be reached: ${(error as Error).message}\n`);
    return EXIT.failed;
  }
  const text = await response.text();
  if (!response.ok) {
    process.stderr.write(`re-sync refused (${response.status}): ${text}\n`);
    return response.status < 500 ? EXIT.input : EXIT.failed;
  }
  process.stdout.write(values.json ? `${text}\n` : summary(JSON.parse(text) as ResyncReport));
  return EXIT.done;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
      process.exit(EXIT.input);
    }
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(EXIT.failed);
  },
);
