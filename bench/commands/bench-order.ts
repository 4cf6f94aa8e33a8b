/** Order ids unique within a run and across phases. */
export function orderIds(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}
