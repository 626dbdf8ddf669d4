/** Metrics of several worker processes add up into one exposition. */
import { describe, expect, it } from 'vitest';
import { Metrics } from './metrics';

const MODEL = { learner: 'gbdt', label: 'y', task: 'binary' };

describe('Metrics', () => {
  it('sums counters, errors, rows and histogram buckets over snapshots, series in first-seen order', () => {
    const a = new Metrics(MODEL);
    const b = new Metrics(MODEL);
    a.request('POST', '/predict', 200, 0.0008);
    a.request('POST', '/predict', 200, 0.003);
    a.predicted(100);
    b.request('POST', '/predict', 200, 0.02);
    b.request('GET', '/health', 200, 0.0001);
    b.request('POST', '/predict', 422, 0.001);
    b.error('input_mismatch');
    b.predicted(5);
    const text = a.render([a.snapshot(), b.snapshot()]);
    expect(text).toMatch(/^loopbook_http_requests_total\{method="POST",path="\/predict",status="200"\} 3$/m);
    expect(text).toMatch(/^loopbook_http_requests_total\{method="POST",path="\/predict",status="422"\} 1$/m);
    expect(text).toMatch(/^loopbook_errors_total\{kind="input_mismatch"\} 1$/m);
    expect(text).toMatch(/^loopbook_rows_predicted_total 105$/m);
    expect(text).toMatch(/^loopbook_http_request_duration_seconds_bucket\{path="\/predict",le="0.001"\} 2$/m);
    expect(text).toMatch(/^loopbook_http_request_duration_seconds_bucket\{path="\/predict",le="0.005"\} 3$/m);
    expect(text).toMatch(/^loopbook_http_request_duration_seconds_count\{path="\/predict"\} 4$/m);
    expect(text).toMatch(/^loopbook_workers 2$/m);
    expect(text.indexOf('path="/predict"')).toBeLessThan(text.indexOf('path="/health"'));
    // Alone, a process reports its own counts, and snapshots do not move with later requests.
    const before = a.snapshot();
    a.predicted(1);
    expect(a.render([before])).toMatch(/^loopbook_rows_predicted_total 100$/m);
    expect(a.render()).toMatch(/^loopbook_rows_predicted_total 101$/m);
    expect(a.render()).toMatch(/^loopbook_workers 1$/m);
  });
});
