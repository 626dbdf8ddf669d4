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

  /** The exposition text. */
  render(): string {
    const lines: string[] = [];
    const family = (name: string, type: string, help: string) => lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    family('loopbook_http_requests_total', 'counter', 'HTTP requests answered, by method, path and status.');
    for (const [key, n] of this.requests) lines.push(`loopbook_http_requests_total{${key}} ${n}`);
    family('loopbook_errors_total', 'counter', 'Requests refused or failed, by kind.');
    for (const [kind, n] of this.errors) lines.push(`loopbook_errors_total{${labels({ kind })}} ${n}`);
    family('loopbook_http_request_duration_seconds', 'histogram', 'Time from a request to its answer, by path.');
    for (const [path, h] of this.latency) {
      LATENCY_BUCKETS.forEach((le, b) => lines.push(`loopbook_http_request_duration_seconds_bucket{${labels({ path, le: String(le) })}} ${h.counts[b]}`));
      lines.push(`loopbook_http_request_duration_seconds_bucket{${labels({ path, le: '+Inf' })}} ${h.count}`);
      lines.push(`loopbook_http_request_duration_seconds_sum{${labels({ path })}} ${h.sum}`);
      lines.push(`loopbook_http_request_duration_seconds_count{${labels({ path })}} ${h.count}`);
    }
    family('loopbook_rows_predicted_total', 'counter', 'Rows predicted by POST /predict.');
    lines.push(`loopbook_rows_predicted_total ${this.rows}`);
    family('loopbook_model_info', 'gauge', 'The model served (always 1).');
    lines.push(`loopbook_model_info{${labels(this.model)}} 1`);
    family('process_start_time_seconds', 'gauge', 'Start time of the process since the Unix epoch, in seconds.');
    lines.push(`process_start_time_seconds ${Math.floor(this.started / 1000)}`);
    return `${lines.join('\n')}\n`;
  }
}

/** `a="x",b="y"`, values escaped as the format asks (backslash, double quote, line feed). */
function labels(values: Readonly<Record<string, string>>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}="${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`)
    .join(',');
}
