import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/harness';

// A Chromium found by scripts/browser.ts drives the built renderer (`npm test` installs one first when none is found).
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: process.env['CI'] ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1100, height: 800 },
    trace: 'off',
    screenshot: 'off',
  },
});
