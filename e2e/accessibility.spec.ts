/**
 * Accessibility: axe on every screen and dialog (no serious or critical violations), and the
 * main flow driven by keyboard alone with focus trapped in dialogs and returned on close.
 */
import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from './axe';
import { expect, test } from './fixtures';

test('every screen and dialog passes axe', async ({ app }) => {
  await expect(app.getByTestId('welcome')).toBeVisible();
  await expectNoSeriousViolations(app, 'welcome');

  await app.getByRole('button', { name: 'Use an API credential' }).click();
  await expect(app.getByTestId('add-account-form')).toBeVisible();
  await expectNoSeriousViolations(app, 'add account form');
  await app.getByTestId('add-account-form').getByRole('button', { name: 'Add account' }).click();
  await expectNoSeriousViolations(app, 'add account form with errors');
  await app.getByRole('button', { name: 'Cancel' }).click();

  await app.getByRole('button', { name: 'Try the sandbox' }).click();
  await expect(app.getByTestId('key-row').first()).toBeVisible();
  await expectNoSeriousViolations(app, 'key list');

  await app.getByTestId('create-key-button').click();
  await expectNoSeriousViolations(app, 'create dialog');
  await app.getByRole('dialog', { name: 'Create API Key' }).getByRole('button', { name: 'Create Key' }).click();
  await expect(app.getByText('Please enter a name.')).toBeVisible();
  await expectNoSeriousViolations(app, 'create dialog with a validation error');
  await app.getByLabel('KEY NAME').fill('axe check');
  await app.getByRole('dialog', { name: 'Create API Key' }).getByRole('button', { name: 'Create Key' }).click();
  await expect(app.getByTestId('secret-dialog')).toBeVisible();
  await expectNoSeriousViolations(app, 'secret dialog');
  await app.getByRole('button', { name: 'Done' }).click();

  await app.getByTestId('key-row').filter({ hasText: 'axe check' }).getByRole('button', { name: 'Revoke' }).click();
  await expect(app.getByTestId('revoke-dialog')).toBeVisible();
  await expectNoSeriousViolations(app, 'revoke dialog');
});

/** Presses Tab until the focused element matches, failing after `limit` presses. */
async function tabTo(page: Page, accessibleName: RegExp, { backwards = false, limit = 40 } = {}) {
  for (let i = 0; i < limit; i += 1) {
    const name = await page.evaluate(() => {
      type El = { textContent: string | null; getAttribute(name: string): string | null };
      const doc = (globalThis as unknown as { document: { activeElement: El | null; body: El } }).document;
      const el = doc.activeElement;
      if (!el || el === doc.body) return '';
      return `${el.getAttribute('aria-label') ?? ''} ${el.textContent ?? ''}`.trim();
    });
    if (accessibleName.test(name)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${accessibleName}`);
}

async function focusIsInside(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((dialog) => dialog.contains((dialog.ownerDocument as { activeElement: unknown }).activeElement as never));
}

test('keyboard only: try the sandbox, create a key, copy it, revoke it', async ({ app, harness }) => {
  await expect(app.getByTestId('welcome')).toBeVisible();
  await tabTo(app, /Try the sandbox/);
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('key-row').first()).toBeVisible();

  await tabTo(app, /Create Key/);
  await app.keyboard.press('Enter');
  const create = app.getByRole('dialog', { name: 'Create API Key' });
  await expect(create).toBeVisible();
  await expect(create.getByLabel('KEY NAME')).toBeFocused();
  await app.keyboard.type('Keyboard key');
  await tabTo(app, /Memories Write/);
  await app.keyboard.press('Space');
  await expect(create.getByRole('button', { name: 'Memories Write' })).toHaveAttribute('aria-pressed', 'true');
  // Focus is trapped: a full lap of Tab and of Shift+Tab stays inside the dialog.
  for (let i = 0; i < 25; i += 1) {
    await app.keyboard.press('Tab');
    expect(await focusIsInside(app, 'create-key-dialog')).toBe(true);
  }
  for (let i = 0; i < 25; i += 1) {
    await app.keyboard.press('Shift+Tab');
    expect(await focusIsInside(app, 'create-key-dialog')).toBe(true);
  }
  await tabTo(app, /^Create Key$/);
  await app.keyboard.press('Enter');

  const secretDialog = app.getByTestId('secret-dialog');
  await expect(secretDialog).toBeVisible();
  // Escape is not allowed here: the dialog stays until Done.
  await app.keyboard.press('Escape');
  await expect(secretDialog).toBeVisible();
  const secret = (await secretDialog.getByTestId('secret-value').textContent())!.trim();
  await tabTo(app, /^Copy Key$/);
  await app.keyboard.press('Enter');
  await expect(secretDialog.getByRole('button', { name: 'Copied!' }).first()).toBeVisible();
  expect(harness.clipboard.text).toBe(secret);
  await tabTo(app, /^Done$/);
  await app.keyboard.press('Space');
  await expect(secretDialog).toBeHidden();
  // Focus returns to where the flow started.
  await expect(app.getByTestId('create-key-button')).toBeFocused();

  // Revoke through the keyboard; Escape cancels (allowed here) and returns focus to the row's button.
  const row = app.getByTestId('key-row').filter({ hasText: 'Keyboard key' });
  await row.getByRole('button', { name: 'Revoke' }).focus();
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('revoke-dialog')).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(app.getByTestId('revoke-dialog')).toBeHidden();
  await expect(row.getByRole('button', { name: 'Revoke' })).toBeFocused();
  await app.keyboard.press('Enter');
  await tabTo(app, /^Revoke$/);
  await app.keyboard.press('Enter');
  await expect(row).toHaveCount(0);
});

test('focused controls show a visible focus ring', async ({ app }) => {
  await expect(app.getByTestId('welcome')).toBeVisible();
  await app.keyboard.press('Tab');
  const outline = await app.evaluate(() => {
    type Page = { document: { activeElement: { outerHTML: string } | null }; getComputedStyle(el: unknown): { outlineStyle: string; outlineWidth: string } };
    const page = globalThis as unknown as Page;
    const doc = page.document;
    const style = page.getComputedStyle(doc.activeElement!);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), element: doc.activeElement!.outerHTML.slice(0, 120) };
  });
  expect(outline.style, outline.element).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);
});
