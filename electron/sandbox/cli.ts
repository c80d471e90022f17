// Command line for the sandbox: `npx tsx electron/sandbox/cli.ts --port 8787 --seed demo`.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { OMI_KEY_PATTERN } from './omi';
import { startSandbox, type SandboxOptions } from './server';

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
                         status500, rate_limit, reset, malformed_json, lose_create_response or
                         revoke_unavailable (503 on DELETE /v1/dev/keys/{id}, /v1/mcp/keys/{id})
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

  return { ok: true, help: values.help ?? false, options };
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
  process.stdout.write(
    `Sandbox Omi API listening on ${sandbox.url}\nbootstrap key: ${sandbox.omiBootstrapKey}\nOmni API token: ${sandbox.omniToken}\n` +
      `MCP server: ${sandbox.url}/v1/mcp (create an omi_mcp_ key with POST /v1/mcp/keys)\n`,
  );
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
