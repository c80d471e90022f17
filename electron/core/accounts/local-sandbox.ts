/**
 * The sandbox server embedded in the app, started on first use ("Try the sandbox").
 * Its data lives in memory, so after a restart each sandbox account's Omi user (signed-in or
 * with a credential) or Omni org is created again — same uid or credential, fresh demo data —
 * on a new port.
 */
import { startSandbox, type Sandbox } from '../../sandbox/server';
import type { OmiBackend } from '../session/backend';

export interface SandboxSignInAttempt {
  backend: OmiBackend;
  /** Gets through the consent page without a browser (auto-approve); null: use the real browser opener. */
  openBrowser: ((url: string) => Promise<void>) | null;
}

export interface SandboxUser {
  uid: string;
  email: string | null;
  name: string | null;
}

export interface SandboxHost {
  /** Base URL of the running sandbox, starting it if needed. */
  baseUrl(): Promise<string>;
  /** Makes sure a sandbox Omi user with this bootstrap key exists; returns the key. */
  ensureOmiUser(bootstrapKey?: string): Promise<string>;
  /** Makes sure a sandbox Omni org (demo tokens) with this admin token exists; returns the token. */
  ensureOmniOrg(token?: string): Promise<string>;
  /** The next sign-in signs in as a new sandbox user with demo keys, or as `user` again. */
  prepareSignIn(user?: SandboxUser): Promise<SandboxSignInAttempt>;
  /** A stored sandbox session after a restart: its user and refresh token exist again. Returns the backend. */
  ensureSessionUser(user: SandboxUser, refreshToken: () => Promise<string>): Promise<OmiBackend>;
  close(): Promise<void>;
}

export interface SandboxHostOptions {
  /**
   * `auto-approve` (default, the app): the consent page approves at once and DevKeys follows the
   * redirect itself, no browser needed. `browser` (npm run preview): the consent page is shown
   * in the browser the core opens.
   */
  signIn?: 'auto-approve' | 'browser';
}

export function createSandboxHost(options: SandboxHostOptions = {}): SandboxHost {
  const autoApprove = (options.signIn ?? 'auto-approve') === 'auto-approve';
  let running: Promise<Sandbox> | null = null;
  const knownUsers = new Set<string>();
  const knownOrgs = new Set<string>();
  /** Sandbox users that signed-in accounts of this run stand for (their sessions are live in this sandbox). */
  const sessionUsers = new Set<string>();
  // The sandbox's first user (sandbox@devkeys.test, demo keys) is the first account's; later ones get new users.
  const sandbox = () => (running ??= startSandbox({ port: 0, omiSeed: 'demo', omniSeed: 'none', keyAuth: 'both', authAutoApprove: autoApprove }));
  const backendOf = (server: Sandbox): OmiBackend => ({
    apiBase: server.url,
    firebaseApiKey: server.firebaseApiKey,
    authEmulatorHost: server.authEmulatorHost,
  });
  /** After a restart: the same uid again, with fresh demo keys (and its email, unless this run gave it to someone else). */
  const ensureUser = (server: Sandbox, user: SandboxUser) => {
    if (sessionUsers.has(user.uid)) return;
    const identity = { uid: user.uid, seed: 'demo' as const, ...(user.name ? { name: user.name } : {}) };
    try {
      server.createOmiUser({ ...identity, ...(user.email ? { email: user.email } : {}) });
    } catch {
      server.createOmiUser(identity);
    }
    sessionUsers.add(user.uid);
  };

  return {
    async baseUrl() {
      return (await sandbox()).url;
    },
    async ensureOmiUser(bootstrapKey) {
      const server = await sandbox();
      if (bootstrapKey && (knownUsers.has(bootstrapKey) || (await authenticates(`${server.url}/v1/dev/keys`, bootstrapKey)))) {
        knownUsers.add(bootstrapKey);
        return bootstrapKey;
      }
      const key = server.addOmiUser({ seed: 'demo', ...(bootstrapKey ? { bootstrapKey } : {}) });
      knownUsers.add(key);
      return key;
    },
    async ensureOmniOrg(token) {
      const server = await sandbox();
      if (token && (knownOrgs.has(token) || (await authenticates(`${server.url}/api/v1/api-keys?pageSize=1`, token)))) {
        knownOrgs.add(token);
        return token;
      }
      const adminToken = server.addOmniOrg({ seed: 'demo', ...(token ? { token } : {}) });
      knownOrgs.add(adminToken);
      return adminToken;
    },
    async prepareSignIn(user) {
      const server = await sandbox();
      let uid: string;
      if (user) {
        ensureUser(server, user);
        uid = user.uid;
      } else {
        uid = sessionUsers.has(server.omiUser.uid) ? server.createOmiUser({ seed: 'demo' }).uid : server.omiUser.uid;
        sessionUsers.add(uid);
      }
      server.signInAs(uid);
      return { backend: backendOf(server), openBrowser: autoApprove ? followRedirects : null };
    },
    async ensureSessionUser(user, refreshToken) {
      const server = await sandbox();
      if (!sessionUsers.has(user.uid)) {
        ensureUser(server, user);
        server.restoreSession(user.uid, await refreshToken());
      }
      return backendOf(server);
    },
    async close() {
      const server = running;
      running = null;
      knownUsers.clear();
      knownOrgs.clear();
      sessionUsers.clear();
      if (server) await (await server).close();
    },
  };
}

/** A credential the running sandbox already knows (e.g. a rotated key): ask before creating its owner. */
async function authenticates(listUrl: string, key: string): Promise<boolean> {
  const response = await fetch(listUrl, { headers: { Authorization: `Bearer ${key}` } });
  await response.body?.cancel();
  return response.ok;
}

/**
 * The auto-approved consent page redirects straight to DevKeys' loopback callback: follow it like
 * a browser. Also the "browser" of tests and benchmarks that sign in to an auto-approving sandbox.
 */
export async function followRedirects(url: string): Promise<void> {
  const response = await fetch(url, { redirect: 'follow' });
  await response.body?.cancel();
}
