/**
 * Newly created secrets live in main only as long as their one-time dialog is open: the
 * renderer gets a random handle for "Copy Key" and calls `forget` on "Done". Copies go
 * to the clipboard marked as concealed and are cleared after a delay, or on quit, but
 * only if the clipboard still holds that secret (the user may have copied something else).
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../errors';

export interface ClipboardPort {
  /** Writes text marked as a password/secret for clipboard managers where the OS allows it. */
  writeSecret(text: string): Promise<void>;
  /** Writes text that is no secret (a server URL, an OAuth client id), as any app would. */
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
  clear(): Promise<void>;
}

export const CLIPBOARD_CLEAR_AFTER_MS = 30_000;
/** A dialog left open longer than this loses its copy handle (the secret stays on screen). */
const HANDLE_TTL_MS = 30 * 60_000;

/** What main remembers about a held secret besides the secret itself. */
export interface HeldSecretContext {
  /** An MCP key's secret: the account whose MCP server URL goes into its Claude Code config. */
  mcpAccountId?: string;
}

export class OneTimeSecrets {
  private readonly secrets = new Map<string, { secret: string; context: HeldSecretContext; expiresAt: number }>();
  constructor(private readonly now: () => number = Date.now) {}

  hold(secret: string, context: HeldSecretContext = {}): string {
    this.sweep();
    const handle = randomBytes(16).toString('hex');
    this.secrets.set(handle, { secret, context, expiresAt: this.now() + HANDLE_TTL_MS });
    return handle;
  }

  take(handle: string): string {
    return this.entry(handle).secret;
  }

  /** The secret with what was said about it when it was held. */
  takeWithContext(handle: string): { secret: string; context: HeldSecretContext } {
    const { secret, context } = this.entry(handle);
    return { secret, context };
  }

  forget(handle: string): boolean {
    return this.secrets.delete(handle);
  }

  clear(): void {
    this.secrets.clear();
  }

  private entry(handle: string) {
    this.sweep();
    const entry = this.secrets.get(handle);
    if (!entry) throw new AppError('secret_expired', 'This secret is no longer available to copy. Select the key text and copy it by hand.');
    return entry;
  }

  private sweep(): void {
    const now = this.now();
    for (const [handle, entry] of this.secrets) if (entry.expiresAt <= now) this.secrets.delete(handle);
  }
}

/** The clock the clipboard's clear runs on: the real timers, or a manual clock in tests. */
export interface ClearTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}
export const realTimers: ClearTimers = {
  set(run, ms) {
    const timer = setTimeout(run, ms);
    timer.unref?.();
    return timer;
  },
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class SecretClipboard {
  private lastCopied: string | null = null;
  private timer: unknown = null;

  constructor(
    private readonly clipboard: ClipboardPort,
    readonly clearAfterMs: number = CLIPBOARD_CLEAR_AFTER_MS,
    private readonly timers: ClearTimers = realTimers,
  ) {}

  async copy(secret: string): Promise<void> {
    await this.clipboard.writeSecret(secret);
    this.lastCopied = secret;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => void this.clearIfStillOurs(), this.clearAfterMs);
  }

  /** Text that is no secret: copied as is, never cleared (a pending clear still checks the clipboard first). */
  async copyPlain(text: string): Promise<void> {
    await this.clipboard.writeText(text);
  }

  /** Clears the clipboard if it still holds the secret we put there (timer and quit). */
  async clearIfStillOurs(): Promise<boolean> {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    const secret = this.lastCopied;
    this.lastCopied = null;
    if (secret === null) return false;
    if ((await this.clipboard.readText()) !== secret) return false;
    await this.clipboard.clear();
    return true;
  }
}

/** Timers that run only when told to: `advance(ms)` runs every timer due by then (tests, e2e). */
export function createManualTimers(): ClearTimers & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let nextId = 1;
  const due = new Map<number, { at: number; run: () => void }>();
  return {
    set(run, ms) {
      const id = nextId++;
      due.set(id, { at: now + ms, run });
      return id;
    },
    clear: (handle) => void due.delete(handle as number),
    advance(ms) {
      now += ms;
      for (const [id, timer] of [...due.entries()].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > now) continue;
        due.delete(id);
        timer.run();
      }
    },
    pending: () => due.size,
  };
}

/** An in-memory clipboard for Node tests and the browser preview harness. */
export function createMemoryClipboard(): ClipboardPort & { text: string; concealed: boolean } {
  const clipboard = {
    text: '',
    /** Whether the last write was marked as a secret for clipboard managers. */
    concealed: false,
    async writeSecret(text: string) {
      clipboard.text = text;
      clipboard.concealed = true;
    },
    async writeText(text: string) {
      clipboard.text = text;
      clipboard.concealed = false;
    },
    async readText() {
      return clipboard.text;
    },
    async clear() {
      clipboard.text = '';
      clipboard.concealed = false;
    },
  };
  return clipboard;
}
