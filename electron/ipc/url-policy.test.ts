/**
 * Plain http only to this machine: the contract's addAccount schema (main) and the renderer's
 * form checks must agree on every base URL and Omni instance, with the same message.
 */
import { describe, expect, it } from 'vitest';
import {
  PLAIN_HTTP_MESSAGE as FORM_PLAIN_HTTP_MESSAGE,
  isLoopbackHost as formIsLoopbackHost,
  validateAccountForm,
  validateOmniAccountForm,
} from '../../renderer/features/accounts/validation';
import { createTestCore } from '../core/test-support';
import { invokeChannels, isLoopbackHost, PLAIN_HTTP_MESSAGE } from './contract';

const CREDENTIAL = `omi_dev_${'0'.repeat(32)}`;
const LOOPBACK = ['http://localhost:8787', 'http://LOCALHOST/', 'http://127.0.0.1:8787', 'http://127.1.2.3', 'http://[::1]:8080/api'];
const REMOTE_HTTP = ['http://api.omi.me', 'http://10.0.0.5:8080', 'http://localhost.example.com', 'http://128.0.0.1', 'http://[::2]:8080'];
const HTTPS = ['https://api.omi.me', 'https://omi.internal.example:8443/base', 'https://localhost:8443'];

/** The contract's answer for an Omi base URL: null when valid, else the first message. */
function mainSaysBaseUrl(baseUrl: string): string | null {
  const parsed = invokeChannels.addAccount.args.safeParse({ provider: 'omi', label: 'x', baseUrl, credential: CREDENTIAL });
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'invalid');
}
function mainSaysInstance(instance: string): string | null {
  const parsed = invokeChannels.addAccount.args.safeParse({ provider: 'omni', instance, credential: CREDENTIAL });
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'invalid');
}
const formSaysBaseUrl = (baseUrl: string) => validateAccountForm({ label: 'x', baseUrl, credential: CREDENTIAL }).baseUrl ?? null;
const formSaysInstance = (instance: string) => validateOmniAccountForm({ instance, credential: CREDENTIAL }).instance ?? null;

describe('plain http only for loopback hosts', () => {
  it('uses one message on both sides', () => {
    expect(PLAIN_HTTP_MESSAGE).toBe('Use https:// — plain http is allowed only for localhost');
    expect(FORM_PLAIN_HTTP_MESSAGE).toBe(PLAIN_HTTP_MESSAGE);
  });

  it.each([...LOOPBACK, ...HTTPS])('accepts %s as an Omi base URL and an Omni instance, in main and in the form', (url) => {
    expect(mainSaysBaseUrl(url)).toBeNull();
    expect(formSaysBaseUrl(url)).toBeNull();
    expect(mainSaysInstance(url)).toBeNull();
    expect(formSaysInstance(url)).toBeNull();
  });

  it.each(REMOTE_HTTP)('refuses %s with the https message, in main and in the form', (url) => {
    expect(mainSaysBaseUrl(url)).toBe(PLAIN_HTTP_MESSAGE);
    expect(formSaysBaseUrl(url)).toBe(PLAIN_HTTP_MESSAGE);
    expect(mainSaysInstance(url)).toBe(PLAIN_HTTP_MESSAGE);
    expect(formSaysInstance(url)).toBe(PLAIN_HTTP_MESSAGE);
  });

  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['127.255.255.255', true],
    ['[::1]', true],
    ['localhost.localdomain', false],
    ['127.0.0.1.example.com', false],
    ['0.0.0.0', false],
    ['api.omi.me', false],
  ])('isLoopbackHost(%j) is %s on both sides', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
    expect(formIsLoopbackHost(host)).toBe(expected);
  });

  it('answers a remote plain-http addAccount with invalid_payload on the field, before any request', async () => {
    const sent: string[] = [];
    const t = createTestCore({ http: { fetch: (request: Request) => (sent.push(request.url), fetch(request)) } });
    try {
      for (const payload of [
        { provider: 'omi', label: 'x', baseUrl: 'http://api.omi.me', credential: CREDENTIAL },
        { provider: 'omni', instance: 'http://omni.example.com', credential: CREDENTIAL },
      ]) {
        const result = await t.call('addAccount', payload);
        expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
        expect(result.error?.['fields']).toEqual([{ path: payload.provider === 'omi' ? 'baseUrl' : 'instance', message: PLAIN_HTTP_MESSAGE }]);
      }
      expect(sent).toEqual([]);
    } finally {
      await t.dispose();
    }
  });
});
