import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL, PLAIN_HTTP_MESSAGE, validateAccountForm, validateOmniAccountForm } from './validation';

const valid = { label: 'Omi', baseUrl: DEFAULT_BASE_URL, credential: 'omi_dev_0123456789abcdef0123456789abcdef' };

describe('validateAccountForm', () => {
  it('accepts the defaults with a credential', () => {
    expect(validateAccountForm(valid)).toEqual({});
    expect(validateAccountForm({ ...valid, baseUrl: 'http://localhost:8080/' })).toEqual({});
  });

  it('requires a label', () => {
    expect(validateAccountForm({ ...valid, label: '   ' }).label).toBe('Enter a label.');
    expect(validateAccountForm({ ...valid, label: 'x'.repeat(61) }).label).toMatch(/at most 60/);
  });

  it('requires an http(s) base URL without credentials', () => {
    expect(validateAccountForm({ ...valid, baseUrl: '' }).baseUrl).toMatch(/Enter the base URL/);
    expect(validateAccountForm({ ...valid, baseUrl: 'api.omi.me' }).baseUrl).toMatch(/https:\/\//);
    expect(validateAccountForm({ ...valid, baseUrl: 'ftp://api.omi.me' }).baseUrl).toMatch(/https:\/\//);
    expect(validateAccountForm({ ...valid, baseUrl: 'https://me:pw@api.omi.me' }).baseUrl).toMatch(/user name or password/);
  });

  it('allows plain http only for this machine', () => {
    for (const baseUrl of ['http://127.0.0.1:8787', 'http://[::1]:8787', 'http://localhost']) {
      expect(validateAccountForm({ ...valid, baseUrl })).toEqual({});
    }
    for (const baseUrl of ['http://api.omi.me', 'http://192.168.1.20:8080', 'http://localhost.example.com']) {
      expect(validateAccountForm({ ...valid, baseUrl }).baseUrl).toBe('Use https:// — plain http is allowed only for localhost');
    }
  });

  it('requires a credential without spaces, ignoring surrounding whitespace', () => {
    expect(validateAccountForm({ ...valid, credential: '' }).credential).toBe('Enter the bootstrap credential.');
    expect(validateAccountForm({ ...valid, credential: 'abc def' }).credential).toBe('The credential must not contain spaces.');
    expect(validateAccountForm({ ...valid, credential: '  abc\n' })).toEqual({});
  });
});

describe('validateOmniAccountForm', () => {
  const omni = { instance: 'myorg', credential: 'omni-token' };

  it('accepts a name, a host, an https URL or a local http URL', () => {
    for (const instance of ['myorg', 'myorg.omniapp.co', 'https://omni.example.com', 'http://127.0.0.1:4010', 'HTTP://localhost:4010']) {
      expect(validateOmniAccountForm({ ...omni, instance })).toEqual({});
    }
  });

  it('refuses plain http to another machine', () => {
    expect(validateOmniAccountForm({ ...omni, instance: 'http://omni.example.com' }).instance).toBe(PLAIN_HTTP_MESSAGE);
    expect(validateOmniAccountForm({ ...omni, instance: ' http://10.1.2.3:4010 ' }).instance).toBe(PLAIN_HTTP_MESSAGE);
  });

  it('requires both fields, and a token without spaces', () => {
    expect(validateOmniAccountForm({ instance: ' ', credential: '' })).toEqual({
      instance: 'Enter your Omni instance name or URL.',
      credential: 'Enter an Omni API token.',
    });
    expect(validateOmniAccountForm({ ...omni, credential: 'a b' }).credential).toBe('The token must not contain spaces.');
  });
});
