/**
 * The sandbox server embedded in the app, started on first use ("Try the sandbox").
 * Its data lives in memory, so after a restart each sandbox account's user is created
 * again with the same bootstrap credential (and fresh demo keys) on a new port.
 */
import { startSandbox, type Sandbox } from '../sandbox/server';

export interface SandboxHost {
  /** Base URL of the running sandbox, starting it if needed. */
  baseUrl(): Promise<string>;
  /** Makes sure a sandbox Omi user with this bootstrap key exists; returns the key. */
  ensureOmiUser(bootstrapKey?: string): Promise<string>;
  close(): Promise<void>;
}

export function createSandboxHost(): SandboxHost {
  let running: Promise<Sandbox> | null = null;
  const knownUsers = new Set<string>();
  const sandbox = () => (running ??= startSandbox({ port: 0, omiSeed: 'none', omniSeed: 'none' }));

  return {
    async baseUrl() {
      return (await sandbox()).url;
    },
    async ensureOmiUser(bootstrapKey) {
      const server = await sandbox();
      if (bootstrapKey && (knownUsers.has(bootstrapKey) || (await authenticates(server.url, bootstrapKey)))) {
        knownUsers.add(bootstrapKey);
        return bootstrapKey;
      }
      const key = server.addOmiUser({ seed: 'demo', ...(bootstrapKey ? { bootstrapKey } : {}) });
      knownUsers.add(key);
      return key;
    },
    async close() {
      const server = running;
      running = null;
      knownUsers.clear();
      if (server) await (await server).close();
    },
  };
}

/** A rotated sandbox credential is already a key of its user: ask before creating a user. */
async function authenticates(baseUrl: string, key: string): Promise<boolean> {
  const response = await fetch(`${baseUrl}/v1/dev/keys`, { headers: { Authorization: `Bearer ${key}` } });
  await response.body?.cancel();
  return response.ok;
}
