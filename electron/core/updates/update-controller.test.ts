import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../ipc/contract';
import { AppError } from '../errors';
import { createLogger } from '../logging/log';
import { UPDATE_CHECK_INTERVAL_MS, UpdateController, type Clock, type UpdaterEvent, type UpdaterPort } from './update-controller';

const HOUR = 60 * 60 * 1000;

/** A clock whose time moves only when the test says so. */
function fakeClock(start = Date.parse('2026-12-01T09:00:00Z')) {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  const clock: Clock & { advance(ms: number): Promise<void>; pending(): number[] } = {
    now: () => now,
    setTimeout(run, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
        await flush();
      }
      now = until;
    },
    pending: () => [...timers.values()].map((t) => t.at - now),
  };
  return clock;
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** An updater whose checks the test answers: each check waits for `answer()`. */
function fakeUpdater() {
  const listeners = new Set<(event: UpdaterEvent) => void>();
  const pending: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  let installs = 0;
  const port: UpdaterPort = {
    check: () => new Promise<void>((resolve, reject) => pending.push({ resolve, reject })),
    install: () => void installs++,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    port,
    get checks() {
      return pending.length;
    },
    get installs() {
      return installs;
    },
    emit: (event: UpdaterEvent) => listeners.forEach((l) => l(event)),
    /** Ends the oldest open check. */
    async answer(outcome: 'ok' | Error = 'ok') {
      const check = pending.shift();
      if (!check) throw new Error('no check is running');
      if (outcome === 'ok') check.resolve();
      else check.reject(outcome);
      await flush();
    },
    listenerCount: () => listeners.size,
  };
}

function setup() {
  const clock = fakeClock();
  const updater = fakeUpdater();
  const statuses: UpdateStatus[] = [];
  const lines: string[] = [];
  const controller = new UpdateController({
    source: { updater: updater.port },
    clock,
    log: createLogger((line) => lines.push(line)),
    onStatus: (status) => statuses.push(status),
  });
  return { clock, updater, statuses, lines, controller };
}

describe('update policy', () => {
  it('checks at start, then every 6 hours', async () => {
    const { clock, updater, controller } = setup();
    expect(controller.status()).toEqual({ state: 'idle', lastCheckedAt: null });
    controller.start();
    expect(updater.checks).toBe(1);
    expect(controller.status().state).toBe('checking');
    await updater.answer();
    expect(controller.status()).toEqual({ state: 'up_to_date', lastCheckedAt: '2026-12-01T09:00:00.000Z' });
    expect(clock.pending()).toEqual([UPDATE_CHECK_INTERVAL_MS]);

    await clock.advance(6 * HOUR - 1);
    expect(updater.checks).toBe(0);
    await clock.advance(1);
    expect(updater.checks).toBe(1);
    await updater.answer();
    expect(controller.status()).toEqual({ state: 'up_to_date', lastCheckedAt: '2026-12-01T15:00:00.000Z' });
    await clock.advance(6 * HOUR);
    expect(updater.checks).toBe(1);
  });

  it('a found update downloads in the background, then says "ready" and stops checking', async () => {
    const { clock, updater, statuses, controller } = setup();
    controller.start();
    updater.emit({ type: 'available', version: '1.2.0' });
    await updater.answer();
    expect(controller.status()).toMatchObject({ state: 'downloading', version: '1.2.0', percent: 0 });
    updater.emit({ type: 'progress', percent: 41.7 });
    updater.emit({ type: 'progress', percent: 41.9 }); // same whole percent: no new status
    expect(controller.status()).toMatchObject({ state: 'downloading', percent: 41 });
    expect(statuses.filter((s) => s.state === 'downloading' && s.percent === 41)).toHaveLength(1);

    // A scheduled check during the download does not start a second one.
    await clock.advance(6 * HOUR);
    expect(updater.checks).toBe(0);

    updater.emit({ type: 'downloaded', version: '1.2.0' });
    expect(controller.status()).toMatchObject({ state: 'ready', version: '1.2.0' });
    expect(clock.pending()).toEqual([]);
    await clock.advance(48 * HOUR);
    expect(updater.checks).toBe(0);
  });

  it('checks never overlap: a manual check joins the running one and answers when it ends', async () => {
    const { updater, controller } = setup();
    controller.start();
    const manual = controller.checkNow();
    expect(updater.checks).toBe(1);
    await updater.answer();
    await expect(manual).resolves.toMatchObject({ state: 'up_to_date' });
  });

  it('a manual check restarts the 6-hour wait', async () => {
    const { clock, updater, controller } = setup();
    controller.start();
    await updater.answer();
    await clock.advance(5 * HOUR);
    const manual = controller.checkNow();
    await updater.answer();
    await manual;
    expect(clock.pending()).toEqual([UPDATE_CHECK_INTERVAL_MS]);
    await clock.advance(5 * HOUR);
    expect(updater.checks).toBe(0);
  });

  it('a failed check shows one plain sentence, logs the detail (redacted) and tries again 6 hours later', async () => {
    const { clock, updater, lines, controller } = setup();
    controller.start();
    await updater.answer(new Error('net::ERR_NAME_NOT_RESOLVED fetching https://github.com/… Authorization: Bearer ghp_abcdefghijklmnopqrstuvwxyz0123456789'));
    expect(controller.status()).toEqual({ state: 'error', message: "Couldn't check for updates. DevKeys will try again later.", lastCheckedAt: null });
    expect(lines.join('\n')).toMatch(/update\.check_failed/);
    expect(lines.join('\n')).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
    await clock.advance(6 * HOUR);
    expect(updater.checks).toBe(1);
    await updater.answer();
    expect(controller.status().state).toBe('up_to_date');
  });

  it('a failed download says so and is retried at the next check', async () => {
    const { clock, updater, controller } = setup();
    controller.start();
    updater.emit({ type: 'available', version: '1.2.0' });
    await updater.answer();
    updater.emit({ type: 'error', error: new Error('sha512 checksum mismatch') });
    expect(controller.status()).toMatchObject({ state: 'error', message: "Couldn't download the update. DevKeys will try again later." });
    await clock.advance(6 * HOUR);
    expect(updater.checks).toBe(1);
  });

  it('installs only a downloaded update, on the next tick (after the IPC answer)', async () => {
    const { clock, updater, controller } = setup();
    expect(() => controller.install()).toThrow(AppError);
    controller.start();
    updater.emit({ type: 'available', version: '1.2.0' });
    updater.emit({ type: 'downloaded', version: '1.2.0' });
    await updater.answer();
    expect(controller.status().state).toBe('ready');
    controller.install();
    expect(updater.installs).toBe(0);
    await clock.advance(0);
    expect(updater.installs).toBe(1);
  });

  it('stop() cancels the next check and unsubscribes', async () => {
    const { clock, updater, controller } = setup();
    controller.start();
    await updater.answer();
    controller.stop();
    expect(clock.pending()).toEqual([]);
    expect(updater.listenerCount()).toBe(0);
    await clock.advance(24 * HOUR);
    expect(updater.checks).toBe(0);
  });

  it('without an updater (npm start, preview, the harness) updates are off, with the reason', async () => {
    const clock = fakeClock();
    const controller = new UpdateController({ source: { off: 'development' }, clock, log: createLogger(() => {}) });
    controller.start();
    await expect(controller.checkNow()).resolves.toEqual({
      state: 'off',
      reason: 'development',
      message: 'Updates are off in development builds (npm start, the preview and tests).',
    });
    expect(clock.pending()).toEqual([]);
    expect(() => controller.install()).toThrow(/No update/);
  });
});
