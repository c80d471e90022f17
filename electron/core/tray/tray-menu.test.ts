import { afterEach, describe, expect, it } from 'vitest';
import type { AccountSummary, EventPayloads } from '../../ipc/contract';
import { createTestCore, type TestCore } from '../test-support';
import { buildTrayMenu, type TrayAccount } from './tray-menu';

const omi = (id: string, label: string, extra: Partial<TrayAccount> = {}): TrayAccount => ({
  id,
  label,
  provider: 'omi',
  isSandbox: false,
  status: 'ok',
  ...extra,
});

describe('buildTrayMenu', () => {
  it('lists one radio item per account, checks the active one, then the fixed actions', () => {
    const menu = buildTrayMenu({ accounts: [omi('a', 'Work'), omi('b', 'Sandbox', { isSandbox: true })], activeAccountId: 'b' });
    expect(menu.map((item) => item.type)).toEqual(['radio', 'radio', 'separator', 'normal', 'separator', 'normal', 'normal']);
    expect(menu[0]).toMatchObject({ label: 'Work (Omi)', checked: false, action: { type: 'select-account', accountId: 'a' } });
    expect(menu[1]).toMatchObject({ label: 'Sandbox (Omi, sandbox)', checked: true, action: { type: 'select-account', accountId: 'b' } });
    expect(menu.slice(3).filter((item) => item.type !== 'separator')).toEqual([
      { type: 'normal', id: 'quick-create', label: 'Quick create key…', enabled: true, action: { type: 'quick-create' } },
      { type: 'normal', id: 'open-main', label: 'Open DevKeys', enabled: true, action: { type: 'open-main' } },
      { type: 'normal', id: 'quit', label: 'Quit', enabled: true, action: { type: 'quit' } },
    ]);
    // Every item has a unique id, so the platform can map clicks back to actions.
    const ids = menu.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('disables quick create without an active account', () => {
    const menu = buildTrayMenu({ accounts: [], activeAccountId: null });
    expect(menu.map((item) => item.id)).toEqual(['quick-create', 'actions-end', 'open-main', 'quit']);
    expect(menu[0]).toMatchObject({ enabled: false });
    expect(buildTrayMenu({ accounts: [omi('a', 'Work')], activeAccountId: 'gone' }).find((i) => i.id === 'quick-create')).toMatchObject({
      enabled: false,
    });
  });

  it('disables quick create for an Omni account (Omni tokens are made in Omni) and for a locked account', () => {
    const omni: TrayAccount = { id: 'o', label: 'Analytics', provider: 'omni', isSandbox: false, status: 'ok' };
    const omniMenu = buildTrayMenu({ accounts: [omi('a', 'Work'), omni], activeAccountId: 'o' });
    expect(omniMenu[1]).toMatchObject({ label: 'Analytics (Omni)', checked: true });
    expect(omniMenu.find((i) => i.id === 'quick-create')).toMatchObject({ enabled: false });
    const locked = buildTrayMenu({ accounts: [omi('a', 'Work', { status: 'locked' })], activeAccountId: 'a' });
    expect(locked[0]).toMatchObject({ label: 'Work (Omi, locked)' });
    expect(locked.find((i) => i.id === 'quick-create')).toMatchObject({ enabled: false });
    const signedOut = buildTrayMenu({ accounts: [omi('a', 'Work', { status: 'signed_out' })], activeAccountId: 'a' });
    expect(signedOut[0]).toMatchObject({ label: 'Work (Omi, signed out)' });
    expect(signedOut.find((i) => i.id === 'quick-create')).toMatchObject({ enabled: false });
  });
});

describe('core.tray', () => {
  let t: TestCore | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it('selects accounts through the same path as the window and tells every window', async () => {
    t = createTestCore();
    const first = await t.data<AccountSummary>('addSandboxAccount', {});
    const second = await t.data<AccountSummary>('addSandboxAccount', {});
    const events: EventPayloads['activeAccountChanged'][] = [];
    t.core.onEvent((event, payload) => {
      if (event === 'activeAccountChanged') events.push(payload as EventPayloads['activeAccountChanged']);
    });

    expect((await t.core.tray.state()).activeAccountId).toBe(second.id);
    t.core.tray.selectAccount(first.id);
    const menu = await t.core.tray.menu();
    expect(menu.filter((i) => i.type === 'radio').map((i) => [i.label, i.type === 'radio' && i.checked])).toEqual([
      ['Sandbox (Omi, sandbox)', true],
      ['Sandbox 2 (Omi, sandbox)', false],
    ]);
    expect(await t.data('listAccounts')).toMatchObject({ activeAccountId: first.id });

    await t.data('setActiveAccount', { accountId: second.id });
    expect(events).toEqual([
      { accountId: first.id, source: 'tray' },
      { accountId: second.id, source: 'window' },
    ]);
    expect(() => t?.core.tray.selectAccount('00000000-0000-4000-8000-000000000000')).toThrow(/no longer exists/);
  });

  it('falls back to the first account when the active one is removed, like the window', async () => {
    t = createTestCore();
    const first = await t.data<AccountSummary>('addSandboxAccount', {});
    const second = await t.data<AccountSummary>('addSandboxAccount', {});
    await t.data('removeAccount', { accountId: second.id });
    expect((await t.core.tray.state()).activeAccountId).toBe(first.id);
    expect(await t.data('listAccounts')).toMatchObject({ activeAccountId: first.id });
  });
});
