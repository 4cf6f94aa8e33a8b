import type { GlobalPosition } from '../event-store/event-store.port';
import { invalidArgument } from './protocol-errors';

/**
 * EventStoreDB positions have a commit and a prepare part. Every event of the embedded store
 * is its own committed record, so a global position p is served as commit = prepare = p, the
 * same convention the esdb adapter relies on when it reads from `{ commit: p, prepare: p }`.
 * Requests are read by their commit part.
 */
export function positionText(position: GlobalPosition): string {
  return position.toString(10);
}

const UNSIGNED = /^\d+$/;

/** Parses the commit part of a requested `$all` position. */
export function positionFromCommit(commit: string, field: string): GlobalPosition {
  if (!UNSIGNED.test(commit)) throw invalidArgument(`${field} must be an unsigned integer, got "${commit}"`);
  return BigInt(commit);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Parses a uint64 count or revision. Values beyond what a stream can hold (2^53) mean
 * "everything", so they are capped rather than refused: the client sends MAX_SAFE_INTEGER
 * as its default count.
 */
export function unsignedFromText(text: string, field: string): number {
  if (!UNSIGNED.test(text)) throw invalidArgument(`${field} must be an unsigned integer, got "${text}"`);
  const value = BigInt(text);
  return Number(value > MAX_SAFE ? MAX_SAFE : value);
}

/** .NET ticks (100 ns) per millisecond; EventStoreDB's `created` counts ticks since the Unix epoch. */
const TICKS_PER_MILLISECOND = 10_000n;

/** The `created` metadata value: the client divides it by 10,000 to get back milliseconds. */
export function ticksSinceEpoch(date: Date): string {
  return (BigInt(date.getTime()) * TICKS_PER_MILLISECOND).toString(10);
}
