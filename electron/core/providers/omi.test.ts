import { describe, expect, it } from 'vitest';
import { fixedCredential } from '../session/auth-session';
import { createOmiClient } from './omi';

/** A server that answers every request with one status (no body). */
function answering(status: number) {
  return createOmiClient(
    { baseUrl: 'http://127.0.0.1:1', fetch: async () => new Response(null, { status }) },
    fixedCredential(async () => `omi_dev_${'1'.repeat(32)}`),
  );
}

describe('Omi client revokeKey', () => {
  // The real server answers 204 for an unknown id (the sandbox does the same); the contract lists 404.
  it('reads 204 as revoked and a contract-style 404 as already gone', async () => {
    await expect(answering(204).revokeKey('k')).resolves.toBe('revoked');
    await expect(answering(404).revokeKey('k')).resolves.toBe('already_gone');
  });
});
