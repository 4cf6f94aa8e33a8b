import type { Posting } from './journal-entry';
import { lineageOf, type Recorded } from './posting-source';

/**
 * Posts a fact only when it names the company code that books it. A settlement or register
 * close recorded before the field existed gets a visible error: looking the code up from
 * today's configuration would make a rebuild batch it differently from the live journal.
 */
export function withCompanyCode(event: Recorded<{ type: string }>, companyCode: unknown, postingDate: string, post: (companyCode: string) => Posting[]): Posting[] {
  if (typeof companyCode === 'string' && companyCode !== '') return post(companyCode);
  return [
    {
      ok: false,
      error: {
        entryId: `${event.eventId}/unknown`,
        kind: 'unknown',
        reason: 'missing-company-code',
        companyCode: null,
        postingDate,
        message: `${event.type} on ${event.streamId} names no company code, so its entries cannot be batched`,
        imbalances: [],
        lineage: lineageOf(event, undefined),
      },
    },
  ];
}
