/**
 * Reads a Blob slice by slice with a few reads in flight: the browser reads the next slices (in
 * another thread) while this one parses the current. Memory stays at `depth` slices.
 */
export class SliceReader {
  private readonly queue: Promise<Uint8Array>[] = [];
  private nextStart = 0;

  constructor(
    private readonly blob: Blob,
    private readonly sliceBytes: number,
    private readonly depth: number,
  ) {}

  /** The next slice in order, or undefined after the last. */
  async next(): Promise<Uint8Array | undefined> {
    if (this.queue.length === 0) this.request();
    const head = this.queue.shift();
    if (!head) return undefined;
    const slice = await head;
    // Only after the first slice arrives: a binary file is refused before more of it is read.
    while (this.queue.length < this.depth && this.nextStart < this.blob.size) this.request();
    return slice;
  }

  private request(): void {
    if (this.nextStart >= this.blob.size) return;
    const start = this.nextStart;
    const end = Math.min(this.blob.size, start + this.sliceBytes);
    this.nextStart = end;
    const read = this.blob.slice(start, end).arrayBuffer().then((buffer) => new Uint8Array(buffer));
    // A read left unawaited (cancel, a parse error) must not surface as an unhandled rejection.
    read.catch(() => undefined);
    this.queue.push(read);
  }
}
