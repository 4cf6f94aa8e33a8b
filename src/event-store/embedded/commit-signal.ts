import { BroadcastChannel } from 'node:worker_threads';
import { resolve } from 'node:path';

/**
 * Commits to one store file, told across the threads of this process: the writer thread posts
 * after each group it commits, and a store opened read-only on another thread (the projection
 * thread) wakes its subscriptions on it. Only a wake-up: readers read the log to see what was
 * committed. Unreferenced, so an idle channel never holds a thread open.
 */
export function commitSignal(file: string, onCommit?: () => void): BroadcastChannel {
  const channel = new BroadcastChannel(`ledgerbridge:commits:${resolve(file)}`);
  if (onCommit) channel.onmessage = () => onCommit();
  // After the listener: adding one references the channel again.
  channel.unref();
  return channel;
}
