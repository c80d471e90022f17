import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanForSecrets } from './secret-scan';

const root = mkdtempSync(join(tmpdir(), 'devkeys-scan-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('scanForSecrets', () => {
  it('finds a planted secret in a nested file and ignores redacted or partial ones', () => {
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'a', 'clean.log'), 'omi_dev_[redacted] omi_dev_3fa1...9c0e');
    writeFileSync(join(root, 'a', 'b', 'leak.bin'), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(`x omni_sbx_${'ab'.repeat(16)} y`)]));
    const { hits, filesScanned } = scanForSecrets([root, join(root, 'missing')]);
    expect(filesScanned).toBe(2);
    expect(hits).toEqual([{ file: join(root, 'a', 'b', 'leak.bin'), pattern: 'omni_sbx_[0-9a-f]{32}' }]);
  });

  it('finds MCP secrets and pasted secrets, not their prefixes', () => {
    const dir = join(root, 'mcp');
    mkdirSync(dir);
    writeFileSync(join(dir, 'clean.json'), '{"prefix":"omi_mcp_3fa1...9c0e","legacy":"omi_mcp_legacy","x":"omi_mcp_[redacted]"}');
    writeFileSync(join(dir, 'config.json'), `{"Authorization": "Bearer omi_mcp_${'0f'.repeat(16)}"}`);
    writeFileSync(join(dir, 'pasted.txt'), `pasted_secret_${'9a'.repeat(16)}`);
    const { hits } = scanForSecrets([dir]);
    expect(hits.map((hit) => [hit.file.slice(dir.length + 1), hit.pattern])).toEqual(
      expect.arrayContaining([
        ['config.json', 'omi_mcp_[0-9a-f]{32}'],
        ['pasted.txt', 'pasted_secret_[0-9a-f]{32}'],
      ]),
    );
    expect(hits).toHaveLength(2);
  });

  it('finds the tokens of a sign-in: JWTs (signed or not) and Firebase refresh tokens', () => {
    const dir = join(root, 'session');
    mkdirSync(dir);
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    writeFileSync(join(dir, 'clean.log'), '{"event":"session.refreshed","token":"[redacted-jwt]","refresh":"[redacted-refresh-token]"}');
    writeFileSync(join(dir, 'id.txt'), `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'uid-123456' })}.`);
    writeFileSync(join(dir, 'refresh.txt'), `AMf-vB${'a'.repeat(150)}`);
    const { hits } = scanForSecrets([dir]);
    expect(hits.map((hit) => hit.file.slice(dir.length + 1)).sort()).toEqual(['id.txt', 'refresh.txt']);
  });
});
