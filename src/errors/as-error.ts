/** What was thrown, as an Error: a thrown string or object keeps its text as the message. */
export function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}
