/**
 * Storage faults end to end, each on its own harness (real core, conf store on disk) so the
 * data folder can be prepared or damaged between runs: a truncated settings file, an account
 * whose credential no longer decrypts, and a keychain that only obfuscates.
 */
import { test, expect, type Browser, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountSummary, DevKeysApi, IpcResult } from '../electron/ipc/contract';
import { startSandbox } from '../electron/sandbox/server';
import { createAesGcmCipher, type SecretCipher } from '../electron/core/storage/vault';
import { expectNoSeriousViolations } from './axe';
import { filesContaining } from './fixtures';
import { startHarness, type Harness } from './harness';
import { shotIfAsked } from './shots';

/** Data folders stay in the run's root, which global-teardown scans for plaintext secrets. */
const freshDataDir = () => mkdtempSync(join(process.env['DEVKEYS_E2E_ROOT'] ?? tmpdir(), 'devkeys-e2e-storage-'));

/** One context per harness: a context's `window.devkeys` stays bound to the core that opened it first. */
async function open(browser: Browser, harness: Harness): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  return harness.openPage(context);
}

async function bridge<T>(page: Page, channel: keyof DevKeysApi, args: unknown): Promise<T> {
  const result = await page.evaluate(
    ([c, a]) => (globalThis as unknown as { devkeys: Record<string, (x: unknown) => Promise<IpcResult<unknown>>> }).devkeys[c]!(a),
    [channel, args] as const,
  );
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.data as T;
}

const credentialsOnDisk = (harness: Harness): Record<string, string> =>
  existsSync(harness.core.storePath)
    ? ((JSON.parse(readFileSync(harness.core.storePath, 'utf8')) as { credentials?: Record<string, string> }).credentials ?? {})
    : {};

test('a truncated settings file is moved aside with its bytes, and DevKeys starts with a notice', async ({ browser }) => {
  const dataDir = freshDataDir();
  const truncated = '{"accounts": [{"id": "5f0c1d2e-';
  writeFileSync(join(dataDir, 'devkeys.json'), truncated);
  const harness = await startHarness({ dataDir });
  try {
    const page = await open(browser, harness);
    await expect(page.getByTestId('welcome')).toBeVisible();
    const notice = page.getByTestId('notice-banner');
    await expect(notice).toContainText('DevKeys could not read its settings file (it is not valid JSON). It was moved to');
    const moved = readdirSync(dataDir).filter((name) => /^devkeys\.corrupt-.*\.json$/.test(name));
    expect(moved).toHaveLength(1);
    await expect(notice).toContainText(join(dataDir, moved[0]!));
    expect(readFileSync(join(dataDir, moved[0]!), 'utf8')).toBe(truncated);
    // The app is usable: a new account can be added.
    await page.getByRole('button', { name: /Try the sandbox/ }).click();
    await expect(page.getByTestId('key-row').first()).toBeVisible();
  } finally {
    await harness.close();
  }
});

test('an account whose credential no longer decrypts is locked alone, and re-entering it unlocks it', async ({ browser }) => {
  const server = await startSandbox({ omiSeed: 'demo' });
  const workKey = server.addOmiUser({ seed: 'demo' });
  const dataDir = freshDataDir();
  const keychain = randomBytes(32);
  let harness = await startHarness({ dataDir, cipher: createAesGcmCipher(keychain) });
  try {
    const first = await open(browser, harness);
    const personal = await bridge<AccountSummary>(first, 'addAccount', { provider: 'omi', label: 'Personal', baseUrl: server.url, credential: server.omiBootstrapKey });
    await bridge<AccountSummary>(first, 'addAccount', { provider: 'omi', label: 'Work', baseUrl: server.url, credential: workKey });
    await bridge(first, 'setActiveAccount', { accountId: personal.id });
    await harness.close({ keepDataDir: true });

    // Between runs, Personal's ciphertext is replaced by one this keychain cannot open.
    const file = JSON.parse(readFileSync(join(dataDir, 'devkeys.json'), 'utf8')) as { credentials: Record<string, string> };
    file.credentials[personal.id] = await createAesGcmCipher().encrypt('from another machine');
    writeFileSync(join(dataDir, 'devkeys.json'), JSON.stringify(file));

    harness = await startHarness({ dataDir, cipher: createAesGcmCipher(keychain) });
    const page = await open(browser, harness);
    const locked = page.getByTestId('locked-panel');
    await expect(locked.getByRole('heading', { name: 'Locked — re-enter credential' })).toBeVisible();
    await expect(locked).toContainText('DevKeys can no longer decrypt the stored credential for “Personal”');
    await shotIfAsked(page, 'locked-panel');
    await expectNoSeriousViolations(page, 'locked account');

    // The other account is unaffected.
    await page.keyboard.press('Control+2');
    await expect(page.getByTestId('active-account-label')).toHaveText('Work');
    await expect(page.getByTestId('key-row').first()).toBeVisible();
    await page.keyboard.press('Control+1');
    await expect(locked).toBeVisible();

    const form = locked.getByTestId('reenter-credential-form');
    await form.getByLabel('Bootstrap credential').fill(`omi_dev_${'4'.repeat(32)}`);
    await form.getByRole('button', { name: 'Unlock' }).click();
    await expect(form.getByRole('alert')).toContainText('401');
    await expect(form.getByRole('alert')).toContainText('The credential was not saved.');
    await form.getByLabel('Bootstrap credential').fill(server.omiBootstrapKey);
    await form.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByText('Unlocked “Personal”')).toBeVisible();
    await expect(locked).toBeHidden();
    await expect(page.getByTestId('key-row').first()).toBeVisible();
    expect((await harness.core.accounts.list()).map((a) => a.status)).toEqual(['ok', 'ok']);
    expect(filesContaining(dataDir, server.omiBootstrapKey)).toEqual([]);
    expect(await page.content()).not.toContain(server.omiBootstrapKey);
  } finally {
    await harness.close();
    await server.close();
  }
});

/** safeStorage's `basic_text` on Linux without a Secret Service: AES underneath, reported weak. */
function weakCipher(): SecretCipher {
  return { ...createAesGcmCipher(), info: async () => ({ available: true, backend: 'basic_text', weak: true }) };
}

test('with a weak keychain nothing is stored until the user consents', async ({ browser }) => {
  const server = await startSandbox({ omiSeed: 'demo' });
  const harness = await startHarness({ cipher: weakCipher() });
  try {
    const page = await open(browser, harness);
    const consent = page.getByTestId('welcome').getByTestId('weak-encryption-consent');
    await expect(consent).toContainText('Your system keychain is not available');
    await expect(consent).toContainText('DevKeys can only obfuscate credentials on disk (backend: basic_text)');
    await expect(page.getByRole('button', { name: /Try the sandbox/ })).toBeDisabled();
    await shotIfAsked(page, 'weak-consent-welcome');
    await expectNoSeriousViolations(page, 'weak keychain consent');

    // The add-account form asks too; its submit stays off, and main would refuse anyway.
    await page.getByRole('button', { name: 'Use an API credential' }).click();
    const form = page.getByTestId('add-account-form');
    await form.getByLabel('Label').fill('Self-hosted');
    await form.getByLabel('Base URL').fill(server.url);
    await form.getByLabel('Bootstrap credential').fill(server.omiBootstrapKey);
    await expect(form.getByRole('button', { name: 'Add account' })).toBeDisabled();
    await shotIfAsked(page, 'weak-consent-form');
    const refused: IpcResult<AccountSummary> = await page.evaluate(
      ([url, credential]) =>
        (globalThis as unknown as { devkeys: DevKeysApi }).devkeys.addAccount({ provider: 'omi', label: 'x', baseUrl: url, credential }),
      [server.url, server.omiBootstrapKey] as const,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'weak_encryption_consent_required' } });
    expect(await harness.core.accounts.list()).toEqual([]);
    expect(credentialsOnDisk(harness)).toEqual({});

    await form.getByLabel('I understand. Store my credentials obfuscated anyway.').check();
    await expect(form.getByRole('button', { name: 'Add account' })).toBeEnabled();
    expect(JSON.parse(readFileSync(harness.core.storePath, 'utf8'))).toMatchObject({ weakEncryptionConsent: true });
    await form.getByRole('button', { name: 'Add account' }).click();
    await expect(page.getByTestId('key-row').first()).toBeVisible();
    expect(Object.keys(credentialsOnDisk(harness))).toHaveLength(1);
    expect(filesContaining(harness.dataDir, server.omiBootstrapKey)).toEqual([]);
  } finally {
    await harness.close();
    await server.close();
  }
});
