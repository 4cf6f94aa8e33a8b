import { ActorOverloadedError } from './actor-overloaded.error';

interface Letter {
  work(): Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Runs posted work one at a time, in order. Holds at most `capacity` letters (the running
 * one included); past that the sender is told to come back later instead of being queued
 * without bound.
 */
export class Mailbox {
  private readonly letters: Letter[] = [];
  private running = false;
  /** Smoothed time one letter takes, to tell an overloaded sender how long to wait. */
  private serviceMs = 5;

  constructor(
    private readonly key: string,
    private readonly capacity: number,
  ) {}

  post<T>(work: () => Promise<T>): Promise<T> {
    if (this.depth >= this.capacity) {
      return Promise.reject(new ActorOverloadedError(this.key, Math.max(50, Math.ceil(this.depth * this.serviceMs))));
    }
    return new Promise<T>((resolve, reject) => {
      this.letters.push({ work, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  /** Letters waiting or running. */
  get depth(): number {
    return this.letters.length + (this.running ? 1 : 0);
  }

  get idle(): boolean {
    return this.depth === 0;
  }

  private async drain(): Promise<void> {
    this.running = true;
    let letter: Letter | undefined;
    while ((letter = this.letters.shift())) {
      const started = performance.now();
      try {
        letter.resolve(await letter.work());
      } catch (error) {
        letter.reject(error);
      }
      this.serviceMs = 0.8 * this.serviceMs + 0.2 * (performance.now() - started);
    }
    this.running = false;
  }
}
