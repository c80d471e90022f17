/**
 * MCP keys, their setup, Check a key and the start-up bundle, through the real core (router,
 * vault, store, clients) against the real sandbox over HTTP.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  AccountSummary,
  ActivityEntry,
  CreatedKey,
  CreatedMcpKey,
  FirstScreen,
  KeyCheckResult,
  ListedMcpKey,
  ListedOmiKey,
  McpRotationResult,
  McpSetup,
} from '../../ipc/contract';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { createTestCore, type TestCore } from '../test-support';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ omiSeed: 'none', faults: true, devKeyRateLimitPerMinute: 0 });
});
afterAll(async () => {
  await sandbox.close();
});

const fault = (body: Record<string, unknown>) =>
  fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify(body) }).then((r) => expect(r.status).toBe(200));

/** Whether the sandbox's MCP server accepts `key` (an MCP initialize, as Claude Code would send it). */
async function mcpStatus(key: string): Promise<number> {
  const response = await fetch(`${sandbox.url}/v1/mcp`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, Accept: 'application/json, text/event-stream', 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } } }),
  });
  await response.body?.cancel();
  return response.status;
}

let t: TestCore;
let account: AccountSummary;
let events: { event: string; payload: unknown }[];
beforeEach(async () => {
  t = createTestCore();
  events = [];
  t.core.onEvent((event, payload) => events.push({ event, payload }));
  const bootstrap = sandbox.addOmiUser({ seed: 'demo' });
  account = await t.data<AccountSummary>('addAccount', { provider: 'omi', label: 'Work', baseUrl: sandbox.url, credential: bootstrap });
});
afterEach(async () => {
  await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
  await t.dispose();
});

describe('MCP keys through the core', () => {
  it('lists the demo MCP keys with the same session as the Developer API keys, legacy record included', async () => {
    const keys = await t.data<ListedMcpKey[]>('listMcpKeys', { accountId: account.id });
    expect(keys.map((k) => k.name)).toContain('Legacy MCP API key');
    expect(keys.find((k) => k.name === 'Legacy MCP API key')).toMatchObject({ key_prefix: 'omi_mcp_legacy', replacedBy: null });
    for (const key of keys.filter((k) => k.key_prefix !== 'omi_mcp_legacy')) {
      expect(key.key_prefix).toMatch(/^omi_mcp_[0-9a-f]{4}\.\.\.[0-9a-f]{4}$/);
    }
    expect(keys.some((k) => k.last_used_at === null)).toBe(true);
  });

  it('creates a key once, copies its Claude Code config filled in and concealed, and never stores the secret', async () => {
    const created = await t.data<CreatedMcpKey>('createMcpKey', { accountId: account.id, name: '  Claude Desktop  ' });
    expect(created.secret).toMatch(/^omi_mcp_[0-9a-f]{32}$/);
    expect(created.key).toMatchObject({ name: 'Claude Desktop', app_id: 'mcp-api', key_prefix: `omi_mcp_${created.secret.slice(8, 12)}...${created.secret.slice(-4)}` });
    expect(created.key.scopes).toContain('memories.read');
    expect((await t.data<ListedMcpKey[]>('listMcpKeys', { accountId: account.id }))[0]?.id).toBe(created.key.id);
    expect(await mcpStatus(created.secret)).toBe(200);
    expect(events).toContainEqual({ event: 'keyCreated', payload: { accountId: account.id, keyId: created.key.id, source: 'window', family: 'mcp' } });

    expect(await t.data('copyMcpConfigWithKey', { secretHandle: created.secretHandle })).toEqual({ clearAfterMs: 30_000 });
    expect(t.clipboard.concealed).toBe(true);
    expect(JSON.parse(t.clipboard.text)).toEqual({
      mcpServers: { omi: { type: 'http', url: `${sandbox.url}/v1/mcp`, headers: { Authorization: `Bearer ${created.secret}` } } },
    });

    const activity = await t.data<ActivityEntry[]>('listActivity', { accountId: account.id });
    expect(activity[0]).toMatchObject({ kind: 'key_created', keyFamily: 'mcp', keyName: 'Claude Desktop', keyPrefix: created.key.key_prefix });
    expect(readFileSync(t.core.storePath, 'utf8')).not.toContain(created.secret);
    expect(t.logLines.join('\n')).not.toContain(created.secret.slice(8));
    expect(t.logLines.join('\n')).toContain('"event":"mcp_key.config_copied"');
  });

  it('copies a Developer API key’s secret, but never puts it into an MCP config', async () => {
    const dev = await t.data<CreatedKey>('createKey', { accountId: account.id, name: 'Script' });
    const refused = await t.call('copyMcpConfigWithKey', { secretHandle: dev.secretHandle });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation', message: 'Only a new MCP key goes into the Claude Code config.' } });
    expect(t.clipboard.text).toBe('');
  });

  it('serves the setup blocks as the Omi app builds them, copied as plain text', async () => {
    const setup = await t.data<McpSetup>('getMcpSetup', { accountId: account.id });
    expect(setup.mcpUrl).toBe(`${sandbox.url}/v1/mcp`);
    expect(setup.oauthClientId).toBe('omi-claude-prod');
    expect(JSON.parse(setup.claudeCodeConfig)).toMatchObject({ mcpServers: { omi: { headers: { Authorization: 'Bearer <key>' } } } });
    for (const [value, text] of [
      ['server_url', setup.mcpUrl],
      ['oauth_client_id', 'omi-claude-prod'],
      ['claude_code_config', setup.claudeCodeConfig],
    ] as const) {
      expect(await t.data('copyMcpSetupValue', { accountId: account.id, value })).toEqual({ copied: true });
      expect(t.clipboard).toMatchObject({ text, concealed: false });
    }
    expect(await t.call('copyMcpSetupValue', { accountId: account.id, value: 'sse_url' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('revokes a key (then it is already gone), and a 503 leaves it working until a retry', async () => {
    const created = await t.data<CreatedMcpKey>('createMcpKey', { accountId: account.id, name: 'Cursor' });
    await fault({ kind: 'revoke_unavailable', path: '/v1/mcp/keys' });
    const unavailable = await t.call('revokeMcpKey', { accountId: account.id, keyId: created.key.id });
    expect(unavailable).toMatchObject({ ok: false, error: { code: 'server_error', status: 503 } });
    expect(unavailable.error?.message).toMatch(/API key revocation temporarily unavailable\)\. The key may still work until a revoke goes through: try again\.$/);
    expect(await mcpStatus(created.secret)).toBe(200);

    expect(await t.data('revokeMcpKey', { accountId: account.id, keyId: created.key.id })).toEqual({ outcome: 'revoked' });
    expect(await mcpStatus(created.secret)).toBe(401);
    expect(await t.data('revokeMcpKey', { accountId: account.id, keyId: created.key.id })).toEqual({ outcome: 'already_gone' });
    const activity = await t.data<ActivityEntry[]>('listActivity', { accountId: account.id });
    expect(activity.filter((e) => e.kind === 'key_revoked')).toEqual([expect.objectContaining({ keyFamily: 'mcp', keyName: 'Cursor' })]);
  });

  it('rotates a key: same name, the old one marked replaced until it is revoked', async () => {
    const old = await t.data<CreatedMcpKey>('createMcpKey', { accountId: account.id, name: 'Claude Code' });
    const rotated = await t.data<McpRotationResult>('rotateMcpKey', { accountId: account.id, keyId: old.key.id });
    expect(rotated).toMatchObject({ key: { name: 'Claude Code' }, replaced: { id: old.key.id } });
    expect(rotated.secret).toMatch(/^omi_mcp_[0-9a-f]{32}$/);
    const listed = await t.data<ListedMcpKey[]>('listMcpKeys', { accountId: account.id });
    expect(listed.find((k) => k.id === old.key.id)?.replacedBy).toBe(rotated.key.id);
    // The rotated key's config can be copied like a new key's.
    await t.data('copyMcpConfigWithKey', { secretHandle: rotated.secretHandle });
    expect(t.clipboard.text).toContain(rotated.secret);

    expect(await t.data('finishMcpRotation', { accountId: account.id, oldKeyId: old.key.id, action: 'revoke_old' })).toEqual({ outcome: 'revoked' });
    expect(await mcpStatus(old.secret)).toBe(401);
    expect(await mcpStatus(rotated.secret)).toBe(200);
    const after = await t.data<ListedMcpKey[]>('listMcpKeys', { accountId: account.id });
    expect(after.every((k) => k.replacedBy === null)).toBe(true);
    // Developer API marks are a separate list.
    expect((await t.data<ListedOmiKey[]>('listKeys', { accountId: account.id })).every((k) => k.replacedBy === null)).toBe(true);
    const kinds = (await t.data<ActivityEntry[]>('listActivity', { accountId: account.id })).map((e) => `${e.kind}:${e.keyFamily ?? 'dev'}`);
    expect(kinds.slice(0, 3)).toEqual(['key_revoked:mcp', 'key_rotated:mcp', 'key_created:mcp']);
  });

  it('a create whose answer is lost names the MCP key the server made anyway', async () => {
    await fault({ kind: 'lose_create_response', path: '/v1/mcp/keys' });
    const lost = await t.call('createMcpKey', { accountId: account.id, name: 'Windsurf' });
    expect(lost).toMatchObject({ ok: false, error: { code: 'create_outcome_unknown', orphanKeys: [expect.objectContaining({ name: 'Windsurf' })] } });
    const orphan = (lost.error?.['orphanKeys'] as { id: string }[])[0]!;
    expect(await t.data('revokeMcpKey', { accountId: account.id, keyId: orphan.id })).toEqual({ outcome: 'revoked' });
  });

  it('refuses blank names before any request, and shows the server’s 422 text', async () => {
    expect(await t.call('createMcpKey', { accountId: account.id, name: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const raw = await t.call('createMcpKey', { accountId: account.id, name: `my omi_mcp_${'a'.repeat(32)}` });
    expect(raw).toMatchObject({ ok: false, error: { code: 'validation', status: 422, message: 'API key name must not contain a raw API key' } });
  });
});

describe('Check a key through the core', () => {
  it('a listed Developer API key: family, prefix, confirmed match, works with its scopes', async () => {
    const dev = await t.data<CreatedKey>('createKey', { accountId: account.id, name: 'Found in a repo', scopes: ['memories:read', 'goals:write'] });
    const result = await t.data<KeyCheckResult>('checkKey', { secret: `  ${dev.secret}\n` });
    expect(result).toMatchObject({
      family: 'dev',
      wellFormed: true,
      prefix: dev.key.key_prefix,
      matches: [{ accountId: account.id, accountLabel: 'Work', family: 'dev', keyId: dev.key.id, keyName: 'Found in a repo', confirmed: true }],
      unsearched: [],
      liveness: { status: 'works', dev: { name: 'Found in a repo', scopes: ['memories:read', 'goals:write'] } },
    });
    expect(JSON.stringify(result)).not.toContain(dev.secret.slice(8));
    expect(t.logLines.join('\n')).not.toContain(dev.secret.slice(8));
  });

  it('an MCP key: matched by prefix and accepted by the MCP server; once revoked, refused', async () => {
    const mcp = await t.data<CreatedMcpKey>('createMcpKey', { accountId: account.id, name: 'Claude Desktop' });
    const before = await t.data<KeyCheckResult>('checkKey', { secret: mcp.secret });
    expect(before).toMatchObject({ family: 'mcp', prefix: mcp.key.key_prefix, matches: [{ family: 'mcp', keyId: mcp.key.id }], liveness: { status: 'works' } });
    expect(before.liveness).toHaveProperty('mcp.protocolVersion', '2025-06-18');
    // The check is a use of the key.
    const listed = (await t.data<ListedMcpKey[]>('listMcpKeys', { accountId: account.id })).find((k) => k.id === mcp.key.id);
    expect(listed?.last_used_at).not.toBeNull();

    await t.data('revokeMcpKey', { accountId: account.id, keyId: mcp.key.id });
    const after = await t.data<KeyCheckResult>('checkKey', { secret: mcp.secret });
    expect(after).toMatchObject({ family: 'mcp', matches: [], liveness: { status: 'rejected', host: new URL(sandbox.url).host } });
    expect(after.liveness.message).toMatch(/\(401: .+\): it was revoked, or it belongs to another server\.$/);
  });

  it('something else is not sent anywhere', async () => {
    const before = t.logLines.length;
    const result = await t.data<KeyCheckResult>('checkKey', { secret: `pasted_secret_${'9a'.repeat(16)}` });
    expect(result).toMatchObject({ family: 'other', prefix: null, matches: [], liveness: { status: 'unknown' } });
    expect(t.logLines.slice(before).join('\n')).not.toContain('9a9a9a9a');
    expect(await t.call('checkKey', { secret: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid_payload', message: expect.stringContaining('Paste a key to check.') } });
  });

  it('shows a 429 on introspection with its Retry-After and does not ask again', async () => {
    const limited = await startSandbox({ omiSeed: 'none', devKeyRateLimitPerMinute: 1 });
    const core = createTestCore();
    try {
      const other = await core.data<AccountSummary>('addAccount', { provider: 'omi', label: 'Limited', baseUrl: limited.url, credential: limited.omiBootstrapKey });
      const dev = await core.data<CreatedKey>('createKey', { accountId: other.id, name: 'Busy' });
      expect((await core.data<KeyCheckResult>('checkKey', { secret: dev.secret })).liveness.status).toBe('works');
      const second = await core.data<KeyCheckResult>('checkKey', { secret: dev.secret });
      expect(second.liveness).toMatchObject({ status: 'rate_limited', retryAfterSeconds: expect.any(Number) });
      expect(second.liveness.message).toMatch(/is rate limiting key checks \(429\)\. Check again in \d+ s\.$/);
    } finally {
      await core.dispose();
      await limited.close();
    }
  });
});

describe('the first screen in one request', () => {
  it('answers exactly what the single channels answer', async () => {
    const first = await t.data<FirstScreen>('loadFirstScreen', {});
    expect(first.accounts).toEqual((await t.data<{ accounts: AccountSummary[] }>('listAccounts')).accounts);
    expect(first.activeAccountId).toBe(account.id);
    expect(first.appInfo).toEqual(await t.data('getAppInfo'));
    expect(first.updateStatus).toEqual(await t.data('getUpdateStatus'));
    // Every list call uses DevKeys' own key, so only its last_used_at moves between the two answers.
    const steady = <K extends { last_used_at: string | null }>(keys: K[]) => keys.map(({ last_used_at: _used, ...rest }) => rest);
    expect(first.omi?.accountId).toBe(account.id);
    expect(first.omi?.keys.ok && steady(first.omi.keys.data)).toEqual(steady(await t.data<ListedOmiKey[]>('listKeys', { accountId: account.id })));
    expect(first.omi?.mcpKeys).toEqual({ ok: true, data: await t.data('listMcpKeys', { accountId: account.id }) });
    expect(first.omi?.mcpSetup).toEqual({ ok: true, data: await t.data('getMcpSetup', { accountId: account.id }) });
  });

  it('passes a failed list on as that list’s error, and has no lists for an Omni account', async () => {
    await fault({ kind: 'status500', path: '/v1/mcp/keys', times: 2 });
    const first = await t.data<FirstScreen>('loadFirstScreen', {});
    expect(first.omi?.keys.ok).toBe(true);
    expect(first.omi?.mcpKeys).toMatchObject({ ok: false, error: { code: 'server_error', status: 500 } });

    const omni = await t.data<AccountSummary>('addAccount', { provider: 'omni', instance: sandbox.url, credential: sandbox.omniToken });
    const withOmni = await t.data<FirstScreen>('loadFirstScreen', {});
    expect(withOmni.activeAccountId).toBe(omni.id);
    expect(withOmni.omi).toBeNull();
  });
});
