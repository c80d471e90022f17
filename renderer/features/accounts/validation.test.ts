import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL, validateAccountForm } from './validation';

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

  it('requires a credential without spaces, ignoring surrounding whitespace', () => {
    expect(validateAccountForm({ ...valid, credential: '' }).credential).toBe('Enter the bootstrap credential.');
    expect(validateAccountForm({ ...valid, credential: 'abc def' }).credential).toBe('The credential must not contain spaces.');
    expect(validateAccountForm({ ...valid, credential: '  abc\n' })).toEqual({});
  });
});
