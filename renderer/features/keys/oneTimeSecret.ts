import type { CreatedKey, OmiKey } from '../../../electron/ipc/contract';

/**
 * Holds a newly created key's secret for the one-time dialog, and can wipe it.
 *
 * React keeps the previous render's props and state in its alternate fibers, so a secret put
 * straight into state can stay reachable after the dialog closes. Everything React sees is
 * this holder; `wipe()` drops the only reference to the string, whatever still points at the
 * holder. The constructor also blanks the secret on the IPC result it came from.
 */
export class OneTimeSecret {
  readonly key: OmiKey;
  readonly secretHandle: string;
  #secret: string | null;

  constructor(created: CreatedKey) {
    this.key = created.key;
    this.secretHandle = created.secretHandle;
    this.#secret = created.secret;
    created.secret = '';
  }

  /** The secret, or '' once wiped. */
  get value(): string {
    return this.#secret ?? '';
  }

  get wiped(): boolean {
    return this.#secret === null;
  }

  wipe(): void {
    this.#secret = null;
  }
}
