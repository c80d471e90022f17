import { describe, expect, it } from 'vitest';
import { claudeCodeConfig, mcpSetupOf, mcpUrlOf } from './mcp-setup';

describe('MCP setup, as the Omi app builds it', () => {
  it('joins the API base and /v1/mcp exactly once, whatever trailing slashes the base has', () => {
    expect(mcpUrlOf('https://api.omi.me')).toBe('https://api.omi.me/v1/mcp');
    expect(mcpUrlOf('https://api.omi.me///')).toBe('https://api.omi.me/v1/mcp');
    expect(mcpUrlOf('http://127.0.0.1:8787/omi/')).toBe('http://127.0.0.1:8787/omi/v1/mcp');
  });

  it('pretty-prints the Claude Code config with 2-space indentation, character for character', () => {
    expect(claudeCodeConfig('https://api.omi.me/v1/mcp')).toBe(
      [
        '{',
        '  "mcpServers": {',
        '    "omi": {',
        '      "type": "http",',
        '      "url": "https://api.omi.me/v1/mcp",',
        '      "headers": {',
        '        "Authorization": "Bearer <key>"',
        '      }',
        '    }',
        '  }',
        '}',
      ].join('\n'),
    );
  });

  it('fills in a key, and advertises neither the legacy SSE URL nor a command transport', () => {
    const key = `omi_mcp_${'ab'.repeat(16)}`;
    const config = JSON.parse(claudeCodeConfig('https://api.omi.me/v1/mcp', key)) as Record<string, unknown>;
    expect(config).toEqual({ mcpServers: { omi: { type: 'http', url: 'https://api.omi.me/v1/mcp', headers: { Authorization: `Bearer ${key}` } } } });
    const setup = mcpSetupOf('https://api.omi.me');
    const everything = JSON.stringify(setup);
    expect(everything).not.toContain('/sse');
    expect(everything).not.toMatch(/command|docker/);
    expect(setup).toEqual({
      mcpUrl: 'https://api.omi.me/v1/mcp',
      claudeCodeConfig: claudeCodeConfig('https://api.omi.me/v1/mcp'),
      authorizationHeader: 'Authorization: Bearer <key>',
      oauthClientId: 'omi-claude-prod',
    });
  });
});
