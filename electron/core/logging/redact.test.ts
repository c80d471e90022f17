import { describe, expect, it } from 'vitest';
import { credentialHint, redactSecrets } from './redact';

describe('redaction of Omi keys', () => {
  const dev = `omi_dev_${'3f'.repeat(16)}`;
  const mcp = `omi_mcp_${'9c'.repeat(16)}`;

  it('redacts Developer API and MCP secrets, bare or in a header', () => {
    expect(redactSecrets(`key ${dev} and ${mcp}`)).toBe('key omi_dev_[redacted] and omi_mcp_[redacted]');
    expect(redactSecrets(`"Authorization": "Bearer ${mcp}"`)).toBe('"Authorization": "Bearer [redacted]"');
    expect(redactSecrets(`omi_mcp_${'9c'.repeat(5)}`)).toBe('omi_mcp_[redacted]');
  });

  it('keeps prefixes and the legacy records’ prefixes readable', () => {
    for (const text of ['omi_dev_3f3f...3f3f', 'omi_mcp_9c9c...9c9c', 'omi_dev_legacy', 'omi_mcp_legacy', '(omi_mcp_legacy)']) {
      expect(redactSecrets(text)).toBe(text);
    }
    expect(redactSecrets('omi_mcp_legacy0123456789')).toBe('omi_mcp_[redacted]');
  });

  it('hints both families as the server prefixes them', () => {
    expect(credentialHint(dev)).toBe('omi_dev_3f3f...3f3f');
    expect(credentialHint(mcp)).toBe('omi_mcp_9c9c...9c9c');
  });
});

describe('redaction of session tokens', () => {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub: 'uid-1', email: 'a@b.test' })}.${'s'.repeat(40)}`;
  const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part({ uid: 'uid-1', aud: 'x' })}.`;
  const refresh = `AMf-vB${'x9_-'.repeat(40)}`;

  it('redacts signed and unsigned JWTs, Firebase refresh tokens and long opaque tokens', () => {
    expect(redactSecrets(`id ${signed} custom ${unsigned} end`)).toBe('id [redacted-jwt] custom [redacted-jwt] end');
    expect(redactSecrets(`{"refresh_token":"${refresh}"}`)).toBe('{"refresh_token":"[redacted-refresh-token]"}');
    expect(redactSecrets(`t=${'Q'.repeat(120)}`)).toBe('t=[redacted-token]');
  });

  it('leaves ordinary log text alone', () => {
    const line = '{"event":"sign_in.started","url":"http://127.0.0.1:9/v1/auth/authorize?state=abcdefgh…","attempt":1}';
    expect(redactSecrets(line)).toBe(line);
  });
});
