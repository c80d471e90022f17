/**
 * Screenshots of the MCP section (keys and setup blocks), a new MCP key's secret dialog and
 * Check a key, taken through the harness (real core + sandbox). Starts on a sandbox account's
 * Developer screen.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export async function captureMcpScreens(page: Page, outDir: string): Promise<void> {
  const shot = async (name: string) => {
    // Toasts of earlier steps would cover the screen.
    for (const close of await page.getByRole('button', { name: 'Dismiss notification' }).all()) await close.click();
    await page.screenshot({ path: join(outDir, `${name}.png`), animations: 'disabled' });
  };
  await page.getByTestId('mcp-key-row').first().waitFor();

  // mcp-section.png: the bar jumped to MCP, the keys and the first setup block.
  await page.getByTestId('section-nav-mcp').click();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(200);
  await shot('mcp-section');

  // mcp-secret-dialog.png: a new MCP key, its Claude Code config just copied.
  await page.getByTestId('create-mcp-key-button').click();
  const create = page.getByRole('dialog', { name: 'Create New Key' });
  await create.getByLabel('Name').fill('Claude Desktop (work laptop)');
  await create.getByRole('button', { name: 'Create', exact: true }).click();
  const secret = page.getByTestId('secret-dialog');
  await secret.getByRole('button', { name: 'Copy Claude Code config' }).click();
  await secret.getByText('Clipboard clears in 30 s').waitFor();
  const value = (await secret.getByTestId('secret-value').textContent())!.trim();
  await page.screenshot({ path: join(outDir, 'mcp-secret-dialog.png'), animations: 'disabled' });
  await secret.getByRole('button', { name: 'Done' }).click();
  await secret.waitFor({ state: 'hidden' });

  // key-check.png: the key just made, pasted into Check a key.
  await page.getByTestId('key-check-button').click();
  const check = page.getByTestId('key-check-dialog');
  await check.getByLabel('KEY').fill(value);
  await check.getByRole('button', { name: 'Check', exact: true }).click();
  await check.getByTestId('key-check-result').waitFor();
  await page.waitForTimeout(200);
  await shot('key-check');
  await check.getByRole('button', { name: 'Close' }).click();
}
