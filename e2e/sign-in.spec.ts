/**
 * Sign in with Omi end to end: the built renderer, the real core, and a sandbox that behaves
 * like the public backend (`keyAuth: 'session'`: key endpoints accept only ID tokens). The
 * harness plays the system browser: it opens the authorize URL in a page of its own and the
 * test clicks the consent page's Continue, as a user would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { AccountSummary } from '../electron/ipc/contract';
import { LOG_FILE_NAME } from '../electron/core/app-core';
import { startSandbox, type Sandbox, type SandboxOptions } from '../electron/sandbox/server';
import { expectNoSeriousViolations } from './axe';
import { expect, filesContaining, test } from './fixtures';
import { startHarness, type Harness } from './harness';
import { shotIfAsked } from './shots';

async function sessionSandbox(options: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  return startSandbox({ omiSeed: 'demo', keyAuth: 'session', faults: true, ...options });
}

/** Welcome → Sign in to Omi → Advanced pointed at `sandbox` → Continue with `provider`. */
async function startSignIn(app: Page, sandbox: Sandbox, provider: 'Google' | 'Apple' = 'Google') {
  const welcome = app.getByTestId('welcome');
  if (await welcome.isVisible()) await welcome.getByRole('button', { name: /Sign in to Omi/ }).click();
  else {
    await app.getByRole('button', { name: '+ Add account' }).click();
  }
  const form = app.getByTestId('sign-in-form');
  await form.getByText('Advanced').click();
  await form.getByLabel('API base URL').fill(sandbox.url);
  await form.getByLabel('Firebase Web API key').fill(sandbox.firebaseApiKey);
  await form.getByLabel(/Firebase Auth emulator host/).fill(sandbox.authEmulatorHost);
  await form.getByRole('button', { name: `Continue with ${provider}` }).click();
  return form;
}

/** The stand-in browser's consent page: check who it signs in as, then Continue. */
async function approveInBrowser(harness: Harness, email = 'sandbox@devkeys.test'): Promise<Page> {
  const consent = await harness.nextBrowserPage();
  await expect(consent.getByText(`Sign in to the Omi sandbox as ${email}`)).toBeVisible();
  await consent.getByRole('button', { name: 'Continue' }).click();
  await expect(consent.getByText('Signed in to DevKeys')).toBeVisible();
  return consent;
}

/** The refresh token DevKeys stored (decrypted with the harness's keychain stand-in), to look for it elsewhere. */
async function storedSessionTokens(harness: Harness): Promise<string[]> {
  const file = JSON.parse(readFileSync(harness.core.storePath, 'utf8')) as { credentials?: Record<string, string> };
  return Promise.all(Object.values(file.credentials ?? {}).map(async (ciphertext) => (await harness.cipher.decrypt(ciphertext)).plaintext));
}

async function expectNoSessionLeak(page: Page, harness: Harness, tokens: string[]) {
  const store = readFileSync(harness.core.storePath, 'utf8');
  const log = readFileSync(join(harness.dataDir, LOG_FILE_NAME), 'utf8');
  const dom = await page.content();
  const cache = await page.evaluate(() => (globalThis as unknown as { __devkeysQueryCacheDump: () => string }).__devkeysQueryCacheDump());
  for (const text of [store, log, dom, cache]) expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./);
  for (const token of tokens) {
    expect(token.length).toBeGreaterThan(16);
    expect(filesContaining(harness.dataDir, token)).toEqual([]);
    for (const text of [dom, cache]) expect(text).not.toContain(token);
  }
}

test('sign in through the browser → keys listed → create, copy, revoke; nothing of the session leaks', async ({ app, harness }) => {
  const sandbox = await sessionSandbox();
  try {
    const form = await startSignIn(app, sandbox);
    const waiting = form.getByTestId('sign-in-waiting');
    await expect(waiting).toContainText('Finish signing in in your browser…');
    await expect(waiting.getByRole('button', { name: 'Open the page again' })).toBeVisible();
    await shotIfAsked(app, 'sign-in-waiting');
    await expectNoSeriousViolations(app, 'sign-in waiting');
    await approveInBrowser(harness);

    const rows = app.getByTestId('key-row');
    await expect(rows.first()).toBeVisible();
    const switcher = app.getByTestId('account-switcher');
    await expect(switcher).toContainText('sandbox@devkeys.test');
    await expect(app.getByTestId('active-account-label')).toHaveText('sandbox@devkeys.test');
    // A signed-in account has no DevKeys key to protect, and the UI claims none.
    await expect(app.getByText('Used by DevKeys')).toHaveCount(0);

    // The authorize URL was the backend's own, with PKCE S256 and a loopback redirect.
    const authorize = new URL(harness.browserUrls[0] ?? '');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${sandbox.url}/v1/auth/authorize`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);

    await app.getByTestId('create-key-button').click();
    const create = app.getByRole('dialog', { name: 'Create API Key' });
    await create.getByLabel('KEY NAME').fill('Signed-in key');
    await create.getByRole('button', { name: 'Create Key' }).click();
    const secretDialog = app.getByTestId('secret-dialog');
    const secret = (await secretDialog.getByTestId('secret-value').textContent())!.trim();
    await secretDialog.getByRole('button', { name: 'Copy Key' }).click();
    await expect.poll(() => harness.clipboard.text).toBe(secret);
    await secretDialog.getByRole('button', { name: 'Done' }).click();
    const row = rows.filter({ hasText: 'Signed-in key' });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await app.getByTestId('revoke-dialog').getByRole('button', { name: 'Revoke' }).click();
    await expect(row).toHaveCount(0);

    const tokens = await storedSessionTokens(harness);
    expect(tokens).toHaveLength(1);
    await expectNoSessionLeak(app, harness, tokens);
  } finally {
    await sandbox.close();
  }
});

test('the sign-in answers with the screen it leads to: both lists show with no further request', async ({ app, harness }) => {
  const sandbox = await sessionSandbox();
  try {
    const calls: string[] = [];
    const handle = harness.core.router.handle.bind(harness.core.router);
    harness.core.router.handle = (channel, payload, sender) => {
      calls.push(String(channel));
      return handle(channel, payload, sender);
    };
    await startSignIn(app, sandbox);
    // The form with Advanced open is taller than the window: Continue was scrolled to.
    expect(await app.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY)).toBeGreaterThan(0);
    calls.length = 0;
    await approveInBrowser(harness);
    await expect(app.getByTestId('key-row').first()).toBeVisible();
    await expect(app.getByTestId('mcp-key-row').first()).toBeVisible();
    await expect(app.getByTestId('mcp-setup')).toBeVisible();
    // The new screen starts at its top, not where the form was scrolled to.
    expect(await app.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY)).toBe(0);
    await shotIfAsked(app, 'signed-in-first-screen');
    // Nothing was asked for the new account's lists: they came with the sign-in's answer. (The
    // account list is asked again on main's accountsChanged event, which every window hears.)
    expect(calls.filter((channel) => ['loadFirstScreen', 'listKeys', 'listMcpKeys', 'getMcpSetup'].includes(channel))).toEqual([]);
  } finally {
    await sandbox.close();
  }
});

test('a cancelled sign-in saves nothing, and its callback no longer answers', async ({ app, harness }) => {
  const sandbox = await sessionSandbox();
  try {
    const form = await startSignIn(app, sandbox, 'Apple');
    const consent = await harness.nextBrowserPage();
    await form.getByTestId('sign-in-waiting').getByRole('button', { name: 'Cancel' }).click();
    await expect(form.getByRole('button', { name: 'Continue with Apple' })).toBeVisible();
    await expect(form.getByRole('alert')).toHaveCount(0);
    // Too late in the browser: DevKeys stopped listening.
    await consent.getByRole('button', { name: 'Continue' }).click();
    await expect(consent.getByText('Signed in to DevKeys')).toHaveCount(0);
    expect(await harness.core.accounts.list()).toEqual([]);
    expect(new URL(harness.browserUrls[0] ?? '').searchParams.get('provider')).toBe('apple');
  } finally {
    await sandbox.close();
  }
});

test('a sign-in the browser never finishes times out with a plain message', async ({ browser }) => {
  const sandbox = await sessionSandbox();
  const harness = await startHarness({ signInTimeoutMs: 1500 });
  try {
    const app = await harness.openPage(await browser.newContext());
    const form = await startSignIn(app, sandbox);
    await harness.nextBrowserPage(); // opened, never approved
    await expect(form.getByRole('alert')).toContainText('Sign-in timed out');
    await expect(form.getByRole('alert')).toContainText('Nothing was saved');
    await expect(form.getByRole('button', { name: 'Continue with Google' })).toBeVisible();
    expect(await harness.core.accounts.list()).toEqual([]);
  } finally {
    await harness.close();
    await sandbox.close();
  }
});

test('ID tokens that expire every few seconds are refreshed out of sight', async ({ app, harness }) => {
  const sandbox = await sessionSandbox({ idTokenTtlSeconds: 5 });
  try {
    await startSignIn(app, sandbox);
    await approveInBrowser(harness);
    const rows = app.getByTestId('key-row');
    await expect(rows.first()).toBeVisible();
    const before = await rows.count();
    await app.waitForTimeout(6_000); // the first ID token is now expired
    await app.getByTestId('create-key-button').click();
    const create = app.getByRole('dialog', { name: 'Create API Key' });
    await create.getByLabel('KEY NAME').fill('After expiry');
    await create.getByRole('button', { name: 'Create Key' }).click();
    await app.getByTestId('secret-dialog').getByRole('button', { name: 'Done' }).click();
    await expect(rows).toHaveCount(before + 1);
    await expect(app.getByRole('alert')).toHaveCount(0);
  } finally {
    await sandbox.close();
  }
});

test('an ended session shows "Signed out — sign in again", and signing in again restores the account', async ({ app, harness }) => {
  const sandbox = await sessionSandbox({ idTokenTtlSeconds: 5 });
  try {
    await startSignIn(app, sandbox);
    await approveInBrowser(harness);
    await expect(app.getByTestId('key-row').first()).toBeVisible();
    const [account] = await harness.core.accounts.list();
    sandbox.endSessions(sandbox.omiUser.uid);
    await app.waitForTimeout(5_500);
    await app.reload();

    const panel = app.getByTestId('signed-out-panel');
    await expect(panel.getByRole('heading', { name: 'Signed out — sign in again' })).toBeVisible();
    await expect(panel).toContainText('revoked or replaced');
    await expect(app.getByTestId('account-switcher')).toContainText('Signed out');
    await shotIfAsked(app, 'signed-out');
    await expectNoSeriousViolations(app, 'signed out');
    expect(await storedSessionTokens(harness)).toEqual([]);

    await panel.getByRole('button', { name: 'Sign in again with Google' }).click();
    await approveInBrowser(harness);
    await expect(app.getByTestId('key-row').first()).toBeVisible();
    const after = await harness.core.accounts.list();
    expect(after.map((a) => [a.id, a.status])).toEqual([[account!.id, 'ok']]);
    await app.getByTestId('activity-button').click();
    const entries = app.getByTestId('activity-entry');
    await expect(entries.first()).toHaveAttribute('data-kind', 'signed_in');
    await expect(app.getByTestId('activity-panel')).toContainText('Signed out');
    await expect(app.getByTestId('activity-panel')).toContainText('Account added');
  } finally {
    await sandbox.close();
  }
});

test('a signed-in account and a credential account side by side', async ({ app, harness }) => {
  const sandbox = await sessionSandbox({ keyAuth: 'both' });
  const workKey = sandbox.addOmiUser({ seed: 'demo' });
  try {
    await startSignIn(app, sandbox);
    await approveInBrowser(harness);
    await expect(app.getByTestId('key-row').first()).toBeVisible();

    await app.getByRole('button', { name: '+ Add account' }).click();
    await app.getByTestId('omi-mode-switch').getByRole('button', { name: 'Use an API credential' }).click();
    const form = app.getByTestId('add-account-form');
    await form.getByLabel('Label').fill('Work (key)');
    await form.getByLabel('Base URL').fill(sandbox.url);
    await form.getByLabel('Bootstrap credential').fill(workKey);
    await form.getByRole('button', { name: 'Add account' }).click();
    await expect(app.getByTestId('active-account-label')).toHaveText('Work (key)');
    await expect(app.getByText('Used by DevKeys')).toHaveCount(1);

    await app.keyboard.press('Control+1');
    await expect(app.getByTestId('active-account-label')).toHaveText('sandbox@devkeys.test');
    await expect(app.getByText('Used by DevKeys')).toHaveCount(0);
    const accounts: AccountSummary[] = await harness.core.accounts.list();
    expect(accounts.map((a) => [a.auth, a.status])).toEqual([
      ['session', 'ok'],
      ['credential', 'ok'],
    ]);
  } finally {
    await sandbox.close();
  }
});

test('npm run preview: "Try the sandbox" shows the sandbox\'s consent page in the browser, and Continue signs in', async ({ browser }) => {
  const harness = await startHarness({ sandboxSignIn: 'browser' });
  try {
    const app = await harness.openPage(await browser.newContext());
    await app.getByRole('button', { name: /Try the sandbox/ }).click();
    const consent = await harness.nextBrowserPage();
    await expect(consent.getByText(/Sign in to the Omi sandbox as sandbox@devkeys\.test/)).toBeVisible();
    await expect(app.getByTestId('key-row')).toHaveCount(0);
    await consent.getByRole('button', { name: 'Continue' }).click();
    await expect(consent.getByText('Signed in to DevKeys')).toBeVisible();
    await expect(app.getByTestId('key-row').first()).toBeVisible();
    expect((await harness.core.accounts.list()).map((a) => [a.auth, a.isSandbox, a.person?.email])).toEqual([['session', true, 'sandbox@devkeys.test']]);
  } finally {
    await harness.close();
  }
});

test.describe('screens', () => {
  test('the sign-in screen passes axe', async ({ app }) => {
    await app.getByTestId('welcome').getByRole('button', { name: /Sign in to Omi/ }).click();
    await expect(app.getByRole('button', { name: 'Continue with Google' })).toBeVisible();
    await shotIfAsked(app, 'sign-in');
    await expectNoSeriousViolations(app, 'sign-in screen');
  });
});

