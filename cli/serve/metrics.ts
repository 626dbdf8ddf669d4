/**
 * GET /metrics: counters and a latency histogram in Prometheus' text exposition format (0.0.4),
 * kept in plain maps — a few series, so no client library.
 */

/**
 * Upper bounds of the latency buckets, in seconds: Prometheus' defaults with 1 ms and 2.5 ms
 * added, since a small request is answered in about a millisecond.
 */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** Why a request was refused, for loopbook_errors_total. */
export type ErrorKind = 'bad_request' | 'too_large' | 'input_mismatch' | 'not_found' | 'method_not_allowed' | 'internal';

interface Histogram {
  readonly counts: number[];
  sum: number;
  count: number;
}

/**
 * One process's counts as plain data: what a worker of `loopbook serve --workers N` sends to the
 * primary, so that GET /metrics, answered by any worker, counts the requests of all of them.
 */
export interface MetricsSnapshot {
  readonly requests: readonly (readonly [string, number])[];
  readonly errors: readonly (readonly [ErrorKind, number])[];
  readonly latency: readonly (readonly [string, Histogram])[];
  readonly rows: number;
  /** Milliseconds since the Unix epoch. */
  readonly started: number;
}

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly errors = new Map<ErrorKind, number>();
  private readonly latency = new Map<string, Histogram>();
  private rows = 0;
  private readonly started = Date.now();

  constructor(
    /** Labels of loopbook_model_info. */
    private readonly model: { readonly learner: string; readonly label: string; readonly task: string },
  ) {}

  /** One answered request; `path` is a known endpoint or "other", so that series stay few. */
  request(method: string, path: string, status: number, seconds: number): void {
    const key = labels({ method, path, status: String(status) });
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    let h = this.latency.get(path);
    if (!h) this.latency.set(path, (h = { counts: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 }));
    for (let b = 0; b < LATENCY_BUCKETS.length; b++) if (seconds <= LATENCY_BUCKETS[b]!) h.counts[b]!++;
    h.sum += seconds;
    h.count++;
  }

  error(kind: ErrorKind): void {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
  }

  predicted(rows: number): void {
    this.rows += rows;
  }

  snapshot(): MetricsSnapshot {
    return {
      requests: [...this.requests],
      errors: [...this.errors],
      latency: [...this.latency].map(([path, h]) => [path, { counts: [...h.counts], sum: h.sum, count: h.count }] as const),
      rows: this.rows,
      started: this.started,
    };
  }

  /** The exposition text of this process's counts, or of the sum of `snapshots` (every worker's). */
  render(snapshots: readonly MetricsSnapshot[] = [this.snapshot()]): string {
    const { requests, errors, latency, rows, started } = merge(snapshots);
    const lines: string[] = [];
    const family = (name: string, type: string, help: string) => lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    family('loopbook_http_requests_total', 'counter', 'HTTP requests answered, by method, path and status.');
    for (const [key, n] of requests) lines.push(`loopbook_http_requests_total{${key}} ${n}`);
    family('loopbook_errors_total', 'counter', 'Requests refused or failed, by kind.');
    for (const [kind, n] of errors) lines.push(`loopbook_errors_total{${labels({ kind })}} ${n}`);
    family('loopbook_http_request_duration_seconds', 'histogram', 'Time from a request to its answer, by path.');
    for (const [path, h] of latency) {
      LATENCY_BUCKETS.forEach((le, b) => lines.push(`loopbook_http_request_duration_seconds_bucket{${labels({ path, le: String(le) })}} ${h.counts[b]}`));
      lines.push(`loopbook_http_request_duration_seconds_bucket{${labels({ path, le: '+Inf' })}} ${h.count}`);
      lines.push(`loopbook_http_request_duration_seconds_sum{${labels({ path })}} ${h.sum}`);
      lines.push(`loopbook_http_request_duration_seconds_count{${labels({ path })}} ${h.count}`);
    }
    family('loopbook_rows_predicted_total', 'counter', 'Rows predicted by POST /predict.');
    lines.push(`loopbook_rows_predicted_total ${rows}`);
    family('loopbook_model_info', 'gauge', 'The model served (always 1).');
    lines.push(`loopbook_model_info{${labels(this.model)}} 1`);
    family('loopbook_workers', 'gauge', 'Worker processes whose counts are included here.');
    lines.push(`loopbook_workers ${snapshots.length}`);
    family('process_start_time_seconds', 'gauge', 'Start time of the process since the Unix epoch, in seconds.');
    lines.push(`process_start_time_seconds ${Math.floor(started / 1000)}`);
    return `${lines.join('\n')}\n`;
  }
}

/** The sums of several processes' counts, series in first-seen order. */
function merge(snapshots: readonly MetricsSnapshot[]): { requests: Map<string, number>; errors: Map<ErrorKind, number>; latency: Map<string, Histogram>; rows: number; started: number } {
  const requests = new Map<string, number>();
  const errors = new Map<ErrorKind, number>();
  const latency = new Map<string, Histogram>();
  let rows = 0;
  let started = Infinity;
  for (const s of snapshots) {
    for (const [key, n] of s.requests) requests.set(key, (requests.get(key) ?? 0) + n);
    for (const [kind, n] of s.errors) errors.set(kind, (errors.get(kind) ?? 0) + n);
    for (const [path, h] of s.latency) {
      const total = latency.get(path);
      if (!total) latency.set(path, { counts: [...h.counts], sum: h.sum, count: h.count });
      else {
        h.counts.forEach((n, b) => (total.counts[b] = (total.counts[b] ?? 0) + n));
        total.sum += h.sum;
        total.count += h.count;
      }
    }
    rows += s.rows;
    started = Math.min(started, s.started);
  }
  return { requests, errors, latency, rows, started: Number.isFinite(started) ? started : Date.now() };
}

/** `a="x",b="y"`, values escaped as the format asks (backslash, double quote, line feed). */
function labels(values: Readonly<Record<string, string>>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}="${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`)
    .join(',');
}
