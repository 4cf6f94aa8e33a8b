/**
 * One answer shared by every caller within `reuseMs` of asking: a scrape reads several gauges and
 * a readiness probe may come with it, and each would otherwise ask another thread again.
 */
export class RecentAnswer<T> {
  private last: { at: number; answer: Promise<T> } | undefined;

  constructor(
    private readonly ask: () => Promise<T>,
    private readonly reuseMs = 1_000,
  ) {}

  get(): Promise<T> {
    const now = Date.now();
    if (!this.last || now - this.last.at > this.reuseMs) this.last = { at: now, answer: this.ask() };
    return this.last.answer;
  }
}
