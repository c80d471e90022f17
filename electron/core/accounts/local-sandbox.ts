/**
 * The sandbox server embedded in the app, started on first use ("Try the sandbox").
 * Its data lives in memory, so after a restart each sandbox account's Omi user or Omni org
 * is created again with the same credential (and fresh demo data) on a new port.
 */
import { startSandbox, type Sandbox } from '../../sandbox/server';

export interface SandboxHost {
  /** Base URL of the running sandbox, starting it if needed. */
  baseUrl(): Promise<string>;
  /** Makes sure a sandbox Omi user with this bootstrap key exists; returns the key. */
  ensureOmiUser(bootstrapKey?: string): Promise<string>;
  /** Makes sure a sandbox Omni org (demo tokens) with this admin token exists; returns the token. */
  ensureOmniOrg(token?: string): Promise<string>;
  close(): Promise<void>;
}

export function createSandboxHost(): SandboxHost {
  let running: Promise<Sandbox> | null = null;
  const knownUsers = new Set<string>();
  const knownOrgs = new Set<string>();
  const sandbox = () => (running ??= startSandbox({ port: 0, omiSeed: 'none', omniSeed: 'none' }));

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
    async close() {
      const server = running;
      running = null;
      knownUsers.clear();
      knownOrgs.clear();
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
