import { describe, expect, it } from 'vitest';
import type { AccountSummary, KeyFamily } from '../../ipc/contract';
import { AppError } from '../errors';
import { createLogger } from '../logging/log';
import { credentialHint } from '../logging/redact';
import type { HttpSettings } from '../providers/http';
import type { OmiKeyProbe, ProbeOutcome } from '../providers/omi-key-probe';
import { classifySecret, KeyCheck } from './key-check';

const DEV = `omi_dev_${'3f'.repeat(16)}`;
const MCP = `omi_mcp_${'9c'.repeat(16)}`;

const account = (id: string, label: string, extra: Partial<AccountSummary> = {}): AccountSummary => ({
  id,
  label,
  provider: 'omi',
  baseUrl: `https://${id}.example`,
  auth: 'credential',
  credentialHint: 'omi_dev_0000...0000',
  person: null,
  isSandbox: false,
  status: 'ok',
  ...extra,
});
const listed = (id: string, name: string, secret: string, usedByDevKeys = false) => ({
  id,
  name,
  key_prefix: credentialHint(secret),
  created_at: '2025-01-01T00:00:00Z',
  last_used_at: null,
  usedByDevKeys,
});

/** A world of accounts, their lists and their servers, recording every request and its bearer. */
function world(options: {
  accounts: AccountSummary[];
  lists?: Record<string, Partial<Record<KeyFamily, ReturnType<typeof listed>[] | Error>>>;
  answers?: Record<string, ProbeOutcome<unknown> | Error>;
}) {
  const requests: string[] = [];
  const logLines: string[] = [];
  const answer = (settings: HttpSettings, kind: string, secret: string) => {
    requests.push(`${kind} ${new URL(settings.baseUrl).host} ${secret === DEV || secret === MCP ? 'with the key' : 'with something else'}`);
    const outcome = options.answers?.[new URL(settings.baseUrl).host] ?? { status: 'rejected', httpStatus: 401, detail: 'Invalid API Key' };
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  const check = new KeyCheck({
    accounts: async () => options.accounts,
    listKeys: async (accountId, family) => {
      requests.push(`list ${family} ${accountId}`);
      const list = options.lists?.[accountId]?.[family] ?? [];
      if (list instanceof Error) throw list;
      return list;
    },
    endpoint: async (accountId) => ({ baseUrl: options.accounts.find((a) => a.id === accountId)!.baseUrl }),
    probe: (settings): OmiKeyProbe => ({
      introspectDevKey: async (secret) => answer(settings, 'introspect', secret) as ProbeOutcome<never>,
      initializeMcp: async (secret) => answer(settings, 'initialize', secret) as ProbeOutcome<never>,
    }),
    log: createLogger((line) => logLines.push(line)),
  });
  return { check, requests, logLines };
}

describe('classifySecret', () => {
  it('tells the families apart by shape and gives the prefix the lists show', () => {
    expect(classifySecret(DEV)).toEqual({ family: 'dev', wellFormed: true, prefix: 'omi_dev_3f3f...3f3f' });
    expect(classifySecret(MCP)).toEqual({ family: 'mcp', wellFormed: true, prefix: 'omi_mcp_9c9c...9c9c' });
    expect(classifySecret('omi_mcp_legacy')).toEqual({ family: 'mcp', wellFormed: false, prefix: null });
    expect(classifySecret(`omi_dev_${'A'.repeat(32)}`)).toEqual({ family: 'dev', wellFormed: false, prefix: null });
    expect(classifySecret('sk-proj-abcdef')).toEqual({ family: 'other', wellFormed: false, prefix: null });
  });
});

describe('KeyCheck', () => {
  it('sends something that is not an Omi key nowhere', async () => {
    const w = world({ accounts: [account('a', 'Work')] });
    for (const secret of ['ghp_0123456789abcdef', `omi_dev_${'z'.repeat(32)}`]) {
      const result = await w.check.check(secret);
      expect(result.liveness).toMatchObject({ status: 'unknown', message: expect.stringMatching(/DevKeys sent it nowhere\.$/) });
      expect(result.matches).toEqual([]);
    }
    expect(w.requests).toEqual([]);
  });

  it('finds the listed key by prefix, asks only its server, and confirms it from the introspection', async () => {
    const w = world({
      accounts: [account('a', 'Work'), account('b', 'Home')],
      lists: { b: { dev: [listed('k1', 'CI bot', DEV), listed('k2', 'Other', `omi_dev_${'11'.repeat(16)}`)] } },
      answers: { 'b.example': { status: 'works', info: { id: 'k1', name: 'CI bot', key_prefix: credentialHint(DEV), scopes: ['memories:read'] } } },
    });
    const result = await w.check.check(DEV);
    expect(result).toMatchObject({
      family: 'dev',
      prefix: 'omi_dev_3f3f...3f3f',
      matches: [{ accountId: 'b', accountLabel: 'Home', family: 'dev', keyId: 'k1', keyName: 'CI bot', confirmed: true, usedByDevKeys: false }],
      unsearched: [],
      liveness: { status: 'works', host: 'b.example', dev: { name: 'CI bot', scopes: ['memories:read'] } },
    });
    expect(w.requests.filter((r) => !r.startsWith('list'))).toEqual(['introspect b.example with the key']);
    expect(w.requests.filter((r) => r.startsWith('list')).sort()).toEqual(['list dev a', 'list dev b']);
  });

  it('an MCP key is looked up in the MCP lists and tried with an MCP initialize', async () => {
    const w = world({
      accounts: [account('a', 'Work')],
      lists: { a: { mcp: [listed('m1', 'Claude Desktop', MCP)] } },
      answers: { 'a.example': { status: 'works', info: { serverName: 'omi', serverVersion: '1.0', protocolVersion: '2025-06-18' } } },
    });
    const result = await w.check.check(MCP);
    expect(result.matches).toEqual([expect.objectContaining({ family: 'mcp', keyId: 'm1', confirmed: false })]);
    expect(result.liveness).toMatchObject({ status: 'works', mcp: { serverName: 'omi' } });
    expect(w.requests).toEqual(['list mcp a', 'initialize a.example with the key']);
  });

  it('a revoked key: no listed match, every account server is asked once, and all refuse it', async () => {
    const w = world({ accounts: [account('a', 'Work'), account('b', 'Home', { baseUrl: 'https://a.example/' }), account('c', 'Other')] });
    const result = await w.check.check(DEV);
    expect(result.matches).toEqual([]);
    expect(result.liveness).toEqual({
      status: 'rejected',
      host: 'a.example',
      message: 'a.example does not accept this key (401: Invalid API Key): it was revoked, or it belongs to another server.',
    });
    expect(w.requests.filter((r) => !r.startsWith('list'))).toEqual(['introspect a.example with the key', 'introspect c.example with the key']);
  });

  it('reports a 429 with its Retry-After and stops there', async () => {
    const w = world({
      accounts: [account('a', 'Work'), account('c', 'Other')],
      answers: { 'a.example': { status: 'rate_limited', retryAfterSeconds: 17 } },
    });
    const result = await w.check.check(DEV);
    expect(result.liveness).toEqual({
      status: 'rate_limited',
      host: 'a.example',
      retryAfterSeconds: 17,
      message: 'a.example is rate limiting key checks (429). Check again in 17 s.',
    });
    expect(w.requests.filter((r) => !r.startsWith('list'))).toEqual(['introspect a.example with the key']);
  });

  it('names the accounts it could not search, skips Omni accounts, and never logs or returns the secret', async () => {
    const w = world({
      accounts: [
        account('a', 'Work'),
        account('l', 'Locked', { status: 'locked' }),
        account('s', 'Signed out', { auth: 'session', status: 'signed_out' }),
        account('o', 'Omni', { provider: 'omni' }),
      ],
      lists: { a: { dev: new AppError('network', 'Could not reach a.example. Check the address and your connection.') } },
      answers: { 'a.example': new AppError('network', 'Could not reach a.example. Check the address and your connection.') },
    });
    const result = await w.check.check(DEV);
    expect(result.unsearched).toEqual([
      { accountId: 'a', accountLabel: 'Work', message: 'Could not reach a.example. Check the address and your connection.' },
      { accountId: 'l', accountLabel: 'Locked', message: 'It is locked: re-enter its credential to search it.' },
      { accountId: 's', accountLabel: 'Signed out', message: 'It is signed out: sign in again to search it.' },
    ]);
    expect(result.liveness).toEqual({
      status: 'unknown',
      message: 'DevKeys could not find out whether it works. Could not reach a.example. Check the address and your connection.',
    });
    expect(w.requests.some((r) => r.includes(' o'))).toBe(false);
    const everything = JSON.stringify(result) + w.logLines.join('\n');
    expect(everything).not.toContain(DEV.slice(8));
    expect(w.logLines.join('\n')).toContain('"event":"key_check.done"');
  });

  it('without Omi accounts it says how to check whether the key works', async () => {
    const w = world({ accounts: [] });
    const result = await w.check.check(MCP);
    expect(result.liveness).toMatchObject({ status: 'unknown', message: expect.stringMatching(/^Add an Omi account/) });
    expect(w.requests).toEqual([]);
  });
});
