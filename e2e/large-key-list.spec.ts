/**
 * An Omi account with many keys: the key list renders only the rows near the viewport
 * (VirtualKeyList) yet keeps its test ids, its look and its accessibility, and every key can
 * be reached by scrolling, searched, and acted on.
 */
import { startSandbox } from '../electron/sandbox/server';
import { expectNoSeriousViolations } from './axe';
import { expect, test } from './fixtures';

const KEYS = 400;

test('a 400-key account: a virtualized list that scrolls, searches and stays accessible', async ({ app, harness }) => {
  const sandbox = await startSandbox({ omiSeed: { count: KEYS - 1 } });
  try {
    await harness.core.accounts.add({ provider: 'omi', label: 'Many keys', baseUrl: sandbox.url, credential: sandbox.omiBootstrapKey });
    await app.reload();
    const rows = app.getByTestId('key-row');
    await expect(rows.first()).toBeVisible();
    await expect(app.getByTestId('filter-all')).toContainText(String(KEYS));

    // Only the rows near the viewport are in the DOM, each saying where it is in the whole list.
    const rendered = await rows.count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(40);
    await expect(rows.first()).toHaveAttribute('aria-posinset', '1');
    await expect(rows.first()).toHaveAttribute('aria-setsize', String(KEYS));
    await expectNoSeriousViolations(app, 'virtualized key list');

    // Scrolling the window to the end brings the last key into view.
    await app.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 1e9));
    await expect(app.locator(`[data-testid="key-row"][aria-posinset="${KEYS}"]`)).toBeVisible();
    await app.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await expect(rows.first()).toHaveAttribute('aria-posinset', '1');

    // A search narrows the list below the virtualization threshold: every match is rendered.
    await app.getByPlaceholder('Search by name or prefix').fill('Generated key 12');
    await expect(rows).toHaveCount(11);
    await expect(rows.first()).not.toHaveAttribute('aria-posinset');
    await rows.filter({ hasText: 'Generated key 123' }).getByRole('button', { name: 'Revoke' }).click();
    await expect(app.getByTestId('revoke-dialog')).toContainText('Generated key 123');
  } finally {
    await sandbox.close();
  }
});
