import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { confBackend, DevKeysStore } from './store';
import { createAesGcmCipher, CredentialVault, type SecretCipher } from './vault';

const SECRET = `omi_dev_${'ab12'.repeat(8)}`;
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'devkeys-vault-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('AES-GCM cipher', () => {
  it('round-trips and never returns the plaintext as ciphertext', async () => {
    const cipher = createAesGcmCipher();
    const ciphertext = await cipher.encrypt(SECRET);
    expect(ciphertext).not.toContain(SECRET);
    expect(await cipher.decrypt(ciphertext)).toEqual({ plaintext: SECRET, shouldReEncrypt: false });
  });

  it('uses a fresh IV per encryption', async () => {
    const cipher = createAesGcmCipher();
    expect(await cipher.encrypt(SECRET)).not.toBe(await cipher.encrypt(SECRET));
  });

  it('fails with another key and on tampered ciphertext', async () => {
    const ciphertext = await createAesGcmCipher().encrypt(SECRET);
    await expect(createAesGcmCipher().decrypt(ciphertext)).rejects.toThrow();
    const raw = Buffer.from(ciphertext, 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    await expect(createAesGcmCipher().decrypt(raw.toString('base64'))).rejects.toThrow();
  });
});

describe('CredentialVault', () => {
  it('persists only ciphertext and reloads it from disk', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const { store } = DevKeysStore.open(dir, confBackend);
    await new CredentialVault(store, createAesGcmCipher(key)).put('acc-1', SECRET);

    const fileText = readFileSync(store.path, 'utf8');
    expect(fileText).not.toContain(SECRET);
    expect(fileText).not.toContain(SECRET.slice(8));

    const reopened = DevKeysStore.open(dir, confBackend).store;
    expect(await new CredentialVault(reopened, createAesGcmCipher(key)).get('acc-1')).toBe(SECRET);
  });

  it('reports a credential that no longer decrypts as account_locked, without the ciphertext or secret', async () => {
    const dir = tempDir();
    const { store } = DevKeysStore.open(dir, confBackend);
    await new CredentialVault(store, createAesGcmCipher()).put('acc-1', SECRET);
    const vault = new CredentialVault(store, createAesGcmCipher());
    const error = await vault.get('acc-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('account_locked');
    expect((error as AppError).message).not.toContain(SECRET);
    expect(await vault.isLocked('acc-1')).toBe(true);
  });

  it('re-encrypts when the cipher asks for it', async () => {
    const dir = tempDir();
    const inner = createAesGcmCipher();
    let reEncrypt = true;
    const cipher: SecretCipher = {
      info: inner.info,
      encrypt: inner.encrypt,
      async decrypt(c) {
        const result = await inner.decrypt(c);
        const answer = { ...result, shouldReEncrypt: reEncrypt };
        reEncrypt = false;
        return answer;
      },
    };
    const { store } = DevKeysStore.open(dir, confBackend);
    const vault = new CredentialVault(store, cipher);
    await vault.put('acc-1', SECRET);
    const before = store.getCredential('acc-1');
    expect(await vault.get('acc-1')).toBe(SECRET);
    const after = store.getCredential('acc-1');
    expect(after).not.toBe(before);
    expect(await vault.get('acc-1')).toBe(SECRET);
  });

  /** safeStorage when it cannot encrypt: its own error text, which must not reach the user. */
  const failingCipher = (available: boolean): SecretCipher => ({
    info: async () => ({ available, backend: available ? 'gnome_libsecret' : 'unknown', weak: !available }),
    encrypt: () => Promise.reject(new Error(`Error while encrypting the text provided to safeStorage.encryptString: ${SECRET}`)),
    decrypt: () => Promise.reject(new Error('no')),
  });

  it.each([
    [false, 'DevKeys could not encrypt the credential: the system keychain is unavailable. Set up a keychain'],
    [true, 'DevKeys could not encrypt the credential: the system keychain refused to encrypt it.'],
  ])('turns an encrypt failure into a storage error (keychain available: %s) and stores nothing', async (available, start) => {
    const { store } = DevKeysStore.open(tempDir(), confBackend);
    // Consented: the weak-keychain rule lets the credential through to the cipher.
    store.setWeakEncryptionConsent(true);
    const error = await new CredentialVault(store, failingCipher(available)).put('acc-1', SECRET).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'storage', message: expect.stringMatching(/Nothing was saved\.$/) });
    expect((error as AppError).message.startsWith(start)).toBe(true);
    expect((error as AppError).message).not.toContain(SECRET);
    expect((error as AppError).message).not.toContain('safeStorage');
    expect(store.getCredential('acc-1')).toBeUndefined();
  });

  it('removes a credential', async () => {
    const { store } = DevKeysStore.open(tempDir(), confBackend);
    const vault = new CredentialVault(store, createAesGcmCipher());
    await vault.put('acc-1', SECRET);
    vault.remove('acc-1');
    expect(store.getCredential('acc-1')).toBeUndefined();
    await expect(vault.get('acc-1')).rejects.toMatchObject({ code: 'account_locked' });
  });
});

describe('DevKeysStore', () => {
  it.each([
    ['truncated JSON', '{"accounts": [{"id": '],
    ['not an object', '[1,2,3]'],
    ['wrong shape', '{"accounts": "nope"}'],
  ])('moves a corrupt file aside (%s) and starts empty, keeping the bad bytes', (_name, content) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'devkeys.json'), content);
    const { store, notice } = DevKeysStore.open(dir, confBackend, () => new Date('2026-11-23T10:00:00Z'));
    expect(store.accounts()).toEqual([]);
    expect(notice?.kind).toBe('store_moved_aside');
    expect(notice?.message).toMatch(/moved to .*devkeys\.corrupt-2026-11-23T10-00-00-000Z\.json/);
    const moved = readdirSync(dir).find((f) => f.startsWith('devkeys.corrupt-'));
    expect(moved).toBeDefined();
    expect(readFileSync(join(dir, moved!), 'utf8')).toBe(content);
  });

  it('opens a valid file without a notice', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'devkeys.json'), JSON.stringify({ accounts: [], credentials: {}, activeAccountId: null }));
    expect(DevKeysStore.open(dir, confBackend).notice).toBeNull();
  });

  it('turns a failed write into a storage error and changes nothing', () => {
    const { store } = DevKeysStore.open(tempDir(), confBackend);
    const failing = Object.create(store) as DevKeysStore;
    const backend = (store as unknown as { backend: { set: (k: string, v: unknown) => void } }).backend;
    const original = backend.set.bind(backend);
    backend.set = () => {
      throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
    };
    expect(() => failing.setActiveAccountId('x')).toThrow(/could not save its settings \(ENOSPC\)/);
    backend.set = original;
    expect(store.activeAccountId()).toBeNull();
  });
});
