import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { InputInvalidError } from '../errors/input-invalid.error';
import { isCalendarDate } from '../time/calendar-date';
import { ENTITY_ID } from './field-rules';

/** An id in the URL path (`/promotions/:id`) holds to the same rule as one in a body. */
@Injectable()
export class EntityIdParam implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && ENTITY_ID.test(value)) return value;
    throw new InputInvalidError([{ path: metadata.data ?? 'id', reason: `${metadata.data} must be 1-128 letters, digits or . _ : - /` }]);
  }
}

@Injectable()
export class CalendarDateParam implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && isCalendarDate(value)) return value;
    throw new InputInvalidError([{ path: metadata.data ?? 'date', reason: `${metadata.data} must be a calendar date YYYY-MM-DD` }]);
  }
}
