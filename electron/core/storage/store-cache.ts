/**
 * A read cache in front of the settings backend. conf and electron-store read and parse the
 * whole settings file on every `get`, and one listKeys request read it five times (the IPC
 * figure of `npm run bench`). DevKeys is the file's only writer, so each top-level key's last
 * known value is kept, parsed once and deep-frozen: every reader gets the same value, and none
 * can change what the next one reads (re-parsing a JSON copy per read was still a tenth of the
 * IPC figure's overhead). A write stores a frozen JSON copy: the same value re-reading the file
 * would give, never the caller's object.
 */
import type { KeyValueBackend } from './store';

export function cachedBackend(backend: KeyValueBackend): KeyValueBackend {
  const cache = new Map<string, unknown>();
  // conf reads `a.b` as a path inside `a`: such keys are not cached, and writing one forgets `a`.
  const cacheable = (key: string) => !key.includes('.');
  const forget = (key: string) => cache.delete(key.split('.')[0] ?? key);
  return {
    get path() {
      return backend.path;
    },
    get(key) {
      if (!cacheable(key)) return backend.get(key);
      if (!cache.has(key)) cache.set(key, frozenJsonCopy(backend.get(key)));
      return cache.get(key);
    },
    set(key, value) {
      // Forget first: if the write fails, the next read goes back to the file.
      forget(key);
      backend.set(key, value);
      if (cacheable(key)) cache.set(key, frozenJsonCopy(value));
    },
    delete(key) {
      forget(key);
      backend.delete(key);
      if (cacheable(key)) cache.set(key, undefined);
    },
  };
}

function frozenJsonCopy(value: unknown): unknown {
  return value === undefined ? undefined : deepFreeze(JSON.parse(JSON.stringify(value)));
}

function deepFreeze(value: unknown): unknown {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
