import { entriesFrom, entryById, entryIdParams, type JournalTables } from '../../../projections/journal/journal-rows';

/** A subquery for the key of one journal entry, with its parameters: for tests that damage an entry's rows. */
export function entryKeyOf(journal: JournalTables, entryId: string): { sql: string; params: [string, number] } {
  const params = entryIdParams(entryId);
  if (!params) throw new Error(`${entryId} is not an entry id the posting rules give`);
  return { sql: `(SELECT e.entry_key FROM ${entriesFrom(journal)} WHERE ${entryById('e.entry_key')})`, params };
}
