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
