/** electron-store as the store backend (the same API as `conf`, used in Node tests). */
import Store from 'electron-store';
import type { BackendFactory } from '../core/storage/store';

export const electronStoreBackend: BackendFactory = ({ cwd, name }) =>
  new Store<Record<string, unknown>>({ cwd, name, clearInvalidConfig: false });
