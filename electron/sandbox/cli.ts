// Command line for the sandbox: `npx tsx electron/sandbox/cli.ts --port 8787 --seed demo`.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AUTH_HOOKS_PATH } from './auth/test-hooks';
import { apiKeyProblem, emulatorHostProblem, idTokenTtlProblem, projectIdProblem } from './auth/omi-sign-in';
import { KEY_AUTH_MODES, OMI_KEY_PATTERN } from './omi';
import { startSandbox, type Sandbox, type SandboxOptions } from './server';

export const SANDBOX_USAGE = `Usage: sandbox [options]

Starts the local sandbox serving the Omi API (Developer API keys /v1/dev/keys, the calling
key /v1/dev/key, MCP keys /v1/mcp/keys, the MCP server POST /v1/mcp) and the Omni API
(/api/v1/api-keys).

Options:
  --port N               port on 127.0.0.1 (default 8787; 0 = any free port)
  --bootstrap-key KEY    Omi bootstrap key: omi_dev_ + 32 lowercase hex (default: random)
  --seed none|demo       Omi demo keys, Developer API and MCP (default none); demo also seeds
                         Omni unless --omni-seed is given
  --dev-key-rate-limit N GET /v1/dev/key requests per minute per key (default 60; 0 = unlimited)
  --omni-token TOKEN     Omni admin token (default: random)
  --omni-seed none|demo|large
                         Omni tokens: demo ≈ 250, large = 10,000
  --omni-rate-limit N    Omni requests per minute per token (default 60; 0 = unlimited)
  --faults               enable the fault injection endpoint /__sandbox/faults: POST
                         {"kind": …, "times": n, "method": …, "path": …} with kind latency,
                         status500, rate_limit, reset, malformed_json, lose_create_response,
                         revoke_unavailable (503 on DELETE /v1/dev/keys/{id}, /v1/mcp/keys/{id}),
                         token_bad_gateway (502 from /v1/auth/token) or refresh_unavailable
                         (503 from the token refresh); and the session test hooks under
                         /__sandbox/auth/users/UID/ (end-sessions, disable)

Sign in with Omi (GET /v1/auth/authorize, POST /v1/auth/token, Firebase's token endpoints):
  --key-auth session|api-key|both
                         what the key endpoints accept: session = ID tokens only, like the
                         public backend; api-key = omi_dev_ keys only; both (default)
  --auth-auto-approve    authorize redirects to the app at once (no consent page)
  --firebase-api-key KEY the Web API key the Firebase endpoints require (default: printed)
  --id-token-ttl SECONDS lifetime of the ID tokens (default 3600)
  --firebase-emulator HOST:PORT
                         use an external Firebase Auth emulator instead of serving the
                         Firebase endpoints; needs --firebase-project
  --firebase-project ID  the emulator's project id
  --help                 show this help`;

const DEFAULT_PORT = 8787;
const OMI_SEEDS = ['none', 'demo'] as const;
const OMNI_SEEDS = ['none', 'demo', 'large'] as const;

export type ParsedSandboxArgs = { ok: true; help: boolean; options: SandboxOptions } | { ok: false; error: string };

function oneOf<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  return allowed.find((option) => option === value);
}

function nonNegativeInteger(value: string, max: number): number | undefined {
  const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
  return parsed <= max ? parsed : undefined;
}

/** parseArgs errors span several sentences and lines; keep one clear line. */
function parseArgsErrorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstSentence = message.split(/\.(?:\s|$)/)[0] ?? message;
  // "Option '--port <value>' argument missing" / "... argument is ambiguous" (next arg is a flag).
  const flag = /argument (missing|is ambiguous)/.test(firstSentence) ? /--[\w-]+/.exec(firstSentence)?.[0] : undefined;
  return flag ? `Missing value for ${flag}` : firstSentence;
}

/** Pure: turns argv (without node and script) into sandbox options or a one-line error. */
export function parseSandboxArgs(argv: readonly string[]): ParsedSandboxArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        'bootstrap-key': { type: 'string' },
        seed: { type: 'string' },
        'omni-token': { type: 'string' },
        'omni-seed': { type: 'string' },
        'omni-rate-limit': { type: 'string' },
        'dev-key-rate-limit': { type: 'string' },
        faults: { type: 'boolean' },
        'key-auth': { type: 'string' },
        'auth-auto-approve': { type: 'boolean' },
        'firebase-api-key': { type: 'string' },
        'id-token-ttl': { type: 'string' },
        'firebase-emulator': { type: 'string' },
        'firebase-project': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    return { ok: false, error: parseArgsErrorLine(error) };
  }

  const options: SandboxOptions = { faults: values.faults ?? false };

  const port = values.port === undefined ? DEFAULT_PORT : nonNegativeInteger(values.port, 65535);
  if (port === undefined) return { ok: false, error: `Invalid --port '${values.port}': expected an integer from 0 to 65535` };
  options.port = port;

  const bootstrapKey = values['bootstrap-key'];
  if (bootstrapKey !== undefined) {
    if (!OMI_KEY_PATTERN.test(bootstrapKey)) {
      return { ok: false, error: 'Invalid --bootstrap-key: expected omi_dev_ followed by 32 lowercase hex characters' };
    }
    options.omiBootstrapKey = bootstrapKey;
  }

  const omiSeed = oneOf(values.seed ?? 'none', OMI_SEEDS);
  if (omiSeed === undefined) return { ok: false, error: `Invalid --seed '${values.seed}': expected none or demo` };
  options.omiSeed = omiSeed;

  const omniSeed = values['omni-seed'] === undefined ? omiSeed : oneOf(values['omni-seed'], OMNI_SEEDS);
  if (omniSeed === undefined) {
    return { ok: false, error: `Invalid --omni-seed '${values['omni-seed']}': expected none, demo or large` };
  }
  options.omniSeed = omniSeed;

  const omniToken = values['omni-token'];
  if (omniToken !== undefined) {
    if (!/^\S+$/.test(omniToken)) return { ok: false, error: 'Invalid --omni-token: must be non-empty without spaces' };
    options.omniToken = omniToken;
  }

  const rateLimit = values['omni-rate-limit'];
  if (rateLimit !== undefined) {
    const perMinute = nonNegativeInteger(rateLimit, Number.MAX_SAFE_INTEGER);
    if (perMinute === undefined) {
      return { ok: false, error: `Invalid --omni-rate-limit '${rateLimit}': expected a non-negative integer` };
    }
    options.omniRateLimitPerMinute = perMinute;
  }

  const devKeyRateLimit = values['dev-key-rate-limit'];
  if (devKeyRateLimit !== undefined) {
    const perMinute = nonNegativeInteger(devKeyRateLimit, Number.MAX_SAFE_INTEGER);
    if (perMinute === undefined) {
      return { ok: false, error: `Invalid --dev-key-rate-limit '${devKeyRateLimit}': expected a non-negative integer` };
    }
    options.devKeyRateLimitPerMinute = perMinute;
  }

  const signIn = parseSignInArgs(values);
  if (typeof signIn === 'string') return { ok: false, error: signIn };
  Object.assign(options, signIn);

  return { ok: true, help: values.help ?? false, options };
}

/** The sign-in flags (only those given become options, so the defaults stay startSandbox's). */
function parseSignInArgs(values: Record<string, string | boolean | undefined>): SandboxOptions | string {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const options: SandboxOptions = {};

  const keyAuth = text('key-auth');
  if (keyAuth !== undefined) {
    const mode = oneOf(keyAuth, KEY_AUTH_MODES);
    if (mode === undefined) return `Invalid --key-auth '${keyAuth}': expected session, api-key or both`;
    options.keyAuth = mode;
  }
  if (values['auth-auto-approve'] === true) options.authAutoApprove = true;

  const apiKey = text('firebase-api-key');
  if (apiKey !== undefined) {
    const problem = apiKeyProblem(apiKey);
    if (problem) return `Invalid --firebase-api-key: ${problem}`;
    options.firebaseApiKey = apiKey;
  }

  const ttl = text('id-token-ttl');
  if (ttl !== undefined) {
    const seconds = /^\d+$/.test(ttl) ? Number(ttl) : NaN;
    const problem = idTokenTtlProblem(seconds);
    if (problem) return `Invalid --id-token-ttl '${ttl}': ${problem}`;
    options.idTokenTtlSeconds = seconds;
  }

  const emulatorHost = text('firebase-emulator');
  const projectId = text('firebase-project');
  if (emulatorHost === undefined && projectId !== undefined) return '--firebase-project needs --firebase-emulator HOST:PORT';
  if (emulatorHost !== undefined) {
    const hostProblem = emulatorHostProblem(emulatorHost);
    if (hostProblem) return `Invalid --firebase-emulator '${emulatorHost}': ${hostProblem}`;
    if (projectId === undefined) return '--firebase-emulator needs --firebase-project ID (the emulator\'s project id)';
    const projectProblem = projectIdProblem(projectId);
    if (projectProblem) return `Invalid --firebase-project '${projectId}': ${projectProblem}`;
    options.firebaseEmulator = { host: emulatorHost, projectId };
  }
  return options;
}

const KEY_AUTH_SUMMARY = {
  session: 'ID tokens only (--key-auth session; the bootstrap key is refused, as on api.omi.me)',
  'api-key': 'omi_dev_ keys only (--key-auth api-key)',
  both: 'ID tokens and omi_dev_ keys (--key-auth both)',
} as const;

/** The start banner: where to reach the sandbox and everything a client needs to sign in. */
export function sandboxBanner(sandbox: Sandbox, options: SandboxOptions): string {
  const lines = [
    `Sandbox Omi API listening on ${sandbox.url}`,
    `bootstrap key: ${sandbox.omiBootstrapKey}`,
    `Omni API token: ${sandbox.omniToken}`,
    `MCP server: ${sandbox.url}/v1/mcp (create an omi_mcp_ key with POST /v1/mcp/keys)`,
    'Sign in with Omi:',
    `  API base: ${sandbox.url}`,
    `  Firebase web API key: ${sandbox.firebaseApiKey}`,
    `  Firebase Auth emulator host: ${sandbox.authEmulatorHost}` +
      (options.firebaseEmulator ? ` (external, project ${options.firebaseEmulator.projectId})` : ''),
    `  user: ${sandbox.omiUser.email} (uid ${sandbox.omiUser.uid})`,
    `  consent: ${options.authAutoApprove ? 'auto-approved (--auth-auto-approve)' : 'a page in the browser with a Continue button'}`,
    `  key endpoints accept: ${KEY_AUTH_SUMMARY[options.keyAuth ?? 'both']}`,
  ];
  if (options.faults) lines.push(`  test hooks: POST ${AUTH_HOOKS_PATH}/UID/end-sessions, POST ${AUTH_HOOKS_PATH}/UID/disable`);
  return `${lines.join('\n')}\n`;
}

async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseSandboxArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`sandbox: ${parsed.error}\n\n${SANDBOX_USAGE}\n`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(`${SANDBOX_USAGE}\n`);
    return;
  }
  let sandbox;
  try {
    sandbox = await startSandbox(parsed.options);
  } catch (error) {
    process.stderr.write(`sandbox: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  process.stdout.write(sandboxBanner(sandbox, parsed.options));
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) void main(process.argv.slice(2));
