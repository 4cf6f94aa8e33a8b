import type { AggregateType, Decider } from '../runtime/decider';
import { composedId } from './composed-id';
import type { BusinessErrorCommand } from './business-errors.commands';
import { decideBusinessError } from './business-errors.decide';
import type { BusinessErrorEvent } from './business-errors.events';
import { type BusinessErrorState, evolveBusinessError, initialBusinessErrorState } from './business-errors.evolve';

export const businessErrorDecider: Decider<BusinessErrorCommand, BusinessErrorEvent, BusinessErrorState> = {
  initialState: initialBusinessErrorState,
  decide: decideBusinessError,
  evolve: evolveBusinessError,
};

/** Streams `business-error-<channel>-<delivery id>`: one entry per delivery, its reprocessing and dismissal. */
export const businessErrorAggregate: AggregateType<BusinessErrorCommand, BusinessErrorEvent, BusinessErrorState> = {
  category: 'business-error',
  decider: businessErrorDecider,
};

export const BUSINESS_ERROR_STREAM_PREFIX = `${businessErrorAggregate.category}-`;

/** The entry of one delivery, named like the delivery's own stream (the composed id rule). */
export const businessErrorId = (channel: string, deliveryId: string): string => composedId([channel, deliveryId]);
