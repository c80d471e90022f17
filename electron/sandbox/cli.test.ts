import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSandboxArgs } from './cli';
import { call } from './test-client';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BOOTSTRAP_KEY = `omi_dev_${'5a'.repeat(16)}`;

describe('parseSandboxArgs', () => {
  it('defaults to port 8787, no seeds, no faults', () => {
    expect(parseSandboxArgs([])).toEqual({
      ok: true,
      help: false,
      options: { port: 8787, omiSeed: 'none', omniSeed: 'none', faults: false },
    });
  });

  it('parses every flag', () => {
    const parsed = parseSandboxArgs([
      '--port', '0', '--bootstrap-key', BOOTSTRAP_KEY, '--seed', 'demo', '--omni-token', 'tok_123',
      '--omni-seed', 'large', '--omni-rate-limit', '0', '--dev-key-rate-limit', '5', '--faults',
    ]);
    expect(parsed).toEqual({
      ok: true,
      help: false,
      options: {
        port: 0,
        omiBootstrapKey: BOOTSTRAP_KEY,
        omiSeed: 'demo',
        omniToken: 'tok_123',
        omniSeed: 'large',
        omniRateLimitPerMinute: 0,
        devKeyRateLimitPerMinute: 5,
        faults: true,
      },
    });
    expect(parseSandboxArgs(['--port=9000', '--help'])).toMatchObject({ ok: true, help: true, options: { port: 9000 } });
  });

  it('parses the sign-in flags', () => {
    const parsed = parseSandboxArgs([
      '--key-auth', 'session', '--auth-auto-approve', '--firebase-api-key', 'AIzaSyTest_key-1', '--id-token-ttl', '5',
    ]);
    expect(parsed).toMatchObject({
      ok: true,
      options: { keyAuth: 'session', authAutoApprove: true, firebaseApiKey: 'AIzaSyTest_key-1', idTokenTtlSeconds: 5 },
    });
    expect(parseSandboxArgs(['--firebase-emulator', '127.0.0.1:9099', '--firebase-project', 'demo-devkeys'])).toMatchObject({
      options: { firebaseEmulator: { host: '127.0.0.1:9099', projectId: 'demo-devkeys' } },
    });
    expect(parseSandboxArgs(['--firebase-emulator', '[::1]:9099', '--firebase-project', 'demo-devkeys'])).toMatchObject({ ok: true });
    for (const mode of ['api-key', 'both']) expect(parseSandboxArgs(['--key-auth', mode])).toMatchObject({ options: { keyAuth: mode } });
  });

  it('uses the Omi seed for Omni unless --omni-seed is given', () => {
    expect(parseSandboxArgs(['--seed', 'demo'])).toMatchObject({ options: { omiSeed: 'demo', omniSeed: 'demo' } });
    expect(parseSandboxArgs(['--seed', 'demo', '--omni-seed', 'none'])).toMatchObject({ options: { omniSeed: 'none' } });
    expect(parseSandboxArgs(['--omni-seed', 'demo'])).toMatchObject({ options: { omiSeed: 'none', omniSeed: 'demo' } });
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--port'], /^Missing value for --port$/],
    [['--port', '--faults'], /^Missing value for --port$/],
    [['--faults=yes'], /--faults/],
    [['--port', 'abc'], /Invalid --port 'abc'/],
    [['--port', '65536'], /Invalid --port/],
    [['--port', '-1'], /--port/],
    [['--bootstrap-key', 'omi_dev_123'], /Invalid --bootstrap-key/],
    [['--bootstrap-key', BOOTSTRAP_KEY.toUpperCase()], /Invalid --bootstrap-key/],
    [['--seed', 'large'], /Invalid --seed 'large'/],
    [['--omni-seed', 'huge'], /Invalid --omni-seed 'huge'/],
    [['--omni-rate-limit', '-5'], /--omni-rate-limit/],
    [['--omni-rate-limit', 'fast'], /Invalid --omni-rate-limit/],
    [['--omni-token', ''], /Invalid --omni-token/],
    [['--dev-key-rate-limit', '1.5'], /Invalid --dev-key-rate-limit '1.5'/],
    [['--dev-key-rate-limit'], /^Missing value for --dev-key-rate-limit$/],
    [['extra'], /extra/],
    [['--key-auth', 'none'], /^Invalid --key-auth 'none': expected session, api-key or both$/],
    [['--auth-auto-approve=yes'], /--auth-auto-approve/],
    [['--firebase-api-key', 'has space'], /^Invalid --firebase-api-key/],
    [['--firebase-api-key', ''], /^Invalid --firebase-api-key/],
    [['--id-token-ttl', '0'], /^Invalid --id-token-ttl '0': expected a whole number of seconds from 1 to 86400$/],
    [['--id-token-ttl', '1.5'], /^Invalid --id-token-ttl/],
    [['--id-token-ttl', '86401'], /^Invalid --id-token-ttl/],
    [['--firebase-emulator', '127.0.0.1'], /^Invalid --firebase-emulator '127\.0\.0\.1': expected HOST:PORT/],
    [['--firebase-emulator', 'localhost:0', '--firebase-project', 'demo-devkeys'], /^Invalid --firebase-emulator/],
    [['--firebase-emulator', '127.0.0.1:9099'], /^--firebase-emulator needs --firebase-project/],
    [['--firebase-project', 'demo-devkeys'], /^--firebase-project needs --firebase-emulator/],
    [['--firebase-emulator', '127.0.0.1:9099', '--firebase-project', 'Demo'], /^Invalid --firebase-project 'Demo'/],
  ])('rejects %j', (argv, message) => {
    const parsed = parseSandboxArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toMatch(message);
      expect(parsed.error).not.toContain('\n');
    }
  });
});

function runCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/sandbox/cli.ts', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe('sandbox CLI process', () => {
  it('prints the URL with the real port, the credentials and the sign-in details, serves, and exits 0 on SIGTERM', async () => {
    const cli = runCli(['--port', '0', '--bootstrap-key', BOOTSTRAP_KEY, '--omni-token', 'cli_token', '--seed', 'demo']);
    try {
      await expect.poll(() => cli.output().stdout.split('\n').length, { timeout: 10_000 }).toBeGreaterThanOrEqual(12);
      const lines = cli.output().stdout.split('\n');
      expect(lines).toHaveLength(12);
      expect(lines[0]).toMatch(/^Sandbox Omi API listening on http:\/\/127\.0\.0\.1:\d+$/);
      const url = lines[0]?.split(' ').at(-1) ?? '';
      expect(Number(new URL(url).port)).toBeGreaterThan(0);
      expect(lines.slice(1)).toEqual([
        `bootstrap key: ${BOOTSTRAP_KEY}`,
        'Omni API token: cli_token',
        `MCP server: ${url}/v1/mcp (create an omi_mcp_ key with POST /v1/mcp/keys)`,
        'Sign in with Omi:',
        `  API base: ${url}`,
        '  Firebase web API key: AIzaSyDevKeysSandboxLocalOnly0000000000',
        `  Firebase Auth emulator host: ${new URL(url).host}`,
        expect.stringMatching(/^ {2}user: sandbox@devkeys\.test \(uid [A-Za-z0-9]{28}\)$/),
        '  consent: a page in the browser with a Continue button',
        '  key endpoints accept: ID tokens and omi_dev_ keys (--key-auth both)',
        '',
      ]);

      const omi = await call<unknown[]>(url, 'GET', '/v1/dev/keys', { token: BOOTSTRAP_KEY });
      expect(omi.status).toBe(200);
      expect(omi.body.length).toBeGreaterThanOrEqual(9);
      const mcp = await call<unknown[]>(url, 'GET', '/v1/mcp/keys', { token: BOOTSTRAP_KEY });
      expect(mcp.body.length).toBeGreaterThanOrEqual(3);
      const omni = await call<{ pageInfo: { totalRecords: number } }>(url, 'GET', '/api/v1/api-keys', { token: 'cli_token' });
      expect(omni.body.pageInfo.totalRecords).toBe(250);
    } finally {
      cli.child.kill('SIGTERM');
    }
    expect(await cli.exited).toEqual([0, null]);
    expect(cli.output().stderr).toBe('');
  });

  it('names the sign-in mode, the emulator and the test hooks in the banner', async () => {
    const cli = runCli([
      '--port', '0', '--key-auth', 'session', '--auth-auto-approve', '--faults',
      '--firebase-emulator', '127.0.0.1:9099', '--firebase-project', 'demo-devkeys',
    ]);
    try {
      await expect.poll(() => cli.output().stdout, { timeout: 10_000 }).toContain('test hooks:');
      const { stdout } = cli.output();
      expect(stdout).toContain('  Firebase Auth emulator host: 127.0.0.1:9099 (external, project demo-devkeys)\n');
      expect(stdout).toContain('  consent: auto-approved (--auth-auto-approve)\n');
      expect(stdout).toContain('  key endpoints accept: ID tokens only (--key-auth session; the bootstrap key is refused, as on api.omi.me)\n');
      expect(stdout).toContain('  test hooks: POST /__sandbox/auth/users/UID/end-sessions, POST /__sandbox/auth/users/UID/disable\n');
    } finally {
      cli.child.kill('SIGTERM');
    }
    expect(await cli.exited).toEqual([0, null]);
  });

  it('--help lists the sign-in flags', async () => {
    const cli = runCli(['--help']);
    expect(await cli.exited).toEqual([0, null]);
    for (const flag of ['--key-auth session|api-key|both', '--auth-auto-approve', '--firebase-api-key KEY', '--id-token-ttl SECONDS', '--firebase-emulator HOST:PORT', '--firebase-project ID']) {
      expect(cli.output().stdout).toContain(flag);
    }
  });

  it('exits 2 with a one-line error and the usage for invalid flags', async () => {
    const cli = runCli(['--port', 'nope']);
    expect(await cli.exited).toEqual([2, null]);
    const { stdout, stderr } = cli.output();
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe("sandbox: Invalid --port 'nope': expected an integer from 0 to 65535");
    expect(stderr).toContain('Usage: sandbox [options]');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
