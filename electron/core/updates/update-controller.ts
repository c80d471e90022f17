/**
 * When DevKeys looks for its own updates and what it says about them. Plain TypeScript: the
 * updater (electron-updater in packaged builds, electron/platform/updater.ts) and the clock are
 * injected, so the policy is unit-tested with fakes.
 *
 * Policy: check at start and every 6 hours; a found update downloads in the background; once it
 * is downloaded the status is `ready` (the window shows "Restart to update") and no further checks
 * run. Checks never overlap; a manual check restarts the 6-hour wait. Failures are logged and
 * retried at the next check; the user sees one plain sentence, never the updater's raw text.
 */
import type { UpdatesOffReason, UpdateStatus } from '../../ipc/contract';
import { AppError } from '../errors';
import type { Logger } from '../logging/log';

export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

export type UpdaterEvent =
  | { type: 'available'; version: string }
  | { type: 'not_available' }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; error: unknown };

/** What DevKeys needs from an updater (electron-updater's autoUpdater, a fake in tests). */
export interface UpdaterPort {
  /** Asks the feed; an available update starts downloading on its own and reports through events. */
  check(): Promise<void>;
  /** Quits DevKeys, installs the downloaded update and starts the new version. */
  install(): void;
  onEvent(listener: (event: UpdaterEvent) => void): () => void;
}

export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => {
    const handle = setTimeout(run, ms);
    handle.unref?.(); // a pending check never keeps the process alive
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Either an updater to drive, or why this build has none. */
export type UpdateSource = { updater: UpdaterPort } | { off: UpdatesOffReason };

export const UPDATES_OFF_MESSAGES: Record<UpdatesOffReason, string> = {
  development: 'Updates are off in development builds (npm start, the preview and tests).',
  no_feed: 'This build has no update feed. New versions are on the GitHub Releases page.',
  unsigned_mac: 'Unsigned macOS builds cannot update themselves. New versions are on the GitHub Releases page.',
};

const CHECK_FAILED = "Couldn't check for updates. DevKeys will try again later.";
const DOWNLOAD_FAILED = "Couldn't download the update. DevKeys will try again later.";

export interface UpdateControllerOptions {
  source: UpdateSource;
  clock?: Clock;
  log: Logger;
  /** Every status change (main forwards it to the windows as `updateStatusChanged`). */
  onStatus?: (status: UpdateStatus) => void;
  intervalMs?: number;
}

export class UpdateController {
  private current: UpdateStatus;
  private readonly updater: UpdaterPort | null;
  private readonly clock: Clock;
  private readonly intervalMs: number;
  private timer: unknown = null;
  private inFlight: Promise<void> | null = null;
  private lastCheckedAt: string | null = null;
  private stopEvents: (() => void) | null = null;
  private started = false;

  constructor(private readonly options: UpdateControllerOptions) {
    this.clock = options.clock ?? systemClock;
    this.intervalMs = options.intervalMs ?? UPDATE_CHECK_INTERVAL_MS;
    if ('off' in options.source) {
      this.updater = null;
      this.current = { state: 'off', reason: options.source.off, message: UPDATES_OFF_MESSAGES[options.source.off] };
    } else {
      this.updater = options.source.updater;
      this.current = { state: 'idle', lastCheckedAt: null };
    }
  }

  status(): UpdateStatus {
    return this.current;
  }

  /** The check at start; then one every 6 hours. Does nothing where updates are off. */
  start(): void {
    if (!this.updater || this.started) return;
    this.started = true;
    this.stopEvents = this.updater.onEvent((event) => this.onUpdaterEvent(event));
    void this.runCheck();
  }

  /** About → Check for updates. Joins a check already running; answers once it is done. */
  async checkNow(): Promise<UpdateStatus> {
    if (!this.updater) return this.current;
    if (!this.started) this.start();
    else await this.runCheck();
    await this.inFlight;
    return this.current;
  }

  /** Restart to update. Runs on the next tick, so the caller's IPC answer leaves before DevKeys quits. */
  install(): void {
    const updater = this.updater;
    if (!updater || this.current.state !== 'ready') {
      throw new AppError('validation', 'No update has been downloaded yet.');
    }
    this.options.log.info('update.install', { version: this.current.version });
    this.clock.setTimeout(() => updater.install(), 0);
  }

  stop(): void {
    this.started = false;
    this.cancelTimer();
    this.stopEvents?.();
    this.stopEvents = null;
  }

  private runCheck(): Promise<void> {
    const updater = this.updater;
    if (!updater) return Promise.resolve();
    if (this.inFlight) return this.inFlight;
    // A downloaded update waits for a restart; a running download needs no second check.
    if (this.current.state === 'ready') return Promise.resolve();
    if (this.current.state === 'downloading') {
      this.scheduleNext();
      return Promise.resolve();
    }
    this.cancelTimer();
    this.set({ state: 'checking', lastCheckedAt: this.lastCheckedAt });
    this.inFlight = (async () => {
      try {
        await updater.check();
        this.lastCheckedAt = new Date(this.clock.now()).toISOString();
        const state = this.current.state;
        if (state === 'checking') {
          this.set({ state: 'up_to_date', lastCheckedAt: this.lastCheckedAt });
        } else if (state === 'downloading') {
          this.set({ ...this.current, lastCheckedAt: this.lastCheckedAt });
        }
      } catch (error) {
        this.options.log.warn('update.check_failed', { error });
        this.set({ state: 'error', message: CHECK_FAILED, lastCheckedAt: this.lastCheckedAt });
      } finally {
        this.inFlight = null;
        this.scheduleNext();
      }
    })();
    return this.inFlight;
  }

  private onUpdaterEvent(event: UpdaterEvent): void {
    const lastCheckedAt = this.lastCheckedAt ?? new Date(this.clock.now()).toISOString();
    switch (event.type) {
      case 'available':
        this.options.log.info('update.available', { version: event.version });
        this.set({ state: 'downloading', version: event.version, percent: 0, lastCheckedAt });
        return;
      case 'progress': {
        if (this.current.state !== 'downloading') return;
        const percent = Math.max(0, Math.min(100, Math.floor(event.percent)));
        // Whole percents only: progress events arrive many times a second.
        if (percent !== this.current.percent) this.set({ ...this.current, percent });
        return;
      }
      case 'downloaded':
        this.options.log.info('update.downloaded', { version: event.version });
        this.cancelTimer();
        this.set({ state: 'ready', version: event.version, lastCheckedAt });
        return;
      case 'not_available':
        return; // the check's own completion says "up to date"
      case 'error': {
        this.options.log.warn('update.failed', { error: event.error, during: this.current.state });
        if (this.current.state === 'downloading') {
          this.set({ state: 'error', message: DOWNLOAD_FAILED, lastCheckedAt });
          if (!this.inFlight) this.scheduleNext();
        }
        return;
      }
    }
  }

  private scheduleNext(): void {
    if (!this.started || this.current.state === 'ready') return;
    this.cancelTimer();
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.runCheck();
    }, this.intervalMs);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private set(status: UpdateStatus): void {
    this.current = status;
    this.options.onStatus?.(status);
  }
}
