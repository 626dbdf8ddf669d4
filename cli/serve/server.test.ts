/**
 * `loopbook serve`'s server over real HTTP on a free port: predictions equal `predictTable`'s, bad
 * requests get a 4xx whose `error` names the problem, and the server keeps answering after them.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelBundle } from '../../lib/bundle';
import type { Table } from '../../lib/data/types';
import { predictTable } from '../../lib/ml/model';
import { startServer, type RunningServer } from './server';
import { PENGUINS_CSV, penguinsModel } from './test/penguins-model';

let server: RunningServer;
let bundle: ModelBundle;
let table: Table;

const [header, ...lines] = PENGUINS_CSV.trim().split(/\r?\n/);
const COLUMNS = header!.split(',');
const ROWS = lines.map((l) => l.split(',').map((v) => (v === '' ? null : Number.isNaN(Number(v)) ? v : Number(v))));

beforeAll(async () => {
  ({ bundle, table } = await penguinsModel());
  server = await startServer({ bundle, host: '127.0.0.1', port: 0, maxBodyBytes: 64 * 1024 });
}, 60_000);

afterAll(() => server.close());

async function call(path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; json: () => unknown; text: string }> {
  const res = await fetch(`${server.url}${path}`, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: () => JSON.parse(text), text };
}

const post = (body: unknown) => call('/predict', { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

function errorOf(res: { json: () => unknown }): string {
  const body = res.json();
  expect(body).toEqual({ error: expect.any(String) });
  return (body as { error: string }).error;
}

describe('POST /predict', () => {
  it('answers the input columns plus the prediction columns, with the numbers predictTable gives', async () => {
    const res = await post({ columns: COLUMNS, data: ROWS });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = res.json() as { columns: string[]; data: unknown[][]; notices: string[] };
    expect(body.columns).toEqual([...COLUMNS, 'prediction', 'prob_Adelie', 'prob_Chinstrap', 'prob_Gentoo']);
    expect(body.data).toHaveLength(ROWS.length);
    const { predictions: expected, notices } = await predictTable(bundle.model, table);
    expect(body.notices).toEqual(notices); // the sample's one "." for Sex, pooled as uncommon in training
    for (let r = 0; r < ROWS.length; r++) {
      const row = body.data[r]!;
      expect(row.slice(0, COLUMNS.length)).toEqual(ROWS[r]);
      expect(row.slice(COLUMNS.length + 1)).toEqual(Array.from(expected.values.subarray(3 * r, 3 * r + 3)));
    }
    const correct = body.data.filter((row) => row[0] === row[COLUMNS.length]).length;
    expect(correct / ROWS.length).toBeGreaterThan(0.9);
  });

  it('reports unseen categories and ignored columns in notices, and reads numbers sent as text', async () => {
    const row = ['Atlantis', 39.1, 18.7, 181, 3750, 'MALE', 7];
    const res = await post({ columns: [...COLUMNS.slice(1), 'ticket'], data: [row, row.map((v) => (typeof v === 'number' ? String(v) : v))] });
    expect(res.status).toBe(200);
    const body = res.json() as { data: unknown[][]; notices: string[] };
    expect(body.data[1]!.slice(0, 3)).toEqual(['Atlantis', '39.1', '18.7']); // echoed as sent
    expect(body.data[1]!.slice(row.length)).toEqual(body.data[0]!.slice(row.length));
    expect(body.notices.join(' ')).toMatch(/"Island" has a value the model never saw \("Atlantis"\)/);
    expect(body.notices.join(' ')).toMatch(/Ignored a column the model does not use: "ticket"/);
  });

  it('refuses what is not {columns, data} with a 400 that says what is wrong', async () => {
    expect(errorOf(await post('{"columns": ["a"], "data": [[1]'))).toMatch(/not valid JSON/);
    expect(errorOf(await post('["Island"]'))).toMatch(/must be a JSON object/);
    expect(errorOf(await post({ columns: 'Island', data: [['Biscoe']] }))).toMatch(/"columns" must be a list of column names/);
    expect(errorOf(await post({ columns: ['Island'], data: 'Biscoe' }))).toMatch(/"data" must be a list of rows/);
    expect(errorOf(await post({ columns: ['Island'], data: [['Biscoe'], 'Dream'] }))).toMatch(/Each row of "data" must be a list of values \(at data\[1\]\)/);
    expect(errorOf(await post({ columns: COLUMNS, data: [ROWS[0], ROWS[1]!.slice(1)] }))).toMatch(/data\[1\] has 6 values but "columns" names 7/);
    expect(errorOf(await post({ columns: COLUMNS, data: [] }))).toMatch(/"data" holds no rows/);
    const shapes = await post({ rows: [] });
    expect(shapes.status).toBe(400);
  });

  it('names missing columns and columns of the wrong kind with a 422', async () => {
    const missing = await post({ columns: ['Island', 'Sex'], data: [['Biscoe', 'MALE']] });
    expect(missing.status).toBe(422);
    expect(errorOf(missing)).toMatch(/"Beak Length \(mm\)", "Beak Depth \(mm\)", "Flipper Length \(mm\)", "Body Mass \(g\)"/);
    const mistyped = await post({ columns: COLUMNS, data: [ROWS[0]!.map((v, i) => (i === 2 ? 'long' : v))] });
    expect(mistyped.status).toBe(422);
    expect(errorOf(mistyped)).toMatch(/"Beak Length \(mm\)" should hold numbers but holds values like "long"/);
  });

  it('reads a body that starts with a UTF-8 byte order mark, and refuses a compressed one with a 415', async () => {
    const json = JSON.stringify({ columns: COLUMNS, data: ROWS.slice(0, 2) });
    const bom = await call('/predict', { method: 'POST', headers: { 'content-type': 'application/json' }, body: `\uFEFF${json}` });
    expect(bom.status).toBe(200);
    expect((bom.json() as { data: unknown[] }).data).toHaveLength(2);
    const gzip = await call('/predict', { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: json });
    expect(gzip.status).toBe(415);
    expect(errorOf(gzip)).toMatch(/content-encoding "gzip" are not read: send the JSON uncompressed/);
  });

  it('refuses a body over the limit with a 413', async () => {
    const big = { columns: COLUMNS, data: Array.from({ length: 2000 }, () => ROWS[0]) };
    const res = await post(big);
    expect(res.status).toBe(413);
    expect(errorOf(res)).toMatch(/over the limit of 64 KB|over the limit of 65,536 bytes/);
  });
});

describe('a client that hangs up mid-body', () => {
  it('is not a server error: nothing counted as a 5xx, and the server keeps answering', async () => {
    const refused = async () => {
      const text = (await call('/metrics')).text;
      const line = text.split('\n').find((l) => /_requests_total\{.*path="\/predict".*status="400"/.test(l));
      return { text, count: line ? Number(line.split(' ').at(-1)) : 0 };
    };
    const before = await refused();
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"columns": [');
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    // The abort reaches the server on its own time: wait until it is counted.
    let after = before;
    for (let i = 0; i < 100 && after.count === before.count && !/status="500"/.test(after.text); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      after = await refused();
    }
    expect(after.count).toBe(before.count + 1);
    expect(after.text).not.toMatch(/status="500"/);
    expect((await call('/health')).status).toBe(200);
  });
});

describe('the other endpoints', () => {
  it('answers /health with the model served', async () => {
    const res = await call('/health');
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', model: { learner: 'gbdt', label: 'Species', task: 'multiclass', classes: ['Adelie', 'Chinstrap', 'Gentoo'], features: 6 } });
  });

  it('describes itself in OpenAPI 3.1, the model features as the request schema', async () => {
    const doc = (await call('/openapi.json')).json() as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: { Features: { properties: Record<string, { 'x-loopbook-kind': string; 'x-loopbook-levels'?: string[] }> }; PredictRequest: unknown } };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/health', '/metrics', '/openapi.json', '/predict']);
    const features = doc.components.schemas.Features.properties;
    expect(Object.keys(features)).toEqual(COLUMNS.slice(1));
    expect(features['Island']).toMatchObject({ 'x-loopbook-kind': 'categorical' });
    expect(features['Island']!['x-loopbook-levels']!.sort()).toEqual(['Biscoe', 'Dream', 'Torgersen']);
    expect(features['Body Mass (g)']).toMatchObject({ 'x-loopbook-kind': 'numeric' });
    expect(JSON.stringify(doc.components.schemas.PredictRequest)).toContain('{"contains":{"const":"Island"}}');
  });

  it('answers an unknown path with 404 and a wrong method with 405, and keeps serving', async () => {
    const notFound = await call('/predictions');
    expect(notFound.status).toBe(404);
    expect(errorOf(notFound)).toMatch(/There is no \/predictions\. The endpoints are POST \/predict/);
    const wrongMethod = await call('/predict');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(errorOf(wrongMethod)).toMatch(/\/predict answers POST, not GET/);
    expect((await call('/health', { method: 'DELETE' })).status).toBe(405);
    expect((await call('/health')).status).toBe(200);
  });

  it('counts requests, errors, latency and rows in the Prometheus text format', async () => {
    const res = await call('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    expect(text).toMatch(/^# TYPE loopbook_http_requests_total counter$/m);
    // The requests of the tests above: three answered, one (with a BOM) of two rows.
    expect(text).toMatch(/^loopbook_http_requests_total\{method="POST",path="\/predict",status="200"\} 3$/m);
    expect(text).toMatch(/^loopbook_http_requests_total\{method="GET",path="other",status="404"\} 1$/m);
    expect(text).toMatch(/^loopbook_errors_total\{kind="input_mismatch"\} 2$/m);
    expect(text).toMatch(/^loopbook_errors_total\{kind="too_large"\} 1$/m);
    expect(text).toMatch(/^loopbook_http_request_duration_seconds_bucket\{path="\/predict",le="\+Inf"\} \d+$/m);
    expect(text).toMatch(/^loopbook_http_request_duration_seconds_count\{path="\/predict"\} \d+$/m);
    expect(text).toMatch(new RegExp(`^loopbook_rows_predicted_total ${ROWS.length + 4}$`, 'm'));
    expect(text).toMatch(/^loopbook_model_info\{learner="gbdt",label="Species",task="multiclass"\} 1$/m);
  });
});
