import { describe, expect, it } from 'vitest';
import { BridgeError } from './bridge';
import { createQueryClient } from './queryClient';

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
