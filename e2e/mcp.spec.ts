/**
 * The MCP section end to end: create an MCP key and copy its Claude Code config filled in (the
 * clipboard cleared after 30 s on a manual clock), revoke it (and the 503 path), rotate it, the
 * tray's quick create of an MCP key, the setup blocks, and the first screen in one request.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { LOG_FILE_NAME } from '../electron/core/app-core';
import { createManualTimers } from '../electron/core/secrets/one-time-secrets';
import { startSandbox, type Sandbox } from '../electron/sandbox/server';
import { expectNoSeriousViolations } from './axe';
import { expect, filesContaining, test } from './fixtures';
import { startHarness, type Harness } from './harness';
import { shotIfAsked } from './shots';

/** What Claude Code would send: an MCP initialize with the key. */
async function mcpStatus(baseUrl: string, key: string): Promise<number> {
  const response = await fetch(`${baseUrl}/v1/mcp`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, Accept: 'application/json, text/event-stream', 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'e2e', version: '1' } } }),
  });
  await response.body?.cancel();
  return response.status;
}

async function trySandbox(app: Page) {
  await app.getByRole('button', { name: /Try the sandbox/ }).click();
  await expect(app.getByTestId('key-row').first()).toBeVisible();
  await expect(app.getByTestId('mcp-key-row').first()).toBeVisible();
}

const cacheDump = (page: Page) => page.evaluate(() => (globalThis as unknown as { __devkeysQueryCacheDump: () => string }).__devkeysQueryCacheDump());

test('MCP key: create → Copy Claude Code config (filled in, cleared after 30 s) → revoke, and the secret is stored nowhere', async ({ browser }) => {
  const timers = createManualTimers();
  const harness = await startHarness({ clipboardTimers: timers });
  const context = await browser.newContext();
  try {
    const app = await harness.openPage(context);
    await trySandbox(app);
    const rows = app.getByTestId('mcp-key-row');
    const before = await rows.count();
    expect(before).toBeGreaterThanOrEqual(4);
    await expect(app.getByTestId('section-nav-mcp')).toContainText(String(before));

    // The section bar jumps to MCP and moves focus to its heading, from the keyboard too.
    await app.getByTestId('section-nav-mcp').focus();
    await app.keyboard.press('Enter');
    await expect(app.getByRole('heading', { name: 'MCP', exact: true })).toBeFocused();
    await expect(app.getByTestId('section-nav-mcp')).toHaveAttribute('aria-current', 'location');
    await expectNoSeriousViolations(app, 'MCP section with setup blocks');

    await app.getByTestId('create-mcp-key-button').click();
    const create = app.getByRole('dialog', { name: 'Create New Key' });
    await expect(create.getByLabel('Name')).toBeFocused();
    await expect(create.getByLabel('Name')).toHaveAttribute('placeholder', 'e.g., Claude Desktop');
    await expect(create.getByRole('button', { name: 'Create', exact: true })).toBeDisabled();
    await create.getByLabel('Name').fill('   ');
    await expect(create.getByRole('button', { name: 'Create', exact: true })).toBeDisabled();
    await expectNoSeriousViolations(app, 'MCP create dialog');
    await create.getByLabel('Name').fill('  Claude Desktop (work)  ');
    await app.keyboard.press('Enter');

    const secretDialog = app.getByTestId('secret-dialog');
    await expect(secretDialog.getByRole('heading', { name: 'Key Created' })).toBeVisible();
    await expect(secretDialog).toContainText('Your new key has been created. Please copy it now. You will not be able to see it again.');
    const secret = (await secretDialog.getByTestId('secret-value').textContent())!.trim();
    expect(secret).toMatch(/^omi_mcp_[0-9a-f]{32}$/);
    await app.keyboard.press('Escape');
    await app.mouse.click(5, 5);
    await expect(secretDialog).toBeVisible();
    await expectNoSeriousViolations(app, 'MCP secret dialog');

    // The config, with this key filled in, through main: concealed, and cleared after 30 s.
    const sandboxUrl = await harness.core.sandbox.baseUrl();
    await secretDialog.getByRole('button', { name: 'Copy Claude Code config' }).click();
    await expect(app.getByText('Claude Code config copied to clipboard')).toBeVisible();
    await expect(secretDialog.getByText('Clipboard clears in 30 s')).toBeVisible();
    expect(JSON.parse(harness.clipboard.text)).toEqual({
      mcpServers: { omi: { type: 'http', url: `${sandboxUrl}/v1/mcp`, headers: { Authorization: `Bearer ${secret}` } } },
    });
    expect(harness.clipboard.concealed).toBe(true);
    await shotIfAsked(app, 'mcp-secret-dialog-copied');
    timers.advance(29_999);
    await app.waitForTimeout(50);
    expect(harness.clipboard.text).toContain(secret);
    timers.advance(1);
    await expect.poll(() => harness.clipboard.text).toBe('');

    await secretDialog.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(app.getByText('Key copied to clipboard')).toBeVisible();
    expect(harness.clipboard.text).toBe(secret);
    await secretDialog.getByRole('button', { name: 'Done' }).click();
    await expect(secretDialog).toBeHidden();

    // Listed first, with its prefix; Claude Code would get in with it.
    const prefix = `omi_mcp_${secret.slice(8, 12)}...${secret.slice(-4)}`;
    const row = rows.filter({ hasText: 'Claude Desktop (work)' });
    await expect(rows.first()).toContainText('Claude Desktop (work)');
    await expect(row).toContainText(prefix);
    await expect(row).toContainText('Never used');
    await expect(app.getByTestId('section-nav-mcp')).toContainText(String(before + 1));
    expect(await mcpStatus(sandboxUrl, secret)).toBe(200);

    await row.getByRole('button', { name: 'Revoke' }).click();
    const revoke = app.getByTestId('revoke-dialog');
    await expect(revoke).toContainText('Are you sure you want to revoke the key "Claude Desktop (work)"? This action cannot be undone.');
    await revoke.getByRole('button', { name: 'Revoke' }).click();
    await expect(revoke).toBeHidden();
    await expect(app.getByText('MCP key revoked')).toBeVisible();
    await expect(row).toHaveCount(0);
    await expect(rows).toHaveCount(before);
    expect(await mcpStatus(sandboxUrl, secret)).toBe(401);

    await app.getByTestId('activity-button').click();
    await expect(app.getByTestId('activity-entry').first()).toContainText('MCP key revoked “Claude Desktop (work)”');
    await expect(app.getByTestId('activity-entry').nth(1)).toContainText('MCP key created “Claude Desktop (work)”');
    await app.getByTestId('activity-panel').getByRole('button', { name: 'Close' }).first().click();

    expect(await app.content()).not.toContain(secret);
    expect(await cacheDump(app)).not.toContain(secret);
    expect(readFileSync(harness.core.storePath, 'utf8')).not.toContain(secret);
    expect(readFileSync(join(harness.dataDir, LOG_FILE_NAME), 'utf8')).not.toContain(secret);
    expect(filesContaining(harness.dataDir, secret)).toEqual([]);
  } finally {
    await context.close();
    await harness.close();
  }
});

test('the setup blocks show and copy what the Omi app shows, and nothing it does not advertise', async ({ app, harness }) => {
  await trySandbox(app);
  const sandboxUrl = await harness.core.sandbox.baseUrl();
  const setup = app.getByTestId('mcp-setup');
  const config = setup.getByTestId('claude-code-config');
  expect(JSON.parse((await config.textContent())!)).toEqual({
    mcpServers: { omi: { type: 'http', url: `${sandboxUrl}/v1/mcp`, headers: { Authorization: 'Bearer <key>' } } },
  });
  await setup.getByRole('button', { name: 'Copy Config' }).click();
  await expect(app.getByText('Config copied to clipboard')).toBeVisible();
  expect(harness.clipboard).toMatchObject({ text: await config.textContent(), concealed: false });

  await setup.getByRole('button', { name: `Copy Server URL: ${sandboxUrl}/v1/mcp` }).first().click();
  expect(harness.clipboard.text).toBe(`${sandboxUrl}/v1/mcp`);
  await setup.getByRole('button', { name: 'Copy Client ID: omi-claude-prod' }).click();
  expect(harness.clipboard.text).toBe('omi-claude-prod');
  await expect(setup).toContainText('Authorization: Bearer <key>');
  await expect(setup).toContainText('Leave blank');
  for (const heading of ['Claude Code', 'Claude Desktop', 'MCP Server']) {
    await expect(setup.getByRole('heading', { name: heading, exact: true })).toBeVisible();
  }
  const text = (await setup.textContent())!;
  expect(text).not.toContain('/sse');
  expect(text).not.toMatch(/docker|"command"/);
});

test('a 503 on revoke says the key may still work and offers to try again', async ({ app }) => {
  const server: Sandbox = await startSandbox({ faults: true, omiSeed: 'demo' });
  try {
    const created = await fetch(`${server.url}/v1/mcp/keys`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.omiBootstrapKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Flaky revoke' }),
    });
    const { key: secret } = (await created.json()) as { key: string };

    await app.getByRole('button', { name: 'Use an API credential' }).click();
    const form = app.getByTestId('add-account-form');
    await form.getByLabel('Label').fill('Flaky server');
    await form.getByLabel('Base URL').fill(server.url);
    await form.getByLabel('Bootstrap credential').fill(server.omiBootstrapKey);
    await form.getByRole('button', { name: 'Add account' }).click();
    const row = app.getByTestId('mcp-key-row').filter({ hasText: 'Flaky revoke' });
    await expect(row).toHaveCount(1);

    const queued = await fetch(`${server.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ kind: 'revoke_unavailable', path: '/v1/mcp/keys' }) });
    expect(queued.status).toBe(200);
    await row.getByRole('button', { name: 'Revoke' }).click();
    const dialog = app.getByTestId('revoke-dialog');
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    const notice = dialog.getByTestId('revoke-unavailable');
    await expect(notice).toContainText('Not revoked yet.');
    await expect(notice).toContainText('API key revocation temporarily unavailable');
    await expect(notice).toContainText('The key may still work until a revoke goes through: try again.');
    await expect(row).toHaveCount(1);
    expect(await mcpStatus(server.url, secret)).toBe(200);
    await shotIfAsked(app, 'mcp-revoke-unavailable');
    await expectNoSeriousViolations(app, 'revoke dialog after a 503');

    await dialog.getByRole('button', { name: 'Try again' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toHaveCount(0);
    expect(await mcpStatus(server.url, secret)).toBe(401);
  } finally {
    await server.close();
  }
});

test('rotating an MCP key shows the new secret once, then revokes the old key', async ({ app, harness }) => {
  await trySandbox(app);
  const row = app.getByTestId('mcp-key-row').filter({ hasText: 'Claude Code' });
  await row.getByRole('button', { name: 'Rotate' }).click();
  await app.getByTestId('rotate-dialog').getByRole('button', { name: 'Rotate' }).click();
  const secretDialog = app.getByTestId('secret-dialog');
  await expect(secretDialog.getByRole('heading', { name: 'Key Created' })).toBeVisible();
  const secret = (await secretDialog.getByTestId('secret-value').textContent())!.trim();
  expect(secret).toMatch(/^omi_mcp_[0-9a-f]{32}$/);
  await secretDialog.getByRole('button', { name: 'Done' }).click();

  const choice = app.getByTestId('rotation-choice-dialog');
  await expect(choice).toContainText('Revoke the old key?');
  await expect(app.getByTestId('mcp-key-row').filter({ hasText: 'Replaced' })).toHaveCount(1);
  await choice.getByRole('button', { name: 'Revoke old key now' }).click();
  await expect(choice).toBeHidden();
  await expect(app.getByTestId('mcp-key-row').filter({ hasText: 'Replaced' })).toHaveCount(0);
  await expect(app.getByTestId('mcp-key-row').filter({ hasText: 'Claude Code' })).toHaveCount(1);
  expect(await mcpStatus(await harness.core.sandbox.baseUrl(), secret)).toBe(200);
});

test('quick create (the tray window) makes an MCP key when asked, and its config can be copied', async ({ app, harness, context }) => {
  await trySandbox(app);
  const quick = await harness.openPage(context, '#quick-create');
  await quick.getByRole('button', { name: 'MCP', exact: true }).click();
  await expect(quick.getByRole('button', { name: 'MCP', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(quick.getByLabel('Name')).toHaveAttribute('placeholder', 'e.g., Claude Desktop');
  await expect(quick.getByRole('button', { name: 'Full Access' })).toHaveCount(0);
  await expectNoSeriousViolations(quick, 'quick create, MCP key');
  await quick.getByLabel('Name').fill('Raycast AI');
  await quick.getByRole('button', { name: 'Create Key' }).click();

  const secretDialog = quick.getByTestId('secret-dialog');
  await expect(secretDialog.getByRole('heading', { name: 'Key Created' })).toBeVisible();
  const secret = (await secretDialog.getByTestId('secret-value').textContent())!.trim();
  expect(secret).toMatch(/^omi_mcp_[0-9a-f]{32}$/);
  await secretDialog.getByRole('button', { name: 'Copy Claude Code config' }).click();
  await expect.poll(() => harness.clipboard.text).toContain(`Bearer ${secret}`);
  await secretDialog.getByRole('button', { name: 'Done' }).click();

  // The main window hears `keyCreated` and lists it without a reload; the log says where it came from.
  await expect(app.getByTestId('mcp-key-row').filter({ hasText: 'Raycast AI' })).toHaveCount(1);
  await app.getByTestId('activity-button').click();
  await expect(app.getByTestId('activity-entry').first()).toContainText('MCP key created “Raycast AI” from the tray');
});

test('the first screen needs one request to main: accounts, the active account and both lists together', async ({ browser }) => {
  const harness: Harness = await startHarness();
  const context = await browser.newContext();
  try {
    await harness.core.accounts.addSandbox();
    // When the page first painted both lists and the MCP setup (a frame after they are in the DOM), by the wall clock.
    await context.addInitScript(() => {
      const w = globalThis as unknown as {
        document: { querySelector(selector: string): unknown };
        MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void; disconnect(): void };
        requestAnimationFrame(callback: () => void): void;
        __firstPaintAt?: number;
      };
      const observer = new w.MutationObserver(() => {
        const shown = ['key-row', 'mcp-key-row', 'mcp-setup'].every((id) => w.document.querySelector(`[data-testid="${id}"]`));
        if (!shown) return;
        observer.disconnect();
        w.requestAnimationFrame(() => setTimeout(() => (w.__firstPaintAt = Date.now()), 0));
      });
      observer.observe(w.document, { childList: true, subtree: true });
    });
    const calls: { channel: string; at: number }[] = [];
    const handle = harness.core.router.handle.bind(harness.core.router);
    harness.core.router.handle = (channel, payload, sender) => {
      calls.push({ channel: String(channel), at: Date.now() });
      return handle(channel, payload, sender);
    };
    const app = await harness.openPage(context);
    await expect(app.getByTestId('key-row').first()).toBeVisible();
    await expect(app.getByTestId('mcp-key-row').first()).toBeVisible();
    await expect(app.getByTestId('section-nav-dev')).not.toContainText('–');
    const paintedAt = await app.waitForFunction(() => (globalThis as { __firstPaintAt?: number }).__firstPaintAt).then((h) => h.jsonValue() as Promise<number>);
    expect(calls.filter((call) => call.at <= paintedAt).map((call) => call.channel)).toEqual(['loadFirstScreen']);
  } finally {
    await context.close();
    await harness.close();
  }
});

test('an MCP create whose answer is lost shows the possible orphan key, and revoking it removes it', async ({ app }) => {
  const server: Sandbox = await startSandbox({ faults: true, omiSeed: 'demo' });
  try {
    await app.getByRole('button', { name: 'Use an API credential' }).click();
    const form = app.getByTestId('add-account-form');
    await form.getByLabel('Label').fill('Flaky server');
    await form.getByLabel('Base URL').fill(server.url);
    await form.getByLabel('Bootstrap credential').fill(server.omiBootstrapKey);
    await form.getByRole('button', { name: 'Add account' }).click();
    const rows = app.getByTestId('mcp-key-row');
    await expect(rows.first()).toBeVisible();
    const before = await rows.count();

    await fetch(`${server.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ kind: 'lose_create_response', path: '/v1/mcp/keys' }) });
    await app.getByTestId('create-mcp-key-button').click();
    const dialog = app.getByRole('dialog', { name: 'Create New Key' });
    await dialog.getByLabel('Name').fill('Windsurf');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    const notice = dialog.getByTestId('orphan-key-notice');
    await expect(notice).toContainText(/A key named "Windsurf" \(omi_mcp_[0-9a-f]{4}\.\.\.[0-9a-f]{4}\) appeared at/);
    await expect(app.getByTestId('secret-dialog')).toHaveCount(0);
    await expect(rows.filter({ hasText: 'Windsurf' })).toHaveCount(1);
    await expectNoSeriousViolations(app, 'possible orphan MCP key');

    await notice.getByRole('button', { name: 'Revoke possible orphan key' }).click();
    await expect(dialog).toBeHidden();
    await expect(rows.filter({ hasText: 'Windsurf' })).toHaveCount(0);
    await expect(rows).toHaveCount(before);
  } finally {
    await server.close();
  }
});
