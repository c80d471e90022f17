import { describe, expect, it } from 'vitest';
import { advancedArgs, hostOf, OMI_API_BASE, OMI_FIREBASE_WEB_API_KEY, validateAdvanced } from './validation';

const defaults = { apiBase: OMI_API_BASE, firebaseApiKey: OMI_FIREBASE_WEB_API_KEY, authEmulatorHost: '' };

describe('sign-in Advanced fields', () => {
  it('accepts the defaults and sends none of them', () => {
    expect(validateAdvanced(defaults)).toEqual({});
    expect(advancedArgs(defaults)).toEqual({});
  });

  it('sends what differs, trimmed', () => {
    expect(advancedArgs({ apiBase: ' http://127.0.0.1:8787/ ', firebaseApiKey: 'sandbox-key-123', authEmulatorHost: '127.0.0.1:8787 ' })).toEqual({
      apiBase: 'http://127.0.0.1:8787',
      firebaseApiKey: 'sandbox-key-123',
      authEmulatorHost: '127.0.0.1:8787',
    });
  });

  it.each([
    [{ apiBase: 'http://omi.example.com' }, 'apiBase', /plain http is allowed only for localhost/],
    [{ apiBase: '' }, 'apiBase', /Enter the API base URL/],
    [{ apiBase: 'ftp://x' }, 'apiBase', /https:\/\//],
    [{ firebaseApiKey: '' }, 'firebaseApiKey', /Enter the Firebase Web API key/],
    [{ firebaseApiKey: 'has spaces in it' }, 'firebaseApiKey', /letters, digits/],
    [{ authEmulatorHost: 'emulator.example.com:9099' }, 'authEmulatorHost', /on this machine/],
    [{ authEmulatorHost: '127.0.0.1' }, 'authEmulatorHost', /host:port/],
    [{ authEmulatorHost: '127.0.0.1:99999' }, 'authEmulatorHost', /host:port/],
  ])('%o → %s', (patch, field, message) => {
    expect(validateAdvanced({ ...defaults, ...patch })[field as 'apiBase']).toMatch(message);
  });

  it('names the host for the waiting text', () => {
    expect(hostOf('https://api.omi.me')).toBe('api.omi.me');
    expect(hostOf('nonsense')).toBe('Omi');
  });
});
