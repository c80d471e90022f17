import { QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { BridgeError } from './bridge';
import { createQueryClient } from './queryClient';
import { queryKeys } from './queryKeys';

describe('query client defaults', () => {
  const defaults = createQueryClient().getDefaultOptions();

  it('never retries a mutation: a create or revoke is only repeated by the user', () => {
    expect(defaults.mutations?.retry).toBe(false);
  });

  it('retries queries only on transient failures, and at most 3 times', () => {
    const retry = defaults.queries?.retry as (failureCount: number, error: unknown) => boolean;
    const error = (code: ConstructorParameters<typeof BridgeError>[0]['code']) => new BridgeError({ code, message: 'x' });
    expect(retry(0, error('network'))).toBe(true);
    expect(retry(2, error('server_error'))).toBe(true);
    expect(retry(3, error('timeout'))).toBe(false);
    for (const code of ['unauthorized', 'validation', 'account_locked', 'create_outcome_unknown', 'weak_encryption_consent_required'] as const) {
      expect(retry(0, error(code)), code).toBe(false);
    }
  });
});

describe('a session that is over', () => {
  it('refreshes the account list when any request finds its account signed out', async () => {
    const client = createQueryClient();
    let accountListFetches = 0;
    // An observer keeps the account list active, as the App's useAccounts does.
    const unsubscribe = new QueryObserver(client, { queryKey: queryKeys.accounts(), queryFn: async () => ++accountListFetches }).subscribe(() => {});
    await expect.poll(() => accountListFetches).toBe(1);
    await client
      .fetchQuery({
        queryKey: queryKeys.account('a').keys(),
        queryFn: async () => Promise.reject(new BridgeError({ code: 'signed_out', message: 'Sign in again' })),
        retry: false,
      })
      .catch(() => undefined);
    await expect.poll(() => accountListFetches).toBe(2);
    await client
      .fetchQuery({ queryKey: queryKeys.account('b').keys(), queryFn: async () => Promise.reject(new BridgeError({ code: 'validation', message: 'x' })), retry: false })
      .catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(accountListFetches).toBe(2);
    unsubscribe();
  });
});
