import type { KeyFamily } from '../../../electron/ipc/contract';
import type { KeyIdentity } from './families';

/** A create's (or a rotation's) answer, of either key list. */
interface Created {
  key: KeyIdentity;
  secret: string;
  secretHandle: string;
}

/**
 * Holds a newly created key's secret for the one-time dialog, and can wipe it.
 *
 * React keeps the previous render's props and state in its alternate fibers, so a secret put
 * straight into state can stay reachable after the dialog closes. Everything React sees is
 * this holder; `wipe()` drops the only reference to the string, whatever still points at the
 * holder. The constructor also blanks the secret on the IPC result it came from.
 */
export class OneTimeSecret {
  readonly key: KeyIdentity;
  readonly secretHandle: string;
  /** Which list the key is in: the secret dialog's wording and its MCP config button depend on it. */
  readonly family: KeyFamily;
  #secret: string | null;

  constructor(created: Created, family: KeyFamily = 'dev') {
    this.key = { id: created.key.id, name: created.key.name, key_prefix: created.key.key_prefix };
    this.family = family;
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
