/**
 * Requests a minute per client address, as token buckets: bounds what one client can make the
 * relay store (rooms, blobs) however it loops. Buckets of addresses not seen for a while go.
 */

/** More addresses than this and the idle ones are dropped (a scan cannot grow the map forever). */
const MAX_TRACKED = 10_000;

export class AddressRateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perMinute: number) {}

  /** Takes one request from `address`'s bucket; false when it is empty. */
  take(address: string, now = Date.now()): boolean {
    const refill = (this.perMinute * (now - (this.buckets.get(address)?.at ?? now))) / 60_000;
    const tokens = Math.min(this.perMinute, (this.buckets.get(address)?.tokens ?? this.perMinute) + refill);
    if (this.buckets.size >= MAX_TRACKED && !this.buckets.has(address)) this.prune(now);
    if (tokens < 1) {
      this.buckets.set(address, { tokens, at: now });
      return false;
    }
    this.buckets.set(address, { tokens: tokens - 1, at: now });
    return true;
  }

  private prune(now: number): void {
    for (const [address, bucket] of this.buckets) if (now - bucket.at > 60_000) this.buckets.delete(address);
    if (this.buckets.size >= MAX_TRACKED) this.buckets.clear();
  }
}
