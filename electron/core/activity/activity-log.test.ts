import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountSummary, ActivityEntry, CreatedKey, EventPayloads } from '../../ipc/contract';
import { ACTIVITY_CAP, ActivityLog } from './activity-log';
import { confBackend, DevKeysStore } from '../storage/store';
import { createTestCore, type TestCore } from '../test-support';

describe('ActivityLog', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const open = () => {
    const dir = mkdtempSync(join(tmpdir(), 'devkeys-activity-'));
    dirs.push(dir);
    let tick = 0;
    const { store } = DevKeysStore.open(dir, confBackend);
    return { store, log: new ActivityLog(store, () => new Date(Date.UTC(2025, 0, 1, 0, 0, tick++))) };
  };

  it('keeps entries per account, newest first, capped', () => {
    const { log } = open();
    for (let i = 0; i < ACTIVITY_CAP + 5; i++) log.record('a', { kind: 'key_created', keyName: `key ${i}`, keyPrefix: 'omi_dev_1234...abcd' });
    log.record('b', { kind: 'account_added' });
    const entries = log.list('a');
    expect(entries).toHaveLength(ACTIVITY_CAP);
    expect(entries[0]?.keyName).toBe(`key ${ACTIVITY_CAP + 4}`);
    expect(entries.at(-1)?.keyName).toBe('key 5');
    expect(log.list('b').map((e) => e.kind)).toEqual(['account_added']);
    expect(log.clear('a')).toBe(ACTIVITY_CAP);
    expect(log.list('a')).toEqual([]);
    expect(log.list('b')).toHaveLength(1);
  });

  it('never persists a secret-shaped name, and skips entries it cannot read', () => {
    const { store, log } = open();
    const secret = `omi_dev_${'9'.repeat(32)}`;
    log.record('a', { kind: 'key_created', keyName: `pasted ${secret}`, keyPrefix: 'omi_dev_9999...9999' });
    expect(readFileSync(store.path, 'utf8')).not.toContain(secret);
    expect(log.list('a')[0]).toMatchObject({ keyName: 'pasted omi_dev_[redacted]', keyPrefix: 'omi_dev_9999...9999' });
    store.setAccountData('activity', 'a', [{ kind: 'nonsense' }, ...log.list('a')]);
    expect(log.list('a')).toHaveLength(1);
    store.setAccountData('activity', 'a', 'not a list');
    expect(log.list('a')).toEqual([]);
  });
});

describe('account channels: rename, remove, activity', () => {
  let t: TestCore;
  afterEach(async () => {
    await t.dispose();
  });

  it('renames an account and tells every window', async () => {
    t = createTestCore();
    const events: EventPayloads['accountsChanged'][] = [];
    t.core.onEvent((event, payload) => {
      if (event === 'accountsChanged') events.push(payload as EventPayloads['accountsChanged']);
    });
    const account = await t.data<AccountSummary>('addSandboxAccount', {});
    const renamed = await t.data<AccountSummary>('renameAccount', { accountId: account.id, label: '  Staging  ' });
    expect(renamed).toMatchObject({ id: account.id, label: 'Staging', credentialHint: account.credentialHint });
    expect(events.at(-1)).toEqual({ reason: 'renamed' });
    expect(await t.call('renameAccount', { accountId: account.id, label: '' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('logs account and key activity and deletes an account’s log with the account', async () => {
    t = createTestCore();
    const keep = await t.data<AccountSummary>('addSandboxAccount', {});
    const gone = await t.data<AccountSummary>('addSandboxAccount', {});
    const created = await t.data<CreatedKey>('createKey', { accountId: gone.id, name: 'From tray', source: 'tray' });
    await t.data('revokeKey', { accountId: gone.id, keyId: created.key.id });
    const entries = await t.data<ActivityEntry[]>('listActivity', { accountId: gone.id });
    expect(entries.map((e) => [e.kind, e.keyName, e.keyPrefix, e.source])).toEqual([
      ['key_revoked', 'From tray', created.key.key_prefix, undefined],
      ['key_created', 'From tray', created.key.key_prefix, 'tray'],
      ['account_added', undefined, undefined, undefined],
    ]);
    expect(readFileSync(t.core.storePath, 'utf8')).not.toContain(created.secret);

    await t.data('removeAccount', { accountId: gone.id });
    const storeText = readFileSync(t.core.storePath, 'utf8');
    expect(storeText).not.toContain(gone.id);
    expect(storeText).not.toContain('From tray');
    expect(await t.call('listActivity', { accountId: gone.id })).toMatchObject({ ok: false, error: { code: 'account_not_found' } });
    expect(await t.data<ActivityEntry[]>('listActivity', { accountId: keep.id })).toHaveLength(1);
    expect(await t.data('clearActivity', { accountId: keep.id })).toEqual({ cleared: 1 });
    expect(await t.data('listActivity', { accountId: keep.id })).toEqual([]);
  });
});
