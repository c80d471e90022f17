/**
 * Bootstrap credentials at rest: each one is encrypted through a SecretCipher and only the
 * ciphertext is persisted. In Electron the cipher is safeStorage (OS keychain); in Node
 * tests it is AES-256-GCM with a random key, so the same vault code runs in both.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { AppInfo } from '../../ipc/contract';
import { AppError } from '../errors';
import type { DevKeysStore } from './store';

export interface CipherInfo {
  available: boolean;
  /** e.g. `keychain`, `gnome_libsecret`, `basic_text`, `aes-256-gcm (test)`. */
  backend: string;
  /** True when the backend only obfuscates (Linux `basic_text`). */
  weak: boolean;
}

export interface SecretCipher {
  info(): Promise<CipherInfo>;
  /** Returns base64 ciphertext. */
  encrypt(plaintext: string): Promise<string>;
  /** Throws when the ciphertext cannot be decrypted with this machine's key. */
  decrypt(ciphertext: string): Promise<{ plaintext: string; shouldReEncrypt: boolean }>;
}

/** AES-256-GCM cipher: the Node stand-in for safeStorage (tests, preview harness). */
export function createAesGcmCipher(key: Buffer = randomBytes(32)): SecretCipher {
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  return {
    async info() {
      return { available: true, backend: 'aes-256-gcm', weak: false };
    },
    async encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    async decrypt(ciphertext) {
      const raw = Buffer.from(ciphertext, 'base64');
      if (raw.length < 29) throw new Error('ciphertext too short');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const plaintext = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      return { plaintext, shouldReEncrypt: false };
    },
  };
}

export class CredentialVault {
  /**
   * Decrypted credentials, kept in main-process memory while DevKeys runs: decrypting on every
   * request cost a tenth of each call (`npm run bench`). A deliberate trade: malware running as
   * the user could read process memory anyway, and nothing here ever reaches disk or the renderer.
   */
  private readonly plaintext = new Map<string, string>();

  constructor(
    private readonly store: DevKeysStore,
    private readonly cipher: SecretCipher,
  ) {}

  /** The cipher's protection plus whether the user agreed to a weak one. */
  async encryptionStatus(): Promise<AppInfo['encryption']> {
    return { ...(await this.cipher.info()), consented: this.store.weakEncryptionConsent() };
  }

  /** Throws `weak_encryption_consent_required` when a credential may not be stored (yet). */
  async assertMayStore(): Promise<void> {
    const { available, weak, backend, consented } = await this.encryptionStatus();
    if ((available && !weak) || consented) return;
    throw new AppError(
      'weak_encryption_consent_required',
      `Your system keychain is not available (backend: ${backend}), so DevKeys can only obfuscate credentials on disk: ` +
        'anyone who can read your files could recover them. Agree to this first, or set up a keychain and restart DevKeys. ' +
        'Nothing was saved.',
    );
  }

  /** Every new credential goes through here, so the consent rule cannot be skipped. */
  async put(accountId: string, credential: string): Promise<void> {
    await this.assertMayStore();
    await this.write(accountId, credential);
  }

  /** The plaintext credential; `account_locked` when it no longer decrypts. */
  async get(accountId: string): Promise<string> {
    const known = this.plaintext.get(accountId);
    if (known !== undefined) return known;
    const ciphertext = this.store.getCredential(accountId);
    if (ciphertext === undefined) {
      throw new AppError('account_locked', 'No credential is stored for this account. Re-enter it to unlock the account.');
    }
    let result: { plaintext: string; shouldReEncrypt: boolean };
    try {
      result = await this.cipher.decrypt(ciphertext);
    } catch {
      throw new AppError(
        'account_locked',
        "This account's credential can no longer be decrypted (the system keychain may have changed). Re-enter the credential to unlock it.",
      );
    }
    // safeStorage asks for this after a key rotation; the old ciphertext may stop working later.
    // Not a new credential, so no consent check: refusing would only lock the account.
    if (result.shouldReEncrypt) await this.write(accountId, result.plaintext);
    this.plaintext.set(accountId, result.plaintext);
    return result.plaintext;
  }

  async isLocked(accountId: string): Promise<boolean> {
    try {
      await this.get(accountId);
      return false;
    } catch {
      return true;
    }
  }

  remove(accountId: string): void {
    this.plaintext.delete(accountId);
    this.store.deleteCredential(accountId);
  }

  private async write(accountId: string, credential: string): Promise<void> {
    let ciphertext: string;
    try {
      ciphertext = await this.cipher.encrypt(credential);
    } catch (error) {
      throw await this.encryptFailure(error);
    }
    this.plaintext.delete(accountId);
    this.store.setCredential(accountId, ciphertext);
  }

  /** The cipher's own error text stays out of the message: it is not written for users. */
  private async encryptFailure(cause: unknown): Promise<AppError> {
    const available = await this.cipher.info().then(
      (info) => info.available,
      () => false,
    );
    const why = available
      ? 'the system keychain refused to encrypt it. Try again, or restart DevKeys.'
      : 'the system keychain is unavailable. Set up a keychain (on Linux, e.g. GNOME Keyring or KWallet) and restart DevKeys.';
    return new AppError('storage', `DevKeys could not encrypt the credential: ${why} Nothing was saved.`, { cause });
  }
}
