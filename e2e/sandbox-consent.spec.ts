/**
 * The sandbox's consent page in a real browser: what a newcomer sees after "Sign in", that it
 * passes axe, and that Continue (mouse or keyboard) lands on the app's loopback callback with a
 * code the app can redeem, while Cancel sends nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from '@playwright/test';
import { startSandbox, type Sandbox } from '../electron/sandbox/server';
import { expectNoSeriousViolations } from './axe';
import { expect } from './fixtures';
import { shotIfAsked } from './shots';

interface App {
  redirectUri: string;
  /** Every request the app's loopback listener received. */
  requests: URL[];
  close(): Promise<void>;
}

/** Stands in for the app's loopback listener. */
async function startApp(): Promise<App> {
  const requests: URL[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    if (url.pathname !== '/callback') return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Signed in</title><h1>Signed in — you can close this tab</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    redirectUri: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let sandbox: Sandbox;
let app: App;
test.beforeAll(async () => {
  sandbox = await startSandbox({ keyAuth: 'session' });
  app = await startApp();
});
test.afterAll(async () => {
  await app.close();
  await sandbox.close();
});

function authorizeUrl(state: string) {
  const verifier = randomBytes(32).toString('base64url');
  const params = new URLSearchParams({
    provider: 'google',
    redirect_uri: app.redirectUri,
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  return { url: `${sandbox.url}/v1/auth/authorize?${params}`, verifier };
}

test('Continue signs in: the browser lands on the callback with a code the app redeems', async ({ page }) => {
  const { url, verifier } = authorizeUrl('state-mouse');
  await page.goto(url);
  await expect(page).toHaveTitle('Sign in to the Omi sandbox');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to the Omi sandbox as sandbox@devkeys.test');
  await expect(page.getByText(app.redirectUri)).toBeVisible();
  await expectNoSeriousViolations(page, 'sandbox consent page');
  await shotIfAsked(page, 'sandbox-consent');

  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: /Signed in/ })).toBeVisible();
  const landed = new URL(page.url());
  expect(`${landed.origin}${landed.pathname}`).toBe(app.redirectUri);
  expect(landed.searchParams.get('state')).toBe('state-mouse');
  const code = landed.searchParams.get('code') ?? '';
  expect(code).toMatch(/^[0-9a-f-]{36}$/);

  const token = await fetch(`${sandbox.url}/v1/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: app.redirectUri, use_custom_token: 'true', code_verifier: verifier }),
  });
  expect(token.status).toBe(200);
  expect(await token.json()).toHaveProperty('custom_token');
});

test('Continue has the focus: Enter signs in from the keyboard', async ({ page }) => {
  await page.goto(authorizeUrl('state-keyboard').url);
  await expect(page.getByRole('button', { name: 'Continue' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/callback\?code=[0-9a-f-]{36}&state=state-keyboard$/);
});

test('Cancel shows a cancelled page and the app hears nothing', async ({ page }) => {
  const before = app.requests.length;
  await page.goto(authorizeUrl('state-cancel').url);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign-in cancelled');
  await expectNoSeriousViolations(page, 'sandbox sign-in cancelled page');
  await shotIfAsked(page, 'sandbox-consent-cancelled');
  expect(app.requests.length).toBe(before);
});
