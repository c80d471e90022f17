/**
 * The loopback listener that receives the browser's redirect at the end of a sign-in
 * (RFC 8252 §7.3). It binds only 127.0.0.1 on a port the OS picks, answers exactly one
 * `GET /callback?code=…&state=<ours>`, and 404 to everything else (favicon probes, stray local
 * requests, wrong or repeated state), so nothing else on this machine can finish or abort the
 * attempt. After the one callback it closes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CALLBACK_PATH = '/callback';
/** Longer request lines are not a browser redirect of ours: refuse them before parsing. */
export const MAX_CALLBACK_URL_LENGTH = 4096;
const MAX_CODE_LENGTH = 2048;

export type CallbackOutcome =
  | { kind: 'code'; code: string }
  /** The provider or backend reported a failure for OUR attempt (state matched). */
  | { kind: 'error'; message: string }
  /** Not our callback: answer 404 and keep waiting. */
  | { kind: 'ignore'; reason: string };

export interface CallbackRequest {
  method: string | undefined;
  /** `req.url`: path and query as sent. */
  url: string | undefined;
  /** The Host header; the listener only answers for its own 127.0.0.1:port (no DNS rebinding). */
  host: string | undefined;
}

/** Pure: classifies one request that reached the listener. */
export function parseCallback(request: CallbackRequest, expected: { state: string; host: string }): CallbackOutcome {
  const ignore = (reason: string): CallbackOutcome => ({ kind: 'ignore', reason });
  if (request.method !== 'GET') return ignore('method');
  if (request.host !== expected.host) return ignore('host');
  const raw = request.url ?? '';
  if (raw.length > MAX_CALLBACK_URL_LENGTH) return ignore('too_long');
  // Origin-form only: `//host/…` would parse as another host.
  if (!raw.startsWith('/') || raw.startsWith('//')) return ignore('path');
  let url: URL;
  try {
    url = new URL(raw, `http://${expected.host}`);
  } catch {
    return ignore('unparsable');
  }
  if (url.host !== expected.host || url.pathname !== CALLBACK_PATH) return ignore('path');
  const states = url.searchParams.getAll('state');
  if (states.length !== 1 || states[0] !== expected.state) return ignore('state');
  const codes = url.searchParams.getAll('code');
  const errors = url.searchParams.getAll('error');
  if (codes.length === 0 && errors.length === 1) {
    const description = url.searchParams.get('error_description');
    return { kind: 'error', message: sanitize(`${errors[0] ?? ''}${description ? `: ${description}` : ''}`) };
  }
  if (codes.length !== 1 || errors.length > 0) return ignore('code');
  const code = codes[0] ?? '';
  if (code === '' || code.length > MAX_CODE_LENGTH || !/^[\x21-\x7e]+$/.test(code)) return ignore('code');
  return { kind: 'code', code };
}

/** Provider error text is shown to the user: printable, short. */
function sanitize(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '').slice(0, 200) || 'unknown error';
}

export interface LoopbackListener {
  /** `http://127.0.0.1:<port>/callback`: the exact redirect_uri for authorize and token. */
  redirectUri: string;
  /** Resolves with the code, or rejects with the error the callback carried. */
  callback: Promise<string>;
  /** Stops listening (idempotent). A pending `callback` then never settles. */
  close(): void;
}

export interface LoopbackOptions {
  state: string;
  /** Called for requests that were answered 404 (for the log; no values). */
  onIgnored?: (reason: string) => void;
  successPage?: string;
  errorPage?: (message: string) => string;
}

const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::ffff:127.0.0.1']);

export async function startLoopbackListener(options: LoopbackOptions): Promise<LoopbackListener> {
  let settled = false;
  let resolveCode!: (code: string) => void;
  let rejectCode!: (error: Error) => void;
  const callback = new Promise<string>((resolve, reject) => {
    resolveCode = resolve;
    rejectCode = reject;
  });
  // Nobody may be awaiting yet when the flow is superseded: never an unhandled rejection.
  callback.catch(() => undefined);
  let host = '';

  const server = createServer({ maxHeaderSize: 8192 }, (req: IncomingMessage, res: ServerResponse) => {
    // Bound to 127.0.0.1 already; a connection from elsewhere would be a misconfiguration.
    if (!LOOPBACK_ADDRESSES.has(req.socket.remoteAddress ?? '')) {
      req.socket.destroy();
      return;
    }
    const outcome = settled ? ({ kind: 'ignore', reason: 'used' } as const) : parseCallback({ method: req.method, url: req.url, host: req.headers.host }, { state: options.state, host });
    if (outcome.kind === 'ignore') {
      options.onIgnored?.(outcome.reason);
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end('Not found');
      return;
    }
    settled = true;
    const page = outcome.kind === 'code' ? (options.successPage ?? SUCCESS_PAGE) : (options.errorPage ?? errorPage)(outcome.message);
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      Connection: 'close',
    });
    res.end(page, () => close());
    if (outcome.kind === 'code') resolveCode(outcome.code);
    else rejectCode(new CallbackError(outcome.message));
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    server.close();
    server.closeAllConnections();
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  return { redirectUri: `http://${host}${CALLBACK_PATH}`, callback, close };
}

/** The provider or backend said no (e.g. consent denied), for our attempt. */
export class CallbackError extends Error {
  override readonly name = 'CallbackError';
}

const page = (title: string, body: string) =>
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>DevKeys</title></head>' +
  '<body style="margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#0d0d0d;color:#fff;font:16px system-ui,sans-serif">' +
  `<main style="text-align:center;max-width:420px;padding:2rem"><h1 style="font-size:20px;font-weight:600">${title}</h1>` +
  `<p style="color:#aeaeb2">${body}</p></main></body></html>`;

export const SUCCESS_PAGE = page('Signed in to DevKeys', 'You can close this tab and go back to DevKeys.');

function errorPage(message: string): string {
  const safe = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return page('Sign-in did not complete', `${safe}. You can close this tab and try again in DevKeys.`);
}
