// The embedded sandbox: one node:http server on 127.0.0.1 serving the Omi Developer API keys, MCP
// keys and MCP server endpoints and the Omni API tokens endpoints from in-memory state, "Sign in
// with Omi" (the backend's PKCE flow plus Firebase's token endpoints), and optional fault injection.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OmiSignIn, type FirebaseEmulatorTarget } from './auth/omi-sign-in';
import { FaultQueue, runWithFault } from './faults';
import { createRouter, json, type Reply, type Router, type SandboxRequest } from './http';
import { KEY_AUTH_MODES, OmiService, type KeyAuthMode } from './omi';
import { OmniService } from './omni';
import type { OmiScope } from './scopes';
import type { OmiSeed, OmniSeed } from './seed';

export interface SandboxOptions {
  /** 0 / undefined = a random free port; the host is always 127.0.0.1. */
  port?: number;
  /** Default: a fresh random omi_dev_ key. */
  omiBootstrapKey?: string;
  /** Default 'none'. */
  omiSeed?: OmiSeed;
  /** Default: a fresh random 'omni_sbx_' token. */
  omniToken?: string;
  /** demo ≈ 250 tokens of all three types, large = 10,000. Default 'none'. */
  omniSeed?: OmniSeed;
  /** Per bearer token, rolling 60 s window. Default 60; 0 = unlimited. */
  omniRateLimitPerMinute?: number;
  /** `GET /v1/dev/key` requests per key, rolling 60 s window. Default 60; 0 = unlimited. */
  devKeyRateLimitPerMinute?: number;
  /** Enables the `/__sandbox/faults` admin endpoint and the session test hooks under `/__sandbox/auth/`. */
  faults?: boolean;
  /** Injectable clock (tests). */
  now?: () => Date;

  // Sign in with Omi ---------------------------------------------------------------------------
  /**
   * What /v1/dev/keys (and every key endpoint) accepts. 'session' = the public backend: only a
   * Firebase ID token, `Invalid authentication credentials` otherwise. 'api-key' = only a live
   * omi_dev_ key. Default 'both': an ID token when the bearer is JWT-shaped, else a key.
   */
  keyAuth?: KeyAuthMode;
  /** GET /v1/auth/authorize redirects to the app at once instead of showing the consent page. */
  authAutoApprove?: boolean;
  /** The Web API key the Firebase endpoints require as `?key=`. Default: a fixed sandbox value. */
  firebaseApiKey?: string;
  /** Lifetime of the ID tokens the sandbox issues. Default 3600. */
  idTokenTtlSeconds?: number;
  /**
   * Work with an external Firebase Auth emulator instead of serving the Firebase endpoints: custom
   * tokens are unsigned, the emulator's unsigned ID tokens are accepted (iss, aud, exp, sub checked).
   */
  firebaseEmulator?: FirebaseEmulatorTarget;
}

/** A sandbox Omi user: who to sign in as, and a full-scope bootstrap key (for --key-auth both|api-key). */
export interface SandboxOmiUser {
  uid: string;
  email: string;
  name: string;
  bootstrapKey: string;
}

export interface Sandbox {
  url: string;
  port: number;
  /** The first Omi user's credential. */
  omiBootstrapKey: string;
  /** The first Omni org's admin token. */
  omniToken: string;
  /** Adds an independent Omi user; returns its bootstrap key. */
  addOmiUser(opts?: { seed?: SandboxOptions['omiSeed']; bootstrapKey?: string }): string;
  /** Adds a Developer API key (any stored scopes; null = legacy) to the user `ownerKey` authenticates; returns its secret. */
  addOmiKey(ownerKey: string, fields: { name: string; scopes: OmiScope[] | null }): string;

  // Sign in with Omi ---------------------------------------------------------------------------
  /** The first Omi user (default email sandbox@devkeys.test); its bootstrap key is `omiBootstrapKey`. */
  omiUser: SandboxOmiUser;
  /** Adds an independent Omi user (uid, email and name default to fresh sandbox values). */
  createOmiUser(opts?: { uid?: string; email?: string; name?: string; seed?: OmiSeed; bootstrapKey?: string }): SandboxOmiUser;
  /** Whom the consent page and auto-approve sign in from now on (default: the first user). */
  signInAs(uid: string): void;
  /** Makes a known refresh token a live session of an existing user (the app's sandbox keeps sessions across restarts). */
  restoreSession(uid: string, refreshToken: string): void;
  /** The next refresh of any of that user's refresh tokens answers INVALID_REFRESH_TOKEN. */
  endSessions(uid: string): void;
  /** The next refresh answers USER_DISABLED, sign-in fails (502 at /v1/auth/token) and the user's ID tokens stop working. */
  disableUser(uid: string): void;
  /** The Web API key the Firebase endpoints require (`?key=`). */
  firebaseApiKey: string;
  /**
   * Where the Firebase endpoints are, Firebase's emulator convention (`http://HOST:PORT/identitytoolkit.googleapis.com/…`):
   * '127.0.0.1:<port>' when the sandbox serves them itself, else the external emulator's host:port.
   */
  authEmulatorHost: string;
  /** Adds an independent Omni org; returns its admin token. */
  addOmniOrg(opts?: { seed?: SandboxOptions['omniSeed']; token?: string }): string;
  /** Closes the server and all its sockets. */
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1024 * 1024;

/** In-memory state of each running sandbox, for tests that check what is (not) stored. */
const stateBySandbox = new WeakMap<Sandbox, { omi: OmiService; omni: OmniService; signIn: OmiSignIn }>();

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`Invalid sandbox port: ${port}`);
  const now = options.now ?? (() => new Date());
  const keyAuth = options.keyAuth ?? 'both';
  if (!KEY_AUTH_MODES.includes(keyAuth)) throw new RangeError(`Invalid keyAuth: ${String(keyAuth)}`);
  // The key endpoints ask the sign-in side whose ID token they were shown.
  const omi: OmiService = new OmiService(
    now,
    { keyAuth, idTokenUid: (token) => signIn.firebase.idTokenUid(token) },
    { devKeyRateLimitPerMinute: options.devKeyRateLimitPerMinute },
  );
  const signIn = new OmiSignIn(omi, {
    now,
    autoApprove: options.authAutoApprove ?? false,
    firebaseApiKey: options.firebaseApiKey,
    idTokenTtlSeconds: options.idTokenTtlSeconds,
    firebaseEmulator: options.firebaseEmulator,
  });
  const omni = new OmniService(now, options.omniRateLimitPerMinute ?? 60);
  const faults = options.faults ? new FaultQueue() : null;
  const omiUser = omi.createUser({ seed: options.omiSeed, bootstrapKey: options.omiBootstrapKey });
  signIn.signInAs(omiUser.uid);
  const omniToken = omni.addOrg({ seed: options.omniSeed, token: options.omniToken });
  const router = createRouter([...omi.routes(), ...omni.routes(), ...signIn.routes(faults !== null), ...(faults?.routes() ?? [])]);

  const server = createServer((req, res) => {
    handleRequest(req, res, router, faults).catch((error: unknown) => {
      console.error('sandbox: request failed', error);
      if (!res.headersSent) sendReply(res, json(500, { detail: 'Internal Server Error' }), false);
      else res.destroy();
    });
  });
  const actualPort = await listen(server, port);

  let closing: Promise<void> | null = null;
  const sandbox: Sandbox = {
    url: `http://${HOST}:${actualPort}`,
    port: actualPort,
    omiBootstrapKey: omiUser.bootstrapKey,
    omniToken,
    addOmiUser: (opts) => omi.addUser(opts),
    addOmiKey: (ownerKey, fields) => omi.addKey(ownerKey, fields),
    omiUser,
    createOmiUser: (opts) => omi.createUser(opts),
    signInAs: (uid) => signIn.signInAs(uid),
    restoreSession: (uid, refreshToken) => signIn.restoreSession(uid, refreshToken),
    endSessions: (uid) => void signIn.endSessions(uid),
    disableUser: (uid) => signIn.disableUser(uid),
    firebaseApiKey: signIn.firebaseApiKey,
    authEmulatorHost: signIn.authEmulatorHost(`${HOST}:${actualPort}`),
    addOmniOrg: (opts) => omni.addOrg(opts),
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive and in-flight sockets would otherwise hold close() open.
        server.closeAllConnections();
      })),
  };
  stateBySandbox.set(sandbox, { omi, omni, signIn });
  return sandbox;
}

/** JSON of everything the sandbox holds in memory (Maps included). For tests only. */
export function sandboxStateForTests(sandbox: Sandbox): string {
  const state = stateBySandbox.get(sandbox);
  if (!state) throw new Error('not a sandbox started by startSandbox');
  return JSON.stringify(state, (_key, value: unknown) => (value instanceof Map ? [...value.entries()] : value));
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, router: Router, faults: FaultQueue | null) {
  const url = new URL(req.url ?? '/', `http://${HOST}`);
  const method = req.method ?? 'GET';
  const fault = faults?.take(method, url.pathname) ?? null;
  const outcome = await runWithFault(fault, async () => {
    const body = await readBody(req);
    if (body === null) return json(413, { detail: 'Request body too large' }, { Connection: 'close' });
    const request: SandboxRequest = { method, path: url.pathname, query: url.searchParams, headers: req.headers, body };
    return router(request);
  });
  if (outcome.kind === 'drop') req.socket.destroy();
  else sendReply(res, outcome.reply, outcome.malformed);
}

/** The body as text, or null when it is larger than MAX_BODY_BYTES. */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The one place replies become bytes. `malformed` sends a truncated body with status 200 (fault). */
function sendReply(res: ServerResponse, reply: Reply, malformed: boolean) {
  if (res.destroyed) return;
  let status = reply.status;
  let text = reply.text?.content ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  if (malformed) {
    status = 200;
    // Half of a JSON object or array (or of this fallback) never parses.
    const whole = text || '{"detail":"';
    text = whole.slice(0, Math.max(1, Math.floor(whole.length / 2)));
  }
  const headers: Record<string, string | number> = { ...reply.headers };
  if (text !== '') {
    headers['Content-Type'] = reply.text?.contentType ?? 'application/json';
    headers['Content-Length'] = Buffer.byteLength(text);
  }
  res.writeHead(status, headers);
  res.end(text);
}
