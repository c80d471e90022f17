import { describe, expect, it } from 'vitest';
import type { KeyValueBackend } from './store';
import { cachedBackend } from './store-cache';

/** A backend that counts reads, stores JSON like conf, and can be told to fail writes. */
function fakeBackend() {
  const data = new Map<string, string>();
  const counts = { reads: 0 };
  let failWrites = false;
  const backend: KeyValueBackend = {
    path: '/tmp/fake.json',
    get(key) {
      counts.reads += 1;
      const text = data.get(key);
      return text === undefined ? undefined : JSON.parse(text);
    },
    set(key, value) {
      if (failWrites) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      data.set(key, JSON.stringify(value));
    },
    delete(key) {
      data.delete(key);
    },
  };
  return { backend, counts, data, failNextWrites: (fail: boolean) => (failWrites = fail) };
}

describe('cachedBackend', () => {
  it('reads each key from the backend once and hands out values no reader can change', () => {
    const fake = fakeBackend();
    fake.data.set('accounts', JSON.stringify([{ id: 'a', label: 'A', auth: { uid: 'u' } }]));
    const store = cachedBackend(fake.backend);
    const first = store.get('accounts') as { label: string; auth: { uid: string } }[];
    expect(() => (first[0]!.label = 'mutated by a caller')).toThrow(TypeError);
    expect(() => (first[0]!.auth.uid = 'nested too')).toThrow(TypeError);
    expect(() => first.push({ label: 'more', auth: { uid: 'x' } })).toThrow(TypeError);
    expect(store.get('accounts')).toEqual([{ id: 'a', label: 'A', auth: { uid: 'u' } }]);
    expect(store.get('missing')).toBeUndefined();
    store.get('missing');
    expect(fake.counts.reads).toBe(2);
  });

  it("keeps a copy of what was written, never the writer's object", () => {
    const fake = fakeBackend();
    const store = cachedBackend(fake.backend);
    const written = { a: { old: 'new' } };
    store.set('replacedBy', written);
    written.a.old = 'changed afterwards';
    expect(store.get('replacedBy')).toEqual({ a: { old: 'new' } });
    expect(Object.isFrozen(written)).toBe(false);
  });

  it('sees its own writes and deletes, with JSON semantics', () => {
    const fake = fakeBackend();
    const store = cachedBackend(fake.backend);
    store.set('replacedBy', { a: { old: 'new' }, gone: undefined });
    expect(store.get('replacedBy')).toEqual({ a: { old: 'new' } });
    expect(Object.keys(store.get('replacedBy') as object)).toEqual(['a']);
    store.delete('replacedBy');
    expect(store.get('replacedBy')).toBeUndefined();
    expect(fake.counts.reads).toBe(0);
  });

  it('goes back to the file after a failed write', () => {
    const fake = fakeBackend();
    fake.data.set('activeAccountId', JSON.stringify('a'));
    const store = cachedBackend(fake.backend);
    expect(store.get('activeAccountId')).toBe('a');
    fake.failNextWrites(true);
    expect(() => store.set('activeAccountId', 'b')).toThrow('disk full');
    expect(store.get('activeAccountId')).toBe('a');
    expect(fake.counts.reads).toBe(2);
  });

  it('does not cache dotted (nested) keys, and a nested write forgets its parent', () => {
    const fake = fakeBackend();
    const store = cachedBackend(fake.backend);
    fake.data.set('activity', JSON.stringify({ x: 1 }));
    expect(store.get('activity')).toEqual({ x: 1 });
    store.set('activity.y', 2);
    store.get('activity');
    expect(fake.counts.reads).toBe(2);
  });
});
