/**
 * Several accounts end to end: switching (never a frame of one account's keys under another's
 * name), remembering the active account, rename/remove, the tray's menu model and actions,
 * quick create from the tray window, and the key list's search and filters.
 */
import type { Page } from '@playwright/test';
import type { AccountSummary, ActivityEntry, DevKeysApi, IpcResult } from '../electron/ipc/contract';
import { expectNoSeriousViolations } from './axe';
import type { Harness } from './harness';
import { expect, test } from './fixtures';

/** What the page-side sampler uses; typed here because e2e code compiles without the DOM lib. */
interface PageGlobals {
  devkeys: DevKeysApi;
  document: {
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
    querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }>;
    body: unknown;
  };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: Record<string, boolean>): void; disconnect(): void };
  requestAnimationFrame(callback: () => void): number;
  cancelAnimationFrame(handle: number): void;
  __frames: Frame[];
  __stopSampling: () => void;
}
interface Frame {
  account: string | null;
  rows: string[];
}

async function addSandbox(page: Page, label: string): Promise<AccountSummary> {
  const result: IpcResult<AccountSummary> = await page.evaluate(
    (l) => (globalThis as unknown as PageGlobals).devkeys.addSandboxAccount({ label: l }),
    label,
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

async function keyIdsOf(harness: Harness, accountId: string): Promise<Set<string>> {
  return new Set((await (await harness.core.accounts.omiClient(accountId)).listKeys()).map((k) => k.id));
}

/** Records, on every DOM mutation and every animation frame, which account the header shows and which rows are listed. */
async function startSampling(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    w.__frames = [];
    const sample = () => {
      const account = w.document.querySelector('[data-testid="account-switcher"]')?.getAttribute('data-account-id') ?? null;
      const rows = Array.from(w.document.querySelectorAll('[data-testid="key-row"]'), (row) => row.getAttribute('data-key-id') ?? '');
      w.__frames.push({ account, rows });
    };
    const observer = new w.MutationObserver(sample);
    observer.observe(w.document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    let frame = 0;
    const tick = () => {
      sample();
      frame = w.requestAnimationFrame(tick);
    };
    tick();
    w.__stopSampling = () => {
      observer.disconnect();
      w.cancelAnimationFrame(frame);
    };
  });
}

async function stopSampling(page: Page): Promise<Frame[]> {
  return page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    w.__stopSampling();
    return w.__frames;
  });
}

async function expectShowing(page: Page, account: AccountSummary, keyIds: ReadonlySet<string>): Promise<void> {
  await expect(page.getByTestId('account-switcher')).toHaveAttribute('data-account-id', account.id);
  await expect(page.getByTestId('active-account-label')).toHaveText(account.label);
  await expect.poll(async () => (await page.getByTestId('key-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key-id')))).sort())
    .toEqual([...keyIds].sort());
}

test('switching accounts shows only the selected account’s keys, in every frame, and is remembered', async ({ app, harness, context }) => {
  await app.getByRole('button', { name: /Try the sandbox/ }).click();
  await expect(app.getByTestId('key-row').first()).toBeVisible();
  const personal = (await harness.core.accounts.list())[0]!;
  const work = await addSandbox(app, 'Work');
  const keys = new Map([
    [personal.id, await keyIdsOf(harness, personal.id)],
    [work.id, await keyIdsOf(harness, work.id)],
  ]);
  // Two independent sandbox users: no key in common.
  expect([...keys.get(personal.id)!].some((id) => keys.get(work.id)!.has(id))).toBe(false);
  // Adding an account makes it active.
  await expectShowing(app, work, keys.get(work.id)!);

  await startSampling(app);
  for (let round = 0; round < 3; round++) {
    // By the menu…
    await app.getByTestId('account-switcher').click();
    // Both sandbox accounts are signed in: tell them apart by who is signed in.
    await app.getByRole('menuitemradio').filter({ hasText: personal.person?.email ?? personal.label }).click();
    await expectShowing(app, personal, keys.get(personal.id)!);
    // …and by the keyboard shortcut (Ctrl+2 = the second account).
    await app.keyboard.press('Control+2');
    await expectShowing(app, work, keys.get(work.id)!);
  }
  await app.keyboard.press('Control+1');
  await expectShowing(app, personal, keys.get(personal.id)!);
  const frames = await stopSampling(app);

  expect(frames.length).toBeGreaterThan(20);
  const shownFor = new Set<string>();
  for (const frame of frames) {
    expect(frame.account, 'the header always names an account').not.toBeNull();
    const own = keys.get(frame.account!)!;
    const foreign = frame.rows.filter((id) => !own.has(id));
    expect(foreign, `rows of another account under ${frame.account}`).toEqual([]);
    if (frame.rows.length > 0) shownFor.add(frame.account!);
  }
  expect(shownFor).toEqual(new Set([personal.id, work.id]));

  // The last active account is remembered by main (a new window opens on it).
  await expect(harness.core.tray.state()).resolves.toMatchObject({ activeAccountId: personal.id });
  const second = await harness.openPage(context);
  await expectShowing(second, personal, keys.get(personal.id)!);
  await second.close();
});

test('rename, and remove after confirmation, leave the other account intact', async ({ app, harness }) => {
  await app.getByRole('button', { name: /Try the sandbox/ }).click();
  await expect(app.getByTestId('key-row').first()).toBeVisible();
  const personal = (await harness.core.accounts.list())[0]!;
  const work = await addSandbox(app, 'Work');
  await expect(app.getByTestId('active-account-label')).toHaveText('Work');

  await app.getByTestId('account-switcher').click();
  await app.getByRole('menuitem', { name: 'Rename “Work”…' }).click();
  const rename = app.getByTestId('rename-account-dialog');
  await rename.getByLabel('Label').fill('Work (staging)');
  await rename.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByTestId('active-account-label')).toHaveText('Work (staging)');

  // Removing asks first; Cancel keeps the account.
  await app.getByTestId('account-switcher').click();
  await app.getByRole('menuitem', { name: 'Remove “Work (staging)”…' }).click();
  const remove = app.getByTestId('remove-account-dialog');
  await expect(remove).toContainText('its activity log');
  await remove.getByRole('button', { name: 'Cancel' }).click();
  expect((await harness.core.accounts.list()).map((a) => a.id)).toEqual([personal.id, work.id]);

  await app.getByTestId('account-switcher').click();
  await app.getByRole('menuitem', { name: 'Remove “Work (staging)”…' }).click();
  await remove.getByRole('button', { name: 'Remove account' }).click();
  await expect(remove).toBeHidden();
  await expectShowing(app, personal, await keyIdsOf(harness, personal.id));
  expect((await harness.core.accounts.list()).map((a) => a.id)).toEqual([personal.id]);
  // Its activity log went with it; the other account's is untouched.
  const activity: IpcResult<ActivityEntry[]> = await app.evaluate(
    (id) => (globalThis as unknown as PageGlobals).devkeys.listActivity({ accountId: id }),
    personal.id,
  );
  expect(activity).toMatchObject({ ok: true, data: [{ kind: 'account_added' }] });
  expect(await app.evaluate((id) => (globalThis as unknown as PageGlobals).devkeys.listActivity({ accountId: id }), work.id)).toMatchObject({
    ok: false,
    error: { code: 'account_not_found' },
  });
});

test('the tray menu lists both accounts, marks the active one, and its switch reaches the window', async ({ app, harness }) => {
  await app.getByRole('button', { name: /Try the sandbox/ }).click();
  await expect(app.getByTestId('key-row').first()).toBeVisible();
  const personal = (await harness.core.accounts.list())[0]!;
  const work = await addSandbox(app, 'Work');

  const radios = async () =>
    (await harness.core.tray.menu()).flatMap((item) => (item.type === 'radio' ? [{ label: item.label, checked: item.checked }] : []));
  expect(await radios()).toEqual([
    { label: `${personal.label} (Omi, sandbox)`, checked: false },
    { label: 'Work (Omi, sandbox)', checked: true },
  ]);
  const quickCreate = (await harness.core.tray.menu()).find((item) => item.id === 'quick-create');
  expect(quickCreate).toMatchObject({ enabled: true, label: 'Quick create key…' });

  // A tray radio item goes through core.tray.selectAccount; the window follows.
  harness.core.tray.selectAccount(personal.id);
  await expectShowing(app, personal, await keyIdsOf(harness, personal.id));
  expect((await radios()).map((r) => r.checked)).toEqual([true, false]);
  // And the window's switch is what the tray shows next.
  await app.keyboard.press('Control+2');
  await expect(app.getByTestId('account-switcher')).toHaveAttribute('data-account-id', work.id);
  await expect.poll(async () => (await radios()).map((r) => r.checked)).toEqual([false, true]);
});

test('a tray switch while a secret is on screen waits for Done, so the secret is never lost', async ({ app, harness }) => {
  await app.getByRole('button', { name: /Try the sandbox/ }).click();
  await expect(app.getByTestId('key-row').first()).toBeVisible();
  const personal = (await harness.core.accounts.list())[0]!;
  const work = await addSandbox(app, 'Work');
  await expectShowing(app, work, await keyIdsOf(harness, work.id));

  await app.getByTestId('create-key-button').click();
  await app.getByLabel('KEY NAME').fill('Made before the tray switch');
  await app.getByRole('dialog', { name: 'Create API Key' }).getByRole('button', { name: 'Create Key' }).click();
  const secretDialog = app.getByTestId('secret-dialog');
  const secret = (await secretDialog.getByTestId('secret-value').textContent())!.trim();

  harness.core.tray.selectAccount(personal.id);
  await expect.poll(async () => (await harness.core.tray.state()).activeAccountId).toBe(personal.id);
  await app.waitForTimeout(300); // let the event and the accounts refresh land
  await expect(secretDialog.getByTestId('secret-value')).toHaveText(secret);
  await expect(app.getByTestId('account-switcher')).toHaveAttribute('data-account-id', work.id);

  await secretDialog.getByRole('button', { name: 'Done' }).click();
  await expectShowing(app, personal, await keyIdsOf(harness, personal.id));
});

test('quick create (the tray window) creates a key in the active account and shows its secret once', async ({ app, harness, context }) => {
  await app.getByRole('button', { name: /Try the sandbox/ }).click();
  await expect(app.getByTestId('key-row').first()).toBeVisible();
  const personal = (await harness.core.accounts.list())[0]!;
  const work = await addSandbox(app, 'Work');
  // Adding makes Work active: wait for the window to show it, so Ctrl+1 is a real switch.
  await expect(app.getByTestId('active-account-label')).toHaveText('Work');
  await app.keyboard.press('Control+1'); // Personal is active; Work must stay untouched
  await expect(app.getByTestId('active-account-label')).toHaveText(personal.label);
  const workKeysBefore = await keyIdsOf(harness, work.id);

  const quick = await harness.openPage(context, '#quick-create');
  await expect(quick.getByTestId('quick-create-account')).toContainText(personal.label);
  await quick.getByRole('button', { name: 'Create Key' }).click();
  await expect(quick.getByText('Please enter a name.')).toBeVisible();
  await quick.getByLabel('KEY NAME').fill('Raycast extension');
  await quick.getByRole('button', { name: 'Full Access' }).click();
  await quick.getByRole('button', { name: 'Create Key' }).click();

  const secretDialog = quick.getByTestId('secret-dialog');
  await expect(secretDialog.getByText('API Key Created!')).toBeVisible();
  const secret = (await secretDialog.getByTestId('secret-value').textContent())!.trim();
  expect(secret).toMatch(/^omi_dev_[0-9a-f]{32}$/);
  await secretDialog.getByRole('button', { name: 'Done' }).click();
  await expect(secretDialog).toBeHidden();
  // Shown once: gone from the page after Done.
  expect(await quick.content()).not.toContain(secret);

  const created = (await (await harness.core.accounts.omiClient(personal.id)).listKeys()).find((k) => k.name === 'Raycast extension');
  expect(created?.scopes).toHaveLength(8);
  expect(created?.key_prefix).toBe(`omi_dev_${secret.slice(8, 12)}...${secret.slice(-4)}`);
  expect(await keyIdsOf(harness, work.id)).toEqual(workKeysBefore);
  // The main window hears `keyCreated` and lists the key without a reload.
  await expect(app.getByTestId('key-row').filter({ hasText: 'Raycast extension' })).toHaveCount(1);
  await app.getByTestId('activity-button').click();
  await expect(app.getByTestId('activity-entry').first()).toContainText('Key created “Raycast extension” from the tray');
});

test('the key list searches by name or prefix, sorts, and filters Unused and Stale with counts', async ({ app }) => {
  await app.getByRole('button', { name: /Try the sandbox/ }).click();
  const rows = app.getByTestId('key-row');
  await expect(rows.first()).toBeVisible();
  const total = await rows.count();
  // The demo data has one key never used for > 7 days and two last used > 90 days ago.
  await expect(app.getByTestId('developer-api-section').locator('.section-sub')).toContainText(`${total} keys · 1 unused · 2 stale`);

  await app.getByTestId('filter-unused').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Notion sync');
  await expect(rows.first().getByText('Unused', { exact: true })).toBeVisible();
  await app.getByTestId('filter-stale').click();
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) await expect(row.getByText('Stale', { exact: true })).toBeVisible();

  await app.getByTestId('filter-all').click();
  const prefix = (await rows.filter({ hasText: 'Home Assistant' }).locator('.key-row__prefix').textContent())!;
  await app.getByLabel('Search API keys by name or prefix').fill(prefix.slice(8, 12).toUpperCase());
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Home Assistant');
  await app.getByLabel('Search API keys by name or prefix').fill('no such key');
  await expect(app.getByText('No keys match')).toBeVisible();
  await app.getByRole('button', { name: 'Show all keys' }).click();
  await expect(rows).toHaveCount(total);

  await app.getByLabel('Sort API keys').selectOption('name');
  const names = await rows.locator('.key-row__name').allTextContents();
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true })));
});

test('the switcher, account dialogs, activity log, rotation dialogs and quick create pass axe', async ({ app, harness, context }) => {
  await app.getByRole('button', { name: /Try the sandbox/ }).click();
  await expect(app.getByTestId('key-row').first()).toBeVisible();
  await addSandbox(app, 'Work');
  await expect(app.getByTestId('active-account-label')).toHaveText('Work');

  await app.getByTestId('account-switcher').click();
  await expect(app.getByRole('menu', { name: 'Accounts' })).toBeVisible();
  // The menu opens on the checked account, and arrows move through it.
  await expect(app.getByRole('menuitemradio', { checked: true })).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(app.getByRole('menuitem', { name: 'Rename “Work”…' })).toBeFocused();
  await expectNoSeriousViolations(app, 'account menu');
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('rename-account-dialog')).toBeVisible();
  await expectNoSeriousViolations(app, 'rename dialog');
  await app.keyboard.press('Escape');
  await app.getByTestId('account-switcher').click();
  await app.getByRole('menuitem', { name: 'Remove “Work”…' }).click();
  await expectNoSeriousViolations(app, 'remove dialog');
  await app.getByTestId('remove-account-dialog').getByRole('button', { name: 'Cancel' }).click();

  await app.getByTestId('key-row').filter({ hasText: 'Zapier automation' }).getByRole('button', { name: 'Rotate' }).click();
  await expectNoSeriousViolations(app, 'rotate dialog');
  await app.getByTestId('rotate-dialog').getByRole('button', { name: 'Rotate' }).click();
  await app.getByTestId('secret-dialog').getByRole('button', { name: 'Done' }).click();
  await expect(app.getByTestId('rotation-choice-dialog')).toBeVisible();
  await expectNoSeriousViolations(app, 'rotation choice dialog');
  await app.getByRole('button', { name: 'Keep both for now' }).click();
  await expect(app.getByTestId('key-row').filter({ hasText: 'Replaced' })).toHaveCount(1);
  await expectNoSeriousViolations(app, 'key list with replaced, unused and stale badges');

  await app.getByTestId('activity-button').click();
  await expect(app.getByTestId('activity-entry').first()).toBeVisible();
  await expectNoSeriousViolations(app, 'activity log');
  await app.keyboard.press('Escape');

  const quick = await harness.openPage(context, '#quick-create');
  await expect(quick.getByLabel('KEY NAME')).toBeVisible();
  await expectNoSeriousViolations(quick, 'quick create');
});
