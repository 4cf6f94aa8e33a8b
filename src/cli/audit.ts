import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Auditor } from '../../projections/audit/auditor';
import { type BatchComparison, rebuildBatch } from '../../projections/audit/batch-rebuild';
import { type ChainVerification, verifyCompanyChain } from '../../projections/audit/chain-verification';
import { BatchRefDto, CompanyRefDto, EntryRefDto, MAX_PAGE, StreamRefDto } from '../../projections/audit/dto/audit-requests.dto';
import type { EntryComparison } from '../../projections/audit/entry-rebuild';
import { closedBatch } from '../../projections/audit/posting-batch-history';
import { RebuildProgress, withReadProgress } from '../../projections/audit/rebuild-progress';
import { replayStream } from '../../projections/audit/stream-replay';
import { type AppConfig, ConfigError, loadConfig } from '../config/app-config';
import { EntityNotFoundError } from '../errors/entity-not-found.error';
import { SqliteEventStore } from '../event-store/embedded/sqlite-event-store';
import { StreamNotFoundError } from '../event-store/event-store.errors';
import type { EventStore } from '../event-store/event-store.port';
import { REGISTERED_PROJECTIONS } from '../../projections/host/registered-projections';
import { ProjectionDatabase } from '../../projections/runner/projection-database';
import { describeHalt } from '../../projections/runner/projection-halt';
import { nothingToVerify, rebuildProjection } from '../../projections/runner/projection-rebuild';
import { correctedHistory, EventCorrections } from '../../projections/runner/event-corrections';

const USAGE = `usage: npm run audit -- <command> [--json]

  replay <streamId> [--from <revision>] [--max <count>]   the stream's events (all, or --max), one JSON object a line
  rebuild-entry <entryId>          rebuild a journal entry from history and compare it with the record
  rebuild-batch <batchId>          rebuild a closed posting batch's entries, totals and hash from history
  verify-chain <companyCode> [--entries]   verify the company's whole batch hash chain, naming the first
                                   broken link; --entries also rebuilds every listed entry from history
  rebuild-projection <name>        rebuild a projection from position 0, compare by hash, switch when equal

Reads DATA_DIR (events.sqlite and projections.sqlite, default ./data) or EVENTSTORE_URL, like the service.
--json prints the full answer as JSON.
Exit codes: 0 match (chain intact), 1 mismatch (chain broken), 2 bad usage or input (unknown entry, stream, projection),
3 could not run or nothing to verify (an empty or unreadable log, a projection halted at an event it cannot apply).`;

/** Exit codes an auditor's script can branch on; a crash is never mistaken for a mismatch. */
const EXIT = { match: 0, mismatch: 1, input: 2, failed: 3 } as const;

class UsageError extends Error {}

/** Nothing was compared, or not all of it: never reported as a match. */
class NotVerified extends Error {}

const COMMANDS = ['replay', 'rebuild-entry', 'rebuild-batch', 'verify-chain', 'rebuild-projection'];

interface Invocation {
  command: string;
  argument: string;
  json: boolean;
  entries: boolean;
  from: number;
  max: number;
}

function parse(argv: string[]): Invocation {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      entries: { type: 'boolean', default: false },
      from: { type: 'string', default: '0' },
      max: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(EXIT.match);
  }
  const [command, argument, ...rest] = positionals;
  if (!command) throw new UsageError('a command is required');
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command "${command}"`);
  if (!argument) throw new UsageError(`${command} needs an argument`);
  if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`);
  const from = wholeNumber('--from', values.from, 0);
  const max = values.max === undefined ? Number.POSITIVE_INFINITY : wholeNumber('--max', values.max, 1);
  return { command, argument, json: values.json, entries: values.entries, from, max };
}

function wholeNumber(option: string, text: string, min: number): number {
  if (!/^\d{1,15}$/.test(text) || Number(text) < min) throw new UsageError(`${option} must be a whole number of at least ${min}, got "${text}"`);
  return Number(text);
}

/** The same field rules as the HTTP and gRPC requests. */
function checked<T extends object>(dto: new () => T, plain: object): T {
  const instance = plainToInstance(dto, plain);
  const errors = validateSync(instance);
  if (errors.length > 0) throw new UsageError(errors.flatMap((e) => Object.values(e.constraints ?? {})).join('; '));
  return instance;
}

async function openStore(config: AppConfig): Promise<EventStore> {
  // The EventStoreDB client is loaded only when it is used: an auditor's command on the embedded store starts sooner.
  if (config.EVENTSTORE_URL) return new (await import('../event-store/esdb/esdb-event-store')).EsdbEventStore(config.EVENTSTORE_URL);
  // The embedded store would create a missing file; an auditor pointing at the wrong folder must hear about it instead.
  if (!existsSync(config.embeddedStoreFile)) throw new UsageError(`no event store at ${config.embeddedStoreFile} (set DATA_DIR)`);
  try {
    return new SqliteEventStore({ file: config.embeddedStoreFile });
  } catch (error) {
    throw new NotVerified(`cannot read the event store at ${config.embeddedStoreFile}: ${(error as Error).message}`);
  }
}

function openProjections(config: AppConfig): ProjectionDatabase {
  const file = config.projectionsFile;
  if (!existsSync(file)) throw new UsageError(`no projections database at ${file} (set DATA_DIR)`);
  return new ProjectionDatabase(file);
}

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

async function replay(store: EventStore, invocation: Invocation): Promise<number> {
  const { streamId } = checked(StreamRefDto, { streamId: invocation.argument });
  let from: number | null = invocation.from;
  let left = invocation.max;
  while (from !== null && left > 0) {
    const page = await replayStream(store, streamId, from, Math.min(left, MAX_PAGE));
    left -= page.events.length;
    for (const event of page.events) say(JSON.stringify(event));
    from = page.nextRevision;
  }
  return EXIT.match;
}

function printComparison(comparison: EntryComparison, json: boolean): void {
  if (json) {
    say(JSON.stringify(comparison, null, 2));
    return;
  }
  say(`entry ${comparison.entryId}: ${comparison.match ? 'match' : 'MISMATCH'}`);
  say(`  recorded sha256 ${comparison.recordedHash}`);
  say(`  rebuilt  sha256 ${comparison.rebuiltHash ?? '(nothing rebuilt)'}`);
  if (comparison.problem) say(`  ${comparison.problem}`);
  for (const d of comparison.differences) say(`  ${d.path}: recorded ${JSON.stringify(d.recorded)}, history implies ${JSON.stringify(d.rebuilt)}`);
  for (const e of comparison.events) say(`  from ${e.role} ${e.type} ${e.streamId}@${e.revision} (event ${e.eventId}, position ${e.globalPosition})`);
}

async function rebuildEntry(store: EventStore, config: AppConfig, invocation: Invocation): Promise<number> {
  const { entryId } = checked(EntryRefDto, { entryId: invocation.argument });
  const db = openProjections(config);
  try {
    const comparison = await new Auditor(store, db).rebuildEntry(entryId);
    printComparison(comparison, invocation.json);
    return comparison.match ? EXIT.match : EXIT.mismatch;
  } finally {
    db.close();
  }
}

function printBatch(comparison: BatchComparison, json: boolean): void {
  if (json) {
    say(JSON.stringify(comparison, null, 2));
    return;
  }
  say(`batch ${comparison.batchId}: ${comparison.match ? 'match' : 'MISMATCH'}`);
  say(`  recorded sha256 ${comparison.recordedHash}`);
  say(`  rebuilt  sha256 ${comparison.rebuiltHash ?? '(no batch rebuilt)'}`);
  if (comparison.problem) say(`  ${comparison.problem}`);
  for (const entry of comparison.entries) say(`  entry ${entry.entryId}: ${entry.match ? 'match' : `MISMATCH${entry.problem ? ` (${entry.problem})` : ''}`}`);
  for (const d of comparison.differences) say(`  ${d.path}: recorded ${JSON.stringify(d.recorded)}, history implies ${JSON.stringify(d.rebuilt)}`);
}

/** History alone: the batch's event and its entries' source events; no projections needed. */
async function rebuildClosedBatch(store: EventStore, invocation: Invocation): Promise<number> {
  const { batchId } = checked(BatchRefDto, { batchId: invocation.argument });
  const comparison = await rebuildBatch(correctedHistory(store, await EventCorrections.load(store)), await closedBatch(store, batchId));
  printBatch(comparison, invocation.json);
  return comparison.match ? EXIT.match : EXIT.mismatch;
}

async function verifyChain(store: EventStore, invocation: Invocation): Promise<number> {
  const { companyCode } = checked(CompanyRefDto, { companyCode: invocation.argument });
  const verification = await verifyCompanyChain(correctedHistory(store, await EventCorrections.load(store)), companyCode, { withEntries: invocation.entries });
  printChain(verification, invocation.json);
  return verification.intact ? EXIT.match : EXIT.mismatch;
}

function printChain(verification: ChainVerification, json: boolean): void {
  if (json) {
    say(JSON.stringify(verification, null, 2));
    return;
  }
  const head = verification.head ? `, head ${verification.head.batchId} sha256 ${verification.head.hash}` : '';
  const scope = verification.withEntries ? ', every entry rebuilt from history' : '';
  say(`chain ${verification.companyCode}: ${verification.intact ? 'intact' : 'BROKEN'} (${verification.batchCount} batches${head}${scope})`);
  if (verification.firstBroken) say(`  first broken: ${verification.firstBroken.batchId} (${verification.firstBroken.kind}): ${verification.firstBroken.message}`);
  for (const problem of verification.problems.slice(1)) say(`  also ${problem.batchId} (${problem.kind}): ${problem.message}`);
}

async function rebuildNamedProjection(store: EventStore, config: AppConfig, invocation: Invocation): Promise<number> {
  const projection = REGISTERED_PROJECTIONS.find((p) => p.name === invocation.argument);
  if (!projection) throw new UsageError(`no projection "${invocation.argument}"; known: ${REGISTERED_PROJECTIONS.map((p) => p.name).join(', ')}`);
  const db = openProjections(config);
  try {
    const live = db.liveGeneration(projection.name);
    if (!live) throw new UsageError(`projection ${projection.name} has never run in this data dir: nothing to compare with`);
    const halt = db.halt(projection.name);
    const nothing = await nothingToVerify(store, db, projection);
    if (nothing !== undefined || live.checkpoint === null) throw new NotVerified(nothing ?? `projection ${projection.name} has applied none of the log's events`);
    const target = live.checkpoint;
    const progress = new RebuildProgress(process.stderr, projection.name, target);
    const report = await rebuildProjection(
      withReadProgress(store, (position) => progress.update(position)),
      db,
      projection,
      { switchOver: 'when-equal' },
    );
    progress.finish();
    if (invocation.json) say(JSON.stringify({ ...report, ...(halt ? { halt: describeHalt(halt) } : {}) }, null, 2));
    else {
      say(`projection ${report.projection} at position ${report.checkpoint}: ${report.equal ? 'match' : 'MISMATCH'}`);
      say(`  live     generation ${report.liveGeneration} sha256 ${report.liveHash ?? '(another version of the projection: not compared)'}`);
      say(`  rebuilt  generation ${report.rebuiltGeneration} sha256 ${report.rebuiltHash} (${report.eventsApplied} events)`);
      if (!report.equal) say(`  differing tables: ${report.differingTables.join(', ')}`);
      say(report.switched ? `  switched: readers now see generation ${report.rebuiltGeneration}` : '  not switched: the live generation stays, the rebuild was dropped');
      if (halt) say(`  NOT VERIFIED after position ${report.checkpoint}: ${describeHalt(halt)}`);
    }
    if (!report.equal) return EXIT.mismatch;
    if (halt) {
      process.stderr.write(`audit: the log after position ${report.checkpoint} was not verified: ${describeHalt(halt)}\n`);
      return EXIT.failed;
    }
    return EXIT.match;
  } finally {
    db.close();
  }
}

async function main(): Promise<number> {
  let invocation: Invocation;
  let config: AppConfig;
  try {
    invocation = parse(process.argv.slice(2));
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`audit: ${(error as Error).message}\n\n${USAGE}\n`);
    return EXIT.input;
  }
  let store: EventStore | undefined;
  try {
    store = await openStore(config);
    if (invocation.command === 'replay') return await replay(store, invocation);
    if (invocation.command === 'rebuild-entry') return await rebuildEntry(store, config, invocation);
    if (invocation.command === 'rebuild-batch') return await rebuildClosedBatch(store, invocation);
    if (invocation.command === 'verify-chain') return await verifyChain(store, invocation);
    return await rebuildNamedProjection(store, config, invocation);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof EntityNotFoundError || error instanceof StreamNotFoundError) {
      process.stderr.write(`audit: ${error.message}\n`);
      return EXIT.input;
    }
    if (error instanceof NotVerified) {
      process.stderr.write(`audit: ${error.message}\n`);
      return EXIT.failed;
    }
    process.stderr.write(`audit failed: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.failed;
  } finally {
    await store?.close();
  }
}

void main().then((code) => {
  process.exitCode = code;
});
