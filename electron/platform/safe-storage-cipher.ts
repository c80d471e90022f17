/** SecretCipher over Electron's async safeStorage API (the sync API is removed in 46). */
import { safeStorage } from 'electron';
import type { SecretCipher } from '../core/storage/vault';

export function createSafeStorageCipher(): SecretCipher {
  return {
    async info() {
      const available = await safeStorage.isAsyncEncryptionAvailable();
      // Linux only; elsewhere the OS keychain/DPAPI is always the backend.
      const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform === 'darwin' ? 'keychain' : 'dpapi';
      return { available, backend, weak: backend === 'basic_text' || backend === 'unknown' };
    },
    async encrypt(plaintext) {
      return (await safeStorage.encryptStringAsync(plaintext)).toString('base64');
    },
    async decrypt(ciphertext) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(ciphertext, 'base64'));
      return { plaintext: result, shouldReEncrypt };
    },
  };
}
