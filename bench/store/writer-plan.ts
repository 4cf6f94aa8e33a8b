import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../src/event-store/event-store.port';
import { orderEvent } from './order-events';

/** Everything one concurrent writer will append, built before the clock starts. */
export interface WriterPlan {
  streamId: string;
  events: NewEvent[];
}

export function planWriters(writers: number, eventsPerWriter: number): WriterPlan[] {
  let eventNo = 0;
  return Array.from({ length: writers }, () => ({
    streamId: `order-${randomUUID()}`,
    events: Array.from({ length: eventsPerWriter }, () => orderEvent(eventNo++)),
  }));
}

export function eventCount(plan: WriterPlan[]): number {
  return plan.reduce((sum, writer) => sum + writer.events.length, 0);
}
