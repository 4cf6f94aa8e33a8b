import { Controller, Get, Inject } from '@nestjs/common';
import { RequireScope } from '../access/access-requirements';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { BUSINESS_ERROR_STREAM_PREFIX, type BusinessError } from './business-errors';

/** The business-error queue: channel payloads that were kept but not posted, and why. */
@Controller('channels/business-errors')
export class BusinessErrorsHttpController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @RequireScope('ops:admin')
  async list(): Promise<{ items: Array<BusinessError & { id: string; position: string }> }> {
    const events = await this.store.readAll({ filter: { on: 'streamName', prefixes: [BUSINESS_ERROR_STREAM_PREFIX] } });
    return {
      items: events.map((event) => ({ id: event.streamId, position: String(event.globalPosition), ...(event.data as BusinessError) })),
    };
  }
}
