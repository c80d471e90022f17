/**
 * "Which key is this?": a secret found in a config file or a repository is classified by its
 * shape, looked up by prefix in the key lists of every Omi account, and tried against the
 * server that should know it — a Developer API key through `GET /v1/dev/key` (the key
 * describes itself), an MCP key through an MCP `initialize`. The secret lives only in this
 * call: it is not logged, cached, stored, or put into any answer or error; anything that is
 * not shaped like an Omi key never leaves the machine.
 */
import type { AccountSummary, KeyCheckLiveness, KeyCheckMatch, KeyCheckResult, KeyFamily } from '../../ipc/contract';
import { AppError } from '../errors';
import type { Logger } from '../logging/log';
import { credentialHint } from '../logging/redact';
import type { HttpSettings } from '../providers/http';
import { hostOf } from '../providers/http';
import type { OmiKeyProbe, ProbeOutcome } from '../providers/omi-key-probe';

const SHAPES: { family: KeyFamily; marker: string; exact: RegExp }[] = [
  { family: 'dev', marker: 'omi_dev_', exact: /^omi_dev_[0-9a-f]{32}$/ },
  { family: 'mcp', marker: 'omi_mcp_', exact: /^omi_mcp_[0-9a-f]{32}$/ },
];

/** A listed key of either family, as far as the check needs it. */
interface ListedKeyLike {
  id: string;
  name: string;
  key_prefix: string;
  created_at: string;
  last_used_at: string | null;
  usedByDevKeys?: boolean;
}

export interface KeyCheckDeps {
  accounts(): Promise<AccountSummary[]>;
  /** The account's key list of that family (through its session). */
  listKeys(accountId: string, family: KeyFamily): Promise<ListedKeyLike[]>;
  /** Where the account's API lives, with the HTTP settings its clients use. */
  endpoint(accountId: string): Promise<HttpSettings>;
  probe(settings: HttpSettings): OmiKeyProbe;
  log: Logger;
}

/** The family and prefix a secret's shape says it has; no request is made. */
export function classifySecret(secret: string): Pick<KeyCheckResult, 'family' | 'wellFormed' | 'prefix'> {
  const shape = SHAPES.find((s) => secret.startsWith(s.marker));
  if (!shape) return { family: 'other', wellFormed: false, prefix: null };
  const wellFormed = shape.exact.test(secret);
  return { family: shape.family, wellFormed, prefix: wellFormed ? credentialHint(secret) : null };
}

export class KeyCheck {
  constructor(private readonly deps: KeyCheckDeps) {}

  async check(secret: string): Promise<KeyCheckResult> {
    const shape = classifySecret(secret);
    const { family, prefix } = shape;
    if (family === 'other' || prefix === null) {
      const message =
        family === 'other'
          ? 'This is not an Omi key: Omi keys start with omi_dev_ (Developer API) or omi_mcp_ (MCP). DevKeys sent it nowhere.'
          : `This starts like an Omi ${FAMILY_NAMES[family]} key but is not one (they are ${family === 'dev' ? 'omi_dev_' : 'omi_mcp_'} and 32 hex characters). DevKeys sent it nowhere.`;
      this.deps.log.info('key_check.done', { family, wellFormed: false });
      return { ...shape, matches: [], unsearched: [], liveness: { status: 'unknown', message } };
    }

    const omiAccounts = (await this.deps.accounts()).filter((account) => account.provider === 'omi');
    const { matches, unsearched } = await this.findListed(omiAccounts, family, prefix);
    const liveness = await this.tryKey(secret, family, omiAccounts, matches);
    this.deps.log.info('key_check.done', { family, wellFormed: true, keyPrefix: prefix, matches: matches.length, liveness: liveness.status });
    return { ...shape, matches, unsearched, liveness };
  }

  /** Every listed key of this family with this prefix, in every Omi account that can be listed. */
  private async findListed(accounts: AccountSummary[], family: KeyFamily, prefix: string) {
    const matches: KeyCheckMatch[] = [];
    const unsearched: KeyCheckResult['unsearched'] = [];
    await Promise.all(
      accounts.map(async (account) => {
        if (account.status !== 'ok') {
          const message =
            account.status === 'signed_out' ? 'It is signed out: sign in again to search it.' : 'It is locked: re-enter its credential to search it.';
          unsearched.push({ accountId: account.id, accountLabel: account.label, message });
          return;
        }
        try {
          for (const key of await this.deps.listKeys(account.id, family)) {
            if (key.key_prefix !== prefix) continue;
            matches.push({
              accountId: account.id,
              accountLabel: account.label,
              family,
              keyId: key.id,
              keyName: key.name,
              keyPrefix: key.key_prefix,
              createdAt: key.created_at,
              lastUsedAt: key.last_used_at,
              usedByDevKeys: key.usedByDevKeys ?? false,
              confirmed: false,
            });
          }
        } catch (error) {
          unsearched.push({ accountId: account.id, accountLabel: account.label, message: reasonOf(error) });
        }
      }),
    );
    const order = new Map(accounts.map((account, index) => [account.id, index]));
    matches.sort((a, b) => (order.get(a.accountId) ?? 0) - (order.get(b.accountId) ?? 0));
    unsearched.sort((a, b) => (order.get(a.accountId) ?? 0) - (order.get(b.accountId) ?? 0));
    return { matches, unsearched };
  }

  /**
   * Sends the key only to servers that should know it: the servers of the accounts listing its
   * prefix, else those of the user's Omi accounts (each server once), until one accepts it.
   * One request per server; a 429 stops the check and is reported, never waited out.
   */
  private async tryKey(secret: string, family: KeyFamily, accounts: AccountSummary[], matches: KeyCheckMatch[]): Promise<KeyCheckLiveness> {
    const candidates = matches.length > 0 ? [...new Set(matches.map((m) => m.accountId))] : accounts.filter((a) => a.status === 'ok').map((a) => a.id);
    if (candidates.length === 0) {
      return { status: 'unknown', message: 'Add an Omi account to check whether this key still works: DevKeys asks that account’s server.' };
    }
    const servers = new Map<string, HttpSettings>();
    const problems: string[] = [];
    for (const accountId of candidates) {
      try {
        const settings = await this.deps.endpoint(accountId);
        const origin = originOf(settings.baseUrl);
        if (!servers.has(origin)) servers.set(origin, settings);
      } catch (error) {
        problems.push(reasonOf(error));
      }
    }
    let rejected: KeyCheckLiveness | null = null;
    for (const settings of servers.values()) {
      const host = hostOf(settings.baseUrl);
      let outcome: ProbeOutcome<unknown>;
      try {
        const probe = this.deps.probe(settings);
        outcome = family === 'dev' ? await probe.introspectDevKey(secret) : await probe.initializeMcp(secret);
      } catch (error) {
        problems.push(reasonOf(error));
        continue;
      }
      if (outcome.status === 'rate_limited') {
        const wait = outcome.retryAfterSeconds === undefined ? 'in a moment' : `in ${outcome.retryAfterSeconds} s`;
        return {
          status: 'rate_limited',
          host,
          message: `${host} is rate limiting key checks (429). Check again ${wait}.`,
          ...(outcome.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: outcome.retryAfterSeconds }),
        };
      }
      if (outcome.status === 'rejected') {
        rejected ??= {
          status: 'rejected',
          host,
          message: `${host} does not accept this key (${outcome.httpStatus}${outcome.detail ? `: ${outcome.detail}` : ''}): it was revoked, or it belongs to another server.`,
        };
        continue;
      }
      return this.works(family, host, outcome.info, matches);
    }
    if (rejected) return rejected;
    return { status: 'unknown', message: `DevKeys could not find out whether it works. ${problems.join(' ')}`.trim() };
  }

  private works(family: KeyFamily, host: string, info: unknown, matches: KeyCheckMatch[]): KeyCheckLiveness {
    if (family === 'dev') {
      const dev = info as { id: string; name: string; scopes: string[] };
      // The server named the key: that listed key is certainly the one.
      for (const match of matches) if (match.keyId === dev.id) match.confirmed = true;
      return { status: 'works', host, message: `It works: ${host} accepts it as “${dev.name}”.`, dev: { name: dev.name, scopes: dev.scopes } };
    }
    const mcp = info as { serverName: string; serverVersion: string; protocolVersion: string };
    return { status: 'works', host, message: `It works: ${host}’s MCP server accepts it.`, mcp };
  }
}

const FAMILY_NAMES: Record<KeyFamily, string> = { dev: 'Developer API', mcp: 'MCP' };

function reasonOf(error: unknown): string {
  return error instanceof AppError ? error.message : 'Something went wrong inside DevKeys.';
}

function originOf(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return baseUrl;
  }
}
