import { describe, expect, it } from 'vitest';
import type { CreatedKey } from '../../../electron/ipc/contract';
import { OneTimeSecret } from './oneTimeSecret';

const created = (): CreatedKey => ({
  key: { id: 'k1', name: 'My key', key_prefix: 'omi_dev_0123...cdef', created_at: '2025-12-05T00:00:00Z', last_used_at: null, scopes: null },
  secret: 'omi_dev_0123456789abcdef0123456789abcdef',
  secretHandle: 'a'.repeat(32),
});

describe('OneTimeSecret', () => {
  it('takes the secret off the IPC result and gives it back until wiped', () => {
    const source = created();
    const holder = new OneTimeSecret(source);
    expect(source.secret).toBe('');
    expect(holder.value).toBe('omi_dev_0123456789abcdef0123456789abcdef');
    expect(holder.key).toEqual({ id: 'k1', name: 'My key', key_prefix: 'omi_dev_0123...cdef' });
    expect(holder.family).toBe('dev');
    expect(holder.secretHandle).toBe('a'.repeat(32));
    expect(holder.wiped).toBe(false);
    holder.wipe();
    expect(holder.value).toBe('');
    expect(holder.wiped).toBe(true);
  });

  it('remembers an MCP key as such', () => {
    const holder = new OneTimeSecret({ ...created(), secret: `omi_mcp_${'1'.repeat(32)}` }, 'mcp');
    expect(holder.family).toBe('mcp');
    expect(holder.value).toMatch(/^omi_mcp_/);
  });

  it('does not expose the secret through JSON or enumeration', () => {
    const holder = new OneTimeSecret(created());
    expect(JSON.stringify(holder)).not.toContain('omi_dev_0123456789');
    expect(Object.values(holder).join(' ')).not.toContain('omi_dev_0123456789');
  });
});
