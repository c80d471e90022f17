/**
 * The signIn channel end to end in Node: the real core, the real sandbox behaving like the public
 * backend (`keyAuth: 'session'`), an auto-approving "browser" that follows the redirects. What is
 * checked here is the answer: the account and the first screen it leads to, built from the lists
 * the sign-in asked (the confirming key list and the MCP keys alongside), not asked again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SignInResult } from '../../ipc/contract';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { SIGN_IN_MCP_WAIT_MS } from '../handlers/sign-in';
import { createTestCore, type TestCore } from '../test-support';
import { followRedirects } from './local-sandbox';

let sandbox: Sandbox | null = null;
let test: TestCore | null = null;
afterEach(async () => {
  await test?.dispose();
  await sandbox?.close();
  test = sandbox = null;
});

/** A core whose provider requests are counted (method + path) and may be answered by `fail` instead of the sandbox. */
async function setUp(fail?: (path: string, request: Request) => Response | null | Promise<Response | null>) {
  sandbox = await startSandbox({ omiSeed: { count: 4, mcpCount: 3 }, keyAuth: 'session', authAutoApprove: true });
  const requests: string[] = [];
  test = createTestCore({
    openBrowser: followRedirects,
    http: {
      retryDelayMs: 1,
      fetch: async (request) => {
        const path = new URL(request.url).pathname;
        requests.push(`${request.method} ${path}`);
        return (await fail?.(path, request)) ?? fetch(request);
      },
    },
  });
  const args = { provider: 'google', apiBase: sandbox.url, firebaseApiKey: sandbox.firebaseApiKey, authEmulatorHost: sandbox.authEmulatorHost };
  return { requests, args, sandbox, test };
}

describe('signIn answers with the screen it leads to', () => {
  it('the new account is active and its first screen holds both lists, each asked of the backend once', async () => {
    const { requests, args, test } = await setUp();
    const { account, firstScreen } = await test.data<SignInResult>('signIn', args);

    expect(account).toMatchObject({ provider: 'omi', auth: 'session', status: 'ok' });
    expect(firstScreen.activeAccountId).toBe(account.id);
    expect(firstScreen.accounts.map((a) => a.id)).toEqual([account.id]);
    expect(firstScreen.omi?.accountId).toBe(account.id);
    const keys = firstScreen.omi?.keys;
    const mcpKeys = firstScreen.omi?.mcpKeys;
    if (!keys?.ok || !mcpKeys?.ok) throw new Error(`a list failed: ${JSON.stringify({ keys, mcpKeys })}`);
    // The bootstrap key is listed too; a signed-in account has no key of DevKeys' own.
    expect(keys.data).toHaveLength(5);
    expect(keys.data.every((key) => key.usedByDevKeys === false && key.replacedBy === null)).toBe(true);
    expect(mcpKeys.data).toHaveLength(3);
    expect(mcpKeys.data.every((key) => key.replacedBy === null)).toBe(true);
    expect(firstScreen.omi?.mcpSetup).toMatchObject({ ok: true });
    // Exactly what a later listKeys / listMcpKeys answers.
    expect(await test.data('listKeys', { accountId: account.id })).toEqual(keys.data);
    expect(await test.data('listMcpKeys', { accountId: account.id })).toEqual(mcpKeys.data);
    // One list of each during the sign-in (the two later ones are the checks just above).
    expect(requests.filter((r) => r === 'GET /v1/dev/keys')).toHaveLength(2);
    expect(requests.filter((r) => r === 'GET /v1/mcp/keys')).toHaveLength(2);
  });

  it('an MCP list that fails is that list’s error in the first screen; the sign-in itself succeeds', async () => {
    const { args, test } = await setUp((path) => (path === '/v1/mcp/keys' ? new Response('{"detail":"down"}', { status: 503, headers: { 'Content-Type': 'application/json' } }) : null));
    const { account, firstScreen } = await test.data<SignInResult>('signIn', args);

    expect(firstScreen.omi?.keys.ok).toBe(true);
    expect(firstScreen.omi?.mcpKeys).toMatchObject({ ok: false, error: { code: 'server_error', message: expect.stringContaining('503') } });
    // The account was saved: the MCP list's own query asks again later.
    expect((await test.data<{ accounts: { id: string }[] }>('listAccounts')).accounts.map((a) => a.id)).toEqual([account.id]);
  });

  it('an MCP list that hangs does not hold the sign-in back: the first screen goes without it, and the list asks again', async () => {
    let mcpAsked = 0;
    const { args, test } = await setUp(async (path, request) => {
      if (path !== '/v1/mcp/keys' || ++mcpAsked > 1) return null;
      // The sign-in's MCP list answers a second after the sign-in stopped waiting for it.
      await new Promise((resolve) => setTimeout(resolve, SIGN_IN_MCP_WAIT_MS + 1_000));
      return fetch(request);
    });
    const t0 = performance.now();
    const { account, firstScreen } = await test.data<SignInResult>('signIn', args);

    expect(performance.now() - t0).toBeLessThan(SIGN_IN_MCP_WAIT_MS + 900);
    expect(firstScreen.omi?.keys).toMatchObject({ ok: true });
    expect(firstScreen.omi?.mcpKeys).toMatchObject({ ok: false, error: { code: 'timeout' } });
    // The screen's own MCP query then gets the list.
    expect(await test.data<unknown[]>('listMcpKeys', { accountId: account.id })).toHaveLength(3);
  });

  it('a key list that fails fails the sign-in, and nothing is saved', async () => {
    const { args, test } = await setUp((path) => (path === '/v1/dev/keys' ? new Response('{"detail":"Invalid authentication credentials"}', { status: 401, headers: { 'Content-Type': 'application/json' } }) : null));
    const result = await test.call('signIn', args);

    expect(result).toMatchObject({ ok: false, error: { code: 'sign_in_failed', message: expect.stringContaining('Nothing was saved') } });
    expect((await test.data<{ accounts: unknown[] }>('listAccounts')).accounts).toEqual([]);
  });

  it('the answer carries no token of the session', async () => {
    const { args, test, sandbox } = await setUp();
    const answer = JSON.stringify(await test.data<SignInResult>('signIn', args));
    // JWT-shaped strings (ID and custom tokens) and Firebase refresh tokens never cross to the renderer.
    expect(answer).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    expect(answer).not.toContain(sandbox.firebaseApiKey);
    for (const line of test.logLines) expect(line).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
  });
});
