/**
 * A read cache in front of the settings backend. conf and electron-store read and parse the
 * whole settings file on every `get`, and one listKeys request read it five times (the IPC
 * figure of `npm run bench`). DevKeys is the file's only writer, so each top-level key's last
 * known value is kept — as JSON text, so every read still returns a fresh copy, exactly what
 * re-reading the file would give.
 */
import type { KeyValueBackend } from './store';

export function cachedBackend(backend: KeyValueBackend): KeyValueBackend {
  const cache = new Map<string, string | undefined>();
  const remember = (key: string, value: unknown) => cache.set(key, value === undefined ? undefined : JSON.stringify(value));
  // conf reads `a.b` as a path inside `a`: such keys are not cached, and writing one forgets `a`.
  const cacheable = (key: string) => !key.includes('.');
  const forget = (key: string) => cache.delete(key.split('.')[0] ?? key);
  return {
    get path() {
      return backend.path;
    },
    get(key) {
      if (!cacheable(key)) return backend.get(key);
      if (!cache.has(key)) remember(key, backend.get(key));
      const text = cache.get(key);
      return text === undefined ? undefined : JSON.parse(text);
    },
    set(key, value) {
      // Forget first: if the write fails, the next read goes back to the file.
      forget(key);
      backend.set(key, value);
      if (cacheable(key)) remember(key, value);
    },
    delete(key) {
      forget(key);
      backend.delete(key);
      if (cacheable(key)) remember(key, undefined);
    },
  };
}
