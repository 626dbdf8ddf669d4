/**
 * The HTTP server of `loopbook serve` on node:http: four endpoints (protocol.ts), a JSON
 * `{error}` answer for every refusal, and metrics on every request. A refused or failed request
 * never stops the server.
 *
 * @example
 * const server = await startServer({ bundle, host: '127.0.0.1', port: 0, maxBodyBytes: 10 * 2 ** 20 });
 * await fetch(`${server.url}/predict`, { method: 'POST', body: JSON.stringify({ columns, data }) });
 * await server.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { ModelBundle } from '../../lib/bundle';
import { InputMismatchError } from '../../lib/ml/errors';
import { predictTable } from '../../lib/ml/model';
import { predictionColumns } from '../../lib/ml/prediction-columns';
import { HttpError, readBody, send, sendError, sendJson } from './http';
import { Metrics, type ErrorKind, type MetricsSnapshot } from './metrics';
import { openApiDocument } from './openapi';
import { readPredictBody, writePredictResponse } from './predict-body';
import { SERVE_API_VERSION, type HealthResponse } from './protocol';

export interface ServeOptions {
  readonly bundle: ModelBundle;
  readonly host: string;
  /** 0 takes any free port (tests). */
  readonly port: number;
  /** Larger POST bodies get a 413. */
  readonly maxBodyBytes: number;
  /** Where failures of the server's own (500s) are reported; stderr in the CLI. */
  readonly log?: (line: string) => void;
  /**
   * Where this server is one of several worker processes (cluster.ts): every worker's counts,
   * given this one's, so that GET /metrics counts them all. This process's alone otherwise.
   */
  readonly collectMetrics?: (local: MetricsSnapshot) => Promise<readonly MetricsSnapshot[]>;
}

export interface RunningServer {
  /** http://host:port, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  /** This server's counts so far (for GET /metrics across worker processes). */
  metrics(): MetricsSnapshot;
  /** Stops taking connections, lets requests under way finish (CLOSE_GRACE_MS at most), then resolves. */
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** Long enough for a large prediction to be answered; short enough that Ctrl-C feels immediate. */
const CLOSE_GRACE_MS = 5000;

interface Route {
  readonly method: 'GET' | 'POST';
  readonly handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const { bundle, maxBodyBytes, log, collectMetrics } = options;
  const { manifest, model } = bundle;
  const metrics = new Metrics({ learner: manifest.learner, label: manifest.label, task: manifest.task });
  const openapi = JSON.stringify(openApiDocument(bundle));
  const started = performance.now();
  const health = (): HealthResponse => ({
    status: 'ok',
    apiVersion: SERVE_API_VERSION,
    model: {
      learner: manifest.learner,
      label: manifest.label,
      task: manifest.task,
      ...(manifest.classes ? { classes: manifest.classes } : {}),
      features: manifest.features.length,
      createdAt: manifest.createdAt,
    },
    uptimeSeconds: Math.round((performance.now() - started) / 1000),
  });

  const routes: Readonly<Record<string, Route>> = {
    '/predict': {
      method: 'POST',
      handle: async (req, res) => {
        const encoding = req.headers['content-encoding'];
        if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
          throw new HttpError(415, `Request bodies with content-encoding "${encoding}" are not read: send the JSON uncompressed.`);
        }
        const body = withoutBom(await readBody(req, maxBodyBytes));
        const { table, notices: readNotices } = readPredictBody(body);
        const { predictions, notices } = await predictTable(model, table);
        send(res, 200, JSON_TYPE, writePredictResponse(body, table, predictionColumns(model.plan.label, predictions), [...readNotices, ...notices]));
        metrics.predicted(table.rowCount);
      },
    },
    '/health': { method: 'GET', handle: (_req, res) => sendJson(res, 200, health()) },
    '/openapi.json': { method: 'GET', handle: (_req, res) => send(res, 200, JSON_TYPE, openapi) },
    '/metrics': {
      method: 'GET',
      handle: async (_req, res) => {
        const all = collectMetrics ? await collectMetrics(metrics.snapshot()) : undefined;
        send(res, 200, 'text/plain; version=0.0.4; charset=utf-8', metrics.render(all));
      },
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const start = performance.now();
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0]!;
    const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
    try {
      if (!route) throw new HttpError(404, `There is no ${path}. The endpoints are POST /predict, GET /health, GET /openapi.json and GET /metrics.`);
      if (method !== route.method && !(route.method === 'GET' && method === 'HEAD')) {
        throw new HttpError(405, `${path} answers ${route.method}, not ${method}.`, { allow: route.method === 'GET' ? 'GET, HEAD' : route.method });
      }
      await route.handle(req, res);
    } catch (error) {
      const refusal = toHttpError(error);
      metrics.error(errorKind(refusal.status));
      if (refusal.status >= 500) log?.(`error answering ${method} ${path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (res.headersSent) res.destroy();
      else sendError(res, refusal);
    } finally {
      metrics.request(method, route ? path : 'other', res.statusCode, (performance.now() - start) / 1000);
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, options)));
    server.listen(options.port, options.host, () => resolve());
  });
  const bound = server.address();
  if (bound === null || typeof bound === 'string') throw new Error('unreachable: a TCP server has an address and a port');
  const { address, port } = bound;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    port,
    metrics: () => metrics.snapshot(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
      }),
  };
}

/** A UTF-8 byte order mark, which some clients (PowerShell, Windows editors) put before JSON, is not part of it. */
function withoutBom(body: Uint8Array): Uint8Array {
  return body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? body.subarray(3) : body;
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  // Missing columns, or columns holding the wrong kind of values: the message names them.
  if (error instanceof InputMismatchError) return new HttpError(422, error.message);
  // The client hung up while sending its body ("aborted"): its fault, not a server error to log.
  if (error instanceof Error && 'code' in error && error.code === 'ECONNRESET') return new HttpError(400, 'The connection closed before the whole request body arrived.');
  return new HttpError(500, `The prediction failed: ${error instanceof Error ? error.message : String(error)}`);
}

function errorKind(status: number): ErrorKind {
  switch (status) {
    case 404:
      return 'not_found';
    case 405:
      return 'method_not_allowed';
    case 413:
      return 'too_large';
    case 422:
      return 'input_mismatch';
    default:
      return status >= 500 ? 'internal' : 'bad_request';
  }
}

function listenError(error: NodeJS.ErrnoException, { host, port }: ServeOptions): Error {
  if (error.code === 'EADDRINUSE') return new Error(`Port ${port} on ${host} is in use. Stop what uses it, or choose another --port.`);
  if (error.code === 'EACCES') return new Error(`Listening on port ${port} needs privileges this user lacks. Choose a port above 1023.`);
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') return new Error(`Cannot listen on host ${host}: it is not an address of this machine. Use 127.0.0.1, or 0.0.0.0 for every interface.`);
  return error;
}
