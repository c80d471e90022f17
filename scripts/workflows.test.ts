/** The GitHub workflows: valid for @action-validator/cli, and doing what the README promises. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..');
const WORKFLOWS = ['.github/workflows/ci.yml', '.github/workflows/release.yml'];
const validatorCli = join(createRequire(import.meta.url).resolve('@action-validator/cli/package.json'), '..', 'cli.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'devkeys-workflows-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function validate(path: string) {
  return spawnSync(process.execPath, [validatorCli, path], { encoding: 'utf8' });
}

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  needs?: string | string[];
  'timeout-minutes'?: number;
  strategy?: { matrix: { os: string[] } };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}
const load = (path: string) => parse(readFileSync(join(ROOT, path), 'utf8')) as Workflow;
const runs = (job: Job) => job.steps.map((step) => step.run ?? '').join('\n');

describe('GitHub workflows', () => {
  it.each(WORKFLOWS)('%s passes @action-validator/cli', (path) => {
    const result = validate(join(ROOT, path));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('the validator really checks: a workflow with a misspelt key fails', () => {
    const broken = join(scratch, 'broken.yml');
    writeFileSync(broken, readFileSync(join(ROOT, WORKFLOWS[0]!), 'utf8').replace('runs-on:', 'runs_on:'));
    expect(validate(broken).status).not.toBe(0);
  });

  it('CI runs the README commands on Linux, macOS and Windows within 15 minutes, and the real-Electron e2e under xvfb on Linux', () => {
    const ci = load('.github/workflows/ci.yml');
    const job = ci.jobs['test']!;
    expect(job.strategy?.matrix.os.sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect(job['timeout-minutes']).toBeLessThanOrEqual(15);
    const commands = job.steps.map((step) => step.run?.trim());
    expect(commands).toContain('npm ci');
    expect(commands).toContain('npm test');
    const electron = job.steps.find((step) => step.run?.includes('xvfb-run'));
    expect(electron?.if).toBe("runner.os == 'Linux'");
    expect(electron?.run).toMatch(/xvfb-run .*playwright test e2e\/electron/);
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(ci.permissions).toEqual({ contents: 'read' });
  });

  it('a version tag drafts a release, then builds the installers on each system and attaches them', () => {
    const release = load('.github/workflows/release.yml');
    expect(release.on).toEqual({ push: { tags: ['v*.*.*'] } });
    expect(release.permissions).toEqual({ contents: 'write' });
    const draft = release.jobs['draft']!;
    expect(runs(draft)).toMatch(/gh release create "\$GITHUB_REF_NAME" --draft/);
    expect(runs(draft)).toMatch(/require\('\.\/package\.json'\)\.version/);
    const installers = release.jobs['installers']!;
    expect(installers.needs).toBe('draft');
    expect(installers.strategy?.matrix.os.sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    const dist = installers.steps.find((step) => step.run?.startsWith('npm run dist'));
    expect(dist?.run).toBe('npm run dist -- --publish');
    expect(dist?.env?.['GH_TOKEN']).toBe('${{ secrets.GITHUB_TOKEN }}');
    // Signing secrets come only from secrets, never written into the workflow.
    for (const [name, value] of Object.entries(dist?.env ?? {})) expect(value, name).toMatch(/secrets\./);
  });
});
