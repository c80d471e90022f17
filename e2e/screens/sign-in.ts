/**
 * Screenshots of signing in, for `npm run screenshots`: the sign-in screen, the wait for the
 * browser, and an account whose session ended ("Signed out — sign in again").
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startSandbox } from '../../electron/sandbox/server';
import type { Harness } from '../harness';

export async function captureSignInScreens(page: Page, harness: Harness, outDir: string): Promise<void> {
  const shot = (name: string) => page.screenshot({ path: join(outDir, `${name}.png`), animations: 'disabled' });
  const sandbox = await startSandbox({ omiSeed: 'demo', keyAuth: 'session' });
  try {
    await page.getByTestId('welcome').getByRole('button', { name: /Sign in to Omi/ }).click();
    const form = page.getByTestId('sign-in-form');
    await form.getByRole('button', { name: 'Continue with Google' }).waitFor();
    await shot('sign-in');

    await form.getByText('Advanced').click();
    await form.getByLabel('API base URL').fill(sandbox.url);
    await form.getByLabel('Firebase Web API key').fill(sandbox.firebaseApiKey);
    await form.getByLabel(/Firebase Auth emulator host/).fill(sandbox.authEmulatorHost);
    await form.getByText('Advanced').click();
    await form.getByRole('button', { name: 'Continue with Google' }).click();
    const consent = await harness.nextBrowserPage();
    await form.getByTestId('sign-in-waiting').waitFor();
    await shot('sign-in-waiting');
    await consent.getByRole('button', { name: 'Continue' }).click();
    await page.getByTestId('key-row').first().waitFor();

    // The session ends on Omi's side; DevKeys finds out at its next refresh.
    const [account] = await harness.core.accounts.list();
    sandbox.endSessions(sandbox.omiUser.uid);
    harness.core.sessions.forget(account!.id);
    await page.reload();
    await page.getByTestId('signed-out-panel').waitFor();
    await shot('signed-out');
  } finally {
    await sandbox.close();
  }
}
