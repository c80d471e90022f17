/**
 * Screenshots for checking the fault and storage screens by eye: written only when
 * DEVKEYS_E2E_SHOTS names a folder (e.g. `DEVKEYS_E2E_SHOTS=/tmp/shots npx playwright test …`).
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';

export async function shotIfAsked(page: Page, name: string): Promise<void> {
  const dir = process.env['DEVKEYS_E2E_SHOTS'];
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled' });
}
