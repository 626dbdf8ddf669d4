/** Bodies in and answers out on node:http, and the error that carries an HTTP status. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorResponse } from './protocol';

/** A request the server refuses: its status and a message that says what to fix. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    /** Extra headers for the answer (Allow on a 405). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/**
 * The whole body, refused with 413 as soon as it passes `limit` bytes (by its Content-Length
 * before reading anything, else while it streams in).
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const tooLarge = () => new HttpError(413, `The body is over the limit of ${formatBytes(limit)}. Send fewer rows per request, or start the server with a larger --max-body-mb.`);
  if (Number(req.headers['content-length']) > limit) {
    req.resume(); // drained, not read: the answer goes out and the connection closes
    throw tooLarge();
  }
  // Events rather than `for await`, whose early exit would destroy the socket before the 413 is sent.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.resume();
      reject(tooLarge());
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length)));
    req.once('error', reject);
    // A client that hangs up mid-body: settle, so that nothing waits on it forever.
    req.once('close', () => {
      if (!req.complete) reject(new HttpError(400, 'The request ended before its body did.'));
    });
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body), headers);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  const body: ErrorResponse = { error: error.message };
  // After a 413 the rest of the body is not read: close the connection rather than reuse it.
  sendJson(res, error.status, body, error.status === 413 ? { ...error.headers, connection: 'close' } : error.headers);
}

export function send(res: ServerResponse, status: number, contentType: string, body: string | Uint8Array, headers: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': typeof body === 'string' ? Buffer.byteLength(body) : body.length, ...headers });
  res.end(body);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${+(n / (1024 * 1024)).toFixed(1)} MB` : `${n.toLocaleString('en')} bytes`;
}
