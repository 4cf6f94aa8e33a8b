import { ValidateBy, type ValidationArguments } from 'class-validator';
import { isCalendarDate } from '../../../src/time/calendar-date';

/**
 * On the end of a range: refused when it is before the start (`from` named by `startField`).
 * Only judged when both are real dates; a malformed one already has its own error.
 */
export const IsNotBefore = (startField: string) =>
  ValidateBy({
    name: 'isNotBefore',
    validator: {
      validate: (value, args?: ValidationArguments) => {
        const start = (args!.object as Record<string, unknown>)[startField];
        if (typeof value !== 'string' || typeof start !== 'string' || !isCalendarDate(value) || !isCalendarDate(start)) return true;
        return start <= value;
      },
      defaultMessage: () => `$property must not be before ${startField}`,
    },
  });
