import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSummary, OmniToken, OmniTokenPage } from '../../ipc/contract';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { createTestCore, type TestCore } from '../test-support';
import { createAesGcmCipher } from '../storage/vault';

let sandbox: Sandbox;
let t: TestCore;
beforeAll(async () => {
  sandbox = await startSandbox({ omiSeed: 'demo', omniSeed: 'demo', omniRateLimitPerMinute: 0 });
  t = createTestCore();
});
afterAll(async () => {
  await t.dispose();
  await sandbox.close();
});

async function listAll(core: TestCore, accountId: string, query: Record<string, string> = {}) {
  const pages: OmniTokenPage[] = [];
  let cursor: string | null = null;
  do {
    const page: OmniTokenPage = await core.data<OmniTokenPage>('listOmniTokens', { accountId, ...query, ...(cursor ? { cursor } : {}) });
    pages.push(page);
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  return pages;
}

describe('Omni accounts', () => {
  it('adds an Omni instance by URL after verifying the token, labelled by its host', async () => {
    const account = await t.data<AccountSummary>('addAccount', { provider: 'omni', instance: `${sandbox.url}/`, credential: sandbox.omniToken });
    expect(account).toMatchObject({ provider: 'omni', baseUrl: sandbox.url, label: new URL(sandbox.url).host, isSandbox: false, status: 'ok' });
    expect(account.credentialHint).toBe(`${sandbox.omniToken.slice(0, 4)}...${sandbox.omniToken.slice(-4)}`);
    expect(readFileSync(t.core.storePath, 'utf8')).not.toContain(sandbox.omniToken);
  });

  it('explains a refused token plainly and saves nothing', async () => {
    const before = (await t.data<{ accounts: AccountSummary[] }>('listAccounts')).accounts.length;
    const wrong = `omni_sbx_${'9'.repeat(32)}`;
    const result = await t.call('addAccount', { provider: 'omni', label: 'Bad', instance: sandbox.url, credential: wrong });
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized', status: 401 } });
    expect(result.error?.message).toMatch(/^Omni refused this token\./);
    expect(result.error?.message).toMatch(/Organization Admin permission is required to manage API tokens/);
    expect(result.error?.message).not.toContain('9'.repeat(32));
    expect((await t.data<{ accounts: AccountSummary[] }>('listAccounts')).accounts).toHaveLength(before);
    expect(t.logLines.join('\n')).not.toContain('9'.repeat(32));
  });

  it('rejects an instance that is neither a name, a host nor a URL, naming the field', async () => {
    const result = await t.call('addAccount', { provider: 'omni', instance: 'my org!', credential: 'abcdef123456' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload', fields: [{ path: 'instance' }] } });
    // The Omi variant is unchanged: an Omni field on it is refused.
    const mixed = await t.call('addAccount', { provider: 'omi', label: 'x', baseUrl: sandbox.url, instance: 'x', credential: 'abc' });
    expect(mixed).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('adds a sandbox Omni org with demo tokens that comes back after a restart', async () => {
    const key = randomBytes(32);
    const first = createTestCore({ cipher: createAesGcmCipher(key) });
    const omi = await first.data<AccountSummary>('addSandboxAccount', {});
    const omni = await first.data<AccountSummary>('addSandboxAccount', { provider: 'omni' });
    const second = await first.data<AccountSummary>('addSandboxAccount', { provider: 'omni' });
    expect(omi).toMatchObject({ provider: 'omi', label: 'Sandbox' });
    expect(omni).toMatchObject({ provider: 'omni', label: 'Omni sandbox', isSandbox: true, baseUrl: 'Built-in sandbox' });
    expect(second.label).toBe('Omni sandbox 2');
    const page = await first.data<OmniTokenPage>('listOmniTokens', { accountId: omni.id });
    expect(page.pageInfo.totalRecords).toBe(250);
    await first.core.shutdown();

    const restarted = createTestCore({ cipher: createAesGcmCipher(key), dataDir: first.dataDir });
    expect((await restarted.data<OmniTokenPage>('listOmniTokens', { accountId: omni.id })).pageInfo.totalRecords).toBe(250);
    expect((await restarted.data<OmniTokenPage>('listOmniTokens', { accountId: second.id })).pageInfo.totalRecords).toBe(250);
    await restarted.dispose();
  });
});

describe('Omni token channels', () => {
  let account: AccountSummary;
  let omiAccount: AccountSummary;
  beforeAll(async () => {
    const token = sandbox.addOmniOrg({ seed: 'demo' });
    account = await t.data<AccountSummary>('addAccount', { provider: 'omni', label: 'Acme', instance: sandbox.url, credential: token });
    omiAccount = await t.data<AccountSummary>('addAccount', { provider: 'omi', label: 'Omi', baseUrl: sandbox.url, credential: sandbox.omiBootstrapKey });
  });

  it('lists pages of 100 that cover all 250 tokens once', async () => {
    const pages = await listAll(t, account.id);
    expect(pages.map((page) => [page.records.length, page.pageInfo.pageSize])).toEqual([
      [100, 100],
      [100, 100],
      [50, 100],
    ]);
    expect(new Set(pages.flatMap((page) => page.records.map((token) => token.id))).size).toBe(250);
  });

  it('passes type and sort through', async () => {
    const mcp = (await listAll(t, account.id, { type: 'mcp', sortField: 'name', sortDirection: 'desc' })).flatMap((p) => p.records);
    expect(mcp.every((token) => token.type === 'mcp')).toBe(true);
    const names = mcp.map((token) => token.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
  });

  it('refuses invalid payloads before any request', async () => {
    for (const payload of [
      { accountId: account.id, cursor: 'page-2' },
      { accountId: account.id, type: 'service' },
      { accountId: account.id, sortField: 'updatedAt' },
      { accountId: account.id, pageSize: 5 },
    ]) {
      expect(await t.call('listOmniTokens', payload), JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
    expect(await t.call('setOmniTokenEnabled', { accountId: account.id, tokenId: 'x', enabled: false })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', fields: [{ path: 'tokenId' }] },
    });
    expect(await t.call('setOmniTokenEnabled', { accountId: account.id, tokenId: randomUUID(), enabled: 'no' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
  });

  it('disables and re-enables an organization token, and logs the action without the token', async () => {
    const [token] = (await t.data<OmniTokenPage>('listOmniTokens', { accountId: account.id, type: 'organization' })).records as [OmniToken];
    const disabled = await t.data<OmniToken>('setOmniTokenEnabled', { accountId: account.id, tokenId: token.id, enabled: false });
    expect(disabled).toEqual({ ...token, enabled: false });
    const enabled = await t.data<OmniToken>('setOmniTokenEnabled', { accountId: account.id, tokenId: token.id, enabled: true });
    expect(enabled.enabled).toBe(true);
    const log = t.logLines.join('\n');
    expect(log).toContain('"event":"omni_token.disabled"');
    expect(log).toContain('"event":"omni_token.enabled"');
    expect(log).not.toMatch(/omni_sbx_[0-9a-f]{32}/);
  });

  it('answers 400 for disabling a personal token as a validation error', async () => {
    const [token] = (await t.data<OmniTokenPage>('listOmniTokens', { accountId: account.id, type: 'personal' })).records as [OmniToken];
    const result = await t.call('setOmniTokenEnabled', { accountId: account.id, tokenId: token.id, enabled: false });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', status: 400 } });
  });

  it('revokes a token; a second revoke is already gone; an unknown id 404s on update', async () => {
    const [token] = (await t.data<OmniTokenPage>('listOmniTokens', { accountId: account.id, type: 'personal' })).records as [OmniToken];
    expect(await t.data('revokeOmniToken', { accountId: account.id, tokenId: token.id })).toEqual({ outcome: 'revoked' });
    expect(await t.data('revokeOmniToken', { accountId: account.id, tokenId: token.id })).toEqual({ outcome: 'already_gone' });
    expect((await t.data<OmniTokenPage>('listOmniTokens', { accountId: account.id })).pageInfo.totalRecords).toBe(249);
    expect(await t.call('setOmniTokenEnabled', { accountId: account.id, tokenId: token.id, enabled: true })).toMatchObject({
      ok: false,
      error: { code: 'not_found', status: 404 },
    });
    expect(t.logLines.some((line) => line.includes('"event":"omni_token.revoked"') && line.includes('"outcome":"already_gone"'))).toBe(true);
  });

  it('keeps Omi and Omni channels apart with a clear error', async () => {
    const omiOnOmni = await t.call('listKeys', { accountId: account.id });
    expect(omiOnOmni).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(omiOnOmni.error?.message).toMatch(/^This is an Omni account/);
    const omniOnOmi = await t.call('listOmniTokens', { accountId: omiAccount.id });
    expect(omniOnOmi).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(omniOnOmi.error?.message).toMatch(/^This is an Omi account/);
    expect(await t.call('revokeOmniToken', { accountId: omiAccount.id, tokenId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });
});

describe('Omni rate limiting through the core', () => {
  it('reports a server 429 as rate_limited with retryAfterSeconds', async () => {
    const limited = await startSandbox({ omniSeed: 'demo', omniRateLimitPerMinute: 3 });
    const core = createTestCore();
    try {
      // The verification call is the first of the 3 allowed requests.
      const account = await core.data<AccountSummary>('addAccount', { provider: 'omni', instance: limited.url, credential: limited.omniToken });
      await core.data('listOmniTokens', { accountId: account.id });
      await core.data('listOmniTokens', { accountId: account.id, type: 'mcp' });
      const result = await core.call('listOmniTokens', { accountId: account.id, type: 'personal' });
      expect(result).toMatchObject({ ok: false, error: { code: 'rate_limited', status: 429 } });
      expect(result.error?.['retryAfterSeconds']).toBeGreaterThanOrEqual(55);
      expect(result.error?.['retryAfterSeconds']).toBeLessThanOrEqual(60);
      // The account's limiter now holds further requests back instead of sending them.
      const again = await core.call('listOmniTokens', { accountId: account.id });
      expect(again).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
      expect(again.error?.message).toMatch(/pacing requests/);
    } finally {
      await core.dispose();
      await limited.close();
    }
  });
});
