/** axe-core for the e2e specs: no serious or critical WCAG 2.1 AA / best-practice violations. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export async function expectNoSeriousViolations(page: Page, screen: string) {
  // Let entry animations finish so colours are measured at rest.
  await page.waitForTimeout(250);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(report, `${screen}: axe violations`).toEqual([]);
  expect(results.passes.length, `${screen}: axe ran its rules`).toBeGreaterThan(10);
}
