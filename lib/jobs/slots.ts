/**
 * A limit on how many trainings run at once in a worker (a setting: each one takes a core and
 * memory). Waiters are served first come, first served; a canceled waiter leaves the line.
 */
export class Slots {
  private running = 0;
  private readonly waiting: { resolve: () => void; id: string }[] = [];

  constructor(private limit: number) {}

  setLimit(limit: number): void {
    this.limit = Math.max(1, Math.floor(limit));
    this.admit();
  }

  /** Resolves when a slot is free; call `release` after the work. */
  acquire(id: string): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push({ resolve, id });
      this.admit();
    });
  }

  /** True if `id` was still waiting (it will never be admitted). */
  leave(id: string): boolean {
    const i = this.waiting.findIndex((w) => w.id === id);
    if (i < 0) return false;
    this.waiting.splice(i, 1);
    return true;
  }

  release(): void {
    this.running = Math.max(0, this.running - 1);
    this.admit();
  }

  /** True when a new job would have to wait. */
  isBusy(): boolean {
    return this.running >= this.limit;
  }

  isWaiting(id: string): boolean {
    return this.waiting.some((w) => w.id === id);
  }

  private admit(): void {
    while (this.running < this.limit && this.waiting.length > 0) {
      this.running++;
      this.waiting.shift()!.resolve();
    }
  }
}
