/**
 * Validation of Omi's key answers (Developer API keys and MCP keys), written out by hand: these
 * lists are read on every screen and refresh, and zod's per-field pipes (`nullish().transform()`)
 * cost more than the rest of the check (`npm run bench`, the IPC figure). The rules are exactly
 * those of the zod schemas they replace — every listed field present and a string, a non-empty
 * id, `last_used_at` / `app_id` / `scopes` may be absent or null (→ null), a created key's
 * secret at least 8 characters, unknown fields dropped — and the first problem is reported at
 * the path zod reports (key-responses.test.ts compares the two on generated answers).
 */
import type { OmiKey, OmiMcpKey } from '../../ipc/contract';
import type { ResponseSchema } from './http';

type Path = (string | number)[];
type Checked<T> = { success: true; data: T } | { success: false; error: { issues: { path: Path }[] } };

/** The first problem found; thrown inside a check only, so a valid answer allocates nothing for it. */
class Problem {
  constructor(readonly path: Path) {}
}

function check<T>(read: (value: unknown) => T): ResponseSchema<T> {
  return {
    safeParse(value: unknown): Checked<T> {
      try {
        return { success: true, data: read(value) };
      } catch (error) {
        if (error instanceof Problem) return { success: false, error: { issues: [{ path: error.path }] } };
        throw error;
      }
    },
  };
}

type Fields = Record<string, unknown>;

function object(value: unknown): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Problem([]);
  return value as Fields;
}

function string(fields: Fields, name: string, minLength = 0): string {
  const value = fields[name];
  if (typeof value !== 'string' || value.length < minLength) throw new Problem([name]);
  return value;
}

function nullableString(fields: Fields, name: string): string | null {
  const value = fields[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new Problem([name]);
  return value;
}

function nullableStrings(fields: Fields, name: string): string[] | null {
  const value = fields[name];
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw new Problem([name]);
  for (let i = 0; i < value.length; i += 1) {
    if (typeof value[i] !== 'string') throw new Problem([name, i]);
  }
  // The array came from this answer's JSON.parse and nothing else holds it.
  return value as string[];
}

function list<T>(read: (value: unknown) => T): (value: unknown) => T[] {
  return (value) => {
    if (!Array.isArray(value)) throw new Problem([]);
    const items: T[] = [];
    for (let i = 0; i < value.length; i += 1) {
      try {
        items.push(read(value[i]));
      } catch (error) {
        throw error instanceof Problem ? new Problem([i, ...error.path]) : error;
      }
    }
    return items;
  };
}

/** A created key: the key's fields first, then its secret (zod's intersection reports them in that order). */
function created<K extends object>(read: (value: unknown) => K): (value: unknown) => K & { key: string } {
  return (value) => {
    const key = read(value);
    return { ...key, key: string(object(value), 'key', 8) };
  };
}

function omiKey(value: unknown): OmiKey {
  const fields = object(value);
  return {
    id: string(fields, 'id', 1),
    name: string(fields, 'name'),
    key_prefix: string(fields, 'key_prefix'),
    created_at: string(fields, 'created_at'),
    // Older servers omit these: a missing value means "never used" / legacy read-only.
    last_used_at: nullableString(fields, 'last_used_at'),
    scopes: nullableStrings(fields, 'scopes'),
  };
}

function mcpKey(value: unknown): OmiMcpKey {
  const fields = object(value);
  return {
    id: string(fields, 'id', 1),
    name: string(fields, 'name'),
    key_prefix: string(fields, 'key_prefix'),
    created_at: string(fields, 'created_at'),
    last_used_at: nullableString(fields, 'last_used_at'),
    app_id: nullableString(fields, 'app_id'),
    scopes: nullableStrings(fields, 'scopes'),
  };
}

export const omiKeyList = check(list(omiKey));
export const createdOmiKey = check(created(omiKey));
export const mcpKeyList = check(list(mcpKey));
export const createdMcpKey = check(created(mcpKey));
