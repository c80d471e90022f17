/** Playwright fixtures: a fresh harness (real core + sandbox) and a page bound to it. */
import { test as base, expect, type Page } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness, type Harness } from './harness';

export const test = base.extend<{ harness: Harness; app: Page }>({
  // Playwright reads fixture dependencies from the destructuring pattern: this one has none.
  // eslint-disable-next-line no-empty-pattern
  harness: async ({}, use) => {
    const harness = await startHarness();
    await use(harness);
    await harness.close();
  },
  app: async ({ harness, context }, use) => {
    const page = await harness.openPage(context);
    await use(page);
  },
});
export { expect };

/** Every file under `dir` (recursively) whose bytes contain `needle`. */
export function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hits.push(...filesContaining(path, needle));
    else if (readFileSync(path).includes(needle)) hits.push(path);
  }
  return hits;
}
