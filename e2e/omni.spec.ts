/**
 * Omni instances end to end: the built renderer in Chromium, `window.devkeys` bound to the
 * real core, the embedded sandbox (and a separate rate-limited one) over real HTTP.
 */
import type { Page } from '@playwright/test';
import type { Harness } from './harness';
import { startSandbox } from '../electron/sandbox/server';
import { expect, test } from './fixtures';

/** Counts the page's listOmniTokens requests and the most that were ever in flight at once. */
function watchListRequests(harness: Harness) {
  const router = harness.core.router;
  const original = router.handle.bind(router);
  const stats = { calls: 0, inFlight: 0, maxInFlight: 0 };
  router.handle = async (channel, payload, sender) => {
    if (channel !== 'listOmniTokens') return original(channel, payload, sender);
    stats.calls += 1;
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      return await original(channel, payload, sender);
    } finally {
      stats.inFlight -= 1;
    }
  };
  return stats;
}

async function omniClientOf(harness: Harness) {
  const accounts = await harness.core.accounts.list();
  const omni = accounts.find((account) => account.provider === 'omni');
  if (!omni) throw new Error('no Omni account');
  return harness.core.accounts.omniClient(omni.id);
}

const rows = (app: Page) => app.getByTestId('omni-token-row');

test('Omni sandbox beside an Omi account: switch, filter, sort, scroll all 250, disable/enable, revoke', async ({ app, harness }) => {
  // An Omi sandbox account first, then the Omni sandbox through the add-account page.
  await app.getByRole('button', { name: /Try the sandbox/ }).click();
  await expect(app.getByTestId('key-row').first()).toBeVisible();
  await app.getByRole('button', { name: '+ Add account' }).click();
  await app.getByTestId('provider-switch').getByRole('button', { name: 'Omni' }).click();
  await expect(app.getByRole('heading', { name: 'Add Omni instance' })).toBeVisible();
  await app.getByRole('button', { name: 'Try the Omni sandbox' }).click();

  const view = app.getByTestId('omni-tokens-view');
  const count = app.getByTestId('omni-count');
  await expect(view).toBeVisible();
  await expect(count).toHaveText('250 tokens · 100 loaded');
  await expect(view).toContainText('Omni tokens are created in Omni itself (Settings → API access), not here.');
  await expect(rows(app).first()).toBeVisible();

  // Switch to the Omi account and back with the account switcher.
  const switchTo = async (label: RegExp) => {
    await app.getByTestId('account-switcher').click();
    await app.getByRole('menuitemradio').filter({ hasText: label }).click();
  };
  await switchTo(/^Sandbox/);
  await expect(app.getByTestId('key-row').first()).toBeVisible();
  await expect(view).toBeHidden();
  await switchTo(/^Omni sandbox/);
  await expect(count).toHaveText('250 tokens · 100 loaded');

  // Filter by type: every row is a personal token, and personal tokens cannot be disabled.
  await app.getByRole('tab', { name: 'Personal' }).click();
  await expect(app.getByRole('tab', { name: 'Personal' })).toHaveAttribute('aria-selected', 'true');
  await expect(rows(app).first()).toHaveAttribute('data-token-type', 'personal');
  expect(new Set(await rows(app).evaluateAll((items) => items.map((item) => item.getAttribute('data-token-type'))))).toEqual(
    new Set(['personal']),
  );
  await expect(rows(app).first().getByRole('button', { name: 'Disable' })).toHaveCount(0);
  await expect(rows(app).first()).toContainText('Owner');

  // All types, sorted by name ascending.
  await app.getByRole('tab', { name: 'All' }).click();
  await app.getByLabel('Sort by').selectOption('name');
  await expect(app.getByLabel('Order')).toHaveValue('asc');
  await expect(count).toHaveText('250 tokens · 100 loaded');
  const firstNames = await rows(app).evaluateAll((items) => items.slice(0, 10).map((item) => item.querySelector('.omni-row__name')!.textContent!));
  expect(firstNames).toEqual([...firstNames].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

  // Scroll fast to the end: pages 2 and 3 load one at a time, never in parallel.
  const requests = watchListRequests(harness);
  const scroller = app.getByTestId('omni-token-scroll');
  for (let i = 0; i < 40 && (await count.textContent()) !== '250 tokens · 250 loaded'; i++) {
    await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await app.waitForTimeout(25);
  }
  await expect(count).toHaveText('250 tokens · 250 loaded');
  await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(app.locator('[data-testid="omni-token-row"][aria-posinset="250"]')).toBeVisible();
  await expect(app.getByTestId('omni-load-more')).toHaveCount(0);
  expect(requests).toMatchObject({ calls: 2, maxInFlight: 1 });

  // Search covers the loaded pages.
  const search = app.getByRole('searchbox', { name: 'Search tokens by name' });
  await search.fill('mcp');
  await expect(app.getByTestId('omni-search-status')).toHaveText(/^\d+ match(es)?$/);
  await search.fill('');

  // Disable and re-enable an organization token.
  await app.getByRole('tab', { name: 'Organization' }).click();
  const enabledRow = app.locator('[data-testid="omni-token-row"][data-enabled="true"]').first();
  await expect(enabledRow).toBeVisible();
  const orgTokenId = (await enabledRow.getAttribute('data-token-id'))!;
  const orgRow = app.locator(`[data-token-id="${orgTokenId}"]`);
  await orgRow.getByRole('button', { name: 'Disable' }).click();
  await expect(orgRow).toHaveAttribute('data-enabled', 'false');
  await expect(orgRow.getByText('Disabled', { exact: true })).toBeVisible();
  const client = await omniClientOf(harness);
  expect((await client.getToken(orgTokenId)).enabled).toBe(false);
  await orgRow.getByRole('button', { name: 'Enable' }).click();
  await expect(orgRow).toHaveAttribute('data-enabled', 'true');
  await expect(orgRow.getByText('Enabled', { exact: true })).toBeVisible();
  expect((await client.getToken(orgTokenId)).enabled).toBe(true);

  // Revoke a personal token through the confirmation dialog.
  await app.getByRole('tab', { name: 'Personal' }).click();
  const personalRow = rows(app).first();
  // Read the count only once the Personal list has arrived (it is empty while the tab loads).
  await expect(personalRow).toHaveAttribute('data-token-type', 'personal');
  await expect(count).toHaveText(/^[1-9]\d* tokens/);
  const personalTotal = Number((await count.textContent())!.split(' ')[0]);
  const personalId = (await personalRow.getAttribute('data-token-id'))!;
  const personalName = (await personalRow.locator('.omni-row__name').textContent())!;
  await personalRow.getByRole('button', { name: 'Revoke' }).click();
  const dialog = app.getByTestId('omni-revoke-dialog');
  await expect(dialog.getByRole('heading', { name: 'Revoke token?' })).toBeVisible();
  await expect(dialog).toContainText(`"${personalName}"`);
  await dialog.getByRole('button', { name: 'Revoke' }).click();
  await expect(dialog).toBeHidden();
  await expect(app.getByTestId('toast').filter({ hasText: 'API token revoked' })).toBeVisible();
  await expect(app.locator(`[data-token-id="${personalId}"]`)).toHaveCount(0);
  await expect(count).toHaveText(new RegExp(`^${personalTotal - 1} tokens`));
  await expect(client.getToken(personalId)).rejects.toMatchObject({ code: 'not_found' });

  // A token revoked elsewhere meanwhile: the 404 reads as "already revoked".
  const staleRow = rows(app).first();
  const staleId = (await staleRow.getAttribute('data-token-id'))!;
  expect(await client.revokeToken(staleId)).toBe('revoked');
  await staleRow.getByRole('button', { name: 'Revoke' }).click();
  await dialog.getByRole('button', { name: 'Revoke' }).click();
  await expect(app.getByTestId('toast').filter({ hasText: 'That token was already revoked.' })).toBeVisible();
  await expect(app.locator(`[data-token-id="${staleId}"]`)).toHaveCount(0);
});

test('a rate-limited Omni instance shows "Rate limited — retrying in N s"', async ({ app }) => {
  const limited = await startSandbox({ omniSeed: 'demo', omniRateLimitPerMinute: 3 });
  try {
    await app.getByRole('button', { name: 'Use an API credential' }).click();
    await app.getByTestId('provider-switch').getByRole('button', { name: 'Omni' }).click();
    await app.getByLabel('Instance (name or URL)').fill(limited.url);
    await app.getByLabel('API token', { exact: true }).fill(limited.omniToken);
    await app.getByRole('button', { name: 'Add instance' }).click();

    // Request 1 verified the token, request 2 loads the first page, request 3 the MCP tab.
    await expect(app.getByTestId('omni-count')).toHaveText('250 tokens · 100 loaded');
    await app.getByRole('tab', { name: 'MCP' }).click();
    await expect(rows(app).first()).toHaveAttribute('data-token-type', 'mcp');
    // Request 4 is over the sandbox's limit of 3 per minute.
    await app.getByRole('tab', { name: 'Personal' }).click();
    const notice = app.getByTestId('omni-rate-limited');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(/Rate limited — retrying in \d+ s/);
    const seconds = Number(/retrying in (\d+) s/.exec((await notice.textContent())!)![1]);
    expect(seconds).toBeGreaterThan(30);
    expect(seconds).toBeLessThanOrEqual(60);
  } finally {
    await limited.close();
  }
});
