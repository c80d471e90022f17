/** The sandbox flow in the real app, with the real clipboard: create → copy → Done → revoke; quit clears a copied secret. */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { osClipboardFormat } from '../../electron/core/shell/clipboard-formats';
import { consentToWeakKeychainIfAsked, ELECTRON_BINARY, freshDataDir, launchDevKeys, SKIP_REASON } from './launch';

test.skip(ELECTRON_BINARY === null, SKIP_REASON);

test('try the sandbox → create → copy → Done → revoke, and quitting clears the copied secret', async () => {
  const dataDir = freshDataDir();
  const report = join(dataDir, 'quit-report.json');
  const { app, window } = await launchDevKeys({ dataDir, env: { DEVKEYS_E2E_QUIT_REPORT: report } });
  let closed = false;
  try {
    await consentToWeakKeychainIfAsked(window);
    await window.getByRole('button', { name: /Try the sandbox/ }).click();
    await expect(window.getByTestId('key-row').first()).toBeVisible();

    await window.getByTestId('create-key-button').click();
    const create = window.getByRole('dialog', { name: 'Create API Key' });
    await create.getByLabel('KEY NAME').fill('Electron e2e');
    await create.getByRole('button', { name: 'Create Key' }).click();
    const secretDialog = window.getByTestId('secret-dialog');
    const secret = (await secretDialog.getByTestId('secret-value').textContent())!.trim();
    expect(secret).toMatch(/^omi_dev_[0-9a-f]{32}$/);

    await secretDialog.getByRole('button', { name: 'Copy Key' }).click();
    await expect(secretDialog.getByRole('button', { name: 'Copied!' }).first()).toBeVisible();
    const clip = await app.evaluate(async ({ clipboard }, hint) => ({ text: await clipboard.readText(), concealed: await clipboard.has(hint) }), osClipboardFormat('x-kde-passwordManagerHint'));
    expect(clip.text).toBe(secret);
    if (process.platform === 'linux') expect(clip.concealed).toBe(true);

    await secretDialog.getByRole('button', { name: 'Done' }).click();
    await expect(secretDialog).toBeHidden();
    const row = window.getByTestId('key-row').filter({ hasText: 'Electron e2e' });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await window.getByTestId('revoke-dialog').getByRole('button', { name: 'Revoke' }).click();
    await expect(row).toHaveCount(0);

    // The secret is still on the clipboard (30 s have not passed); quitting must clear it.
    await app.close();
    closed = true;
    expect(JSON.parse(readFileSync(report, 'utf8'))).toEqual({ clipboardLength: 0 });
  } finally {
    if (!closed) await app.close();
  }
});
