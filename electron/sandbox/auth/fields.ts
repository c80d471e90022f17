// Request fields bound the way FastAPI binds them, so a bad request gets the same 422 the
// backend sends: every field checked before any answer, the last of repeated values wins, and
// an empty form value counts as missing (FastAPI's Form rule; an empty query value does not).
import { lastValue, type SandboxRequest, type ValidationIssue } from '../http';

type FieldKind = 'str' | 'bool';

export interface FieldSpec {
  name: string;
  required: boolean;
  kind?: FieldKind;
}

export type FieldValues = Record<string, string | boolean | null>;
export type BoundFields = { ok: true; values: FieldValues } | { ok: false; issues: ValidationIssue[] };

/** pydantic's lax string → bool table. */
const TRUE_WORDS = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE_WORDS = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

/** The urlencoded form of a request; other content types bind no fields (Starlette's empty form). */
export function formOf(req: SandboxRequest): URLSearchParams {
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  return contentType === 'application/x-www-form-urlencoded' ? new URLSearchParams(req.body) : new URLSearchParams();
}

export function bindFields(params: URLSearchParams, location: 'query' | 'body', specs: readonly FieldSpec[]): BoundFields {
  const values: FieldValues = {};
  const issues: ValidationIssue[] = [];
  for (const spec of specs) {
    let raw = lastValue(params, spec.name);
    if (location === 'body' && raw === '') raw = null;
    if (raw === null) {
      if (spec.required) issues.push({ loc: [location, spec.name], msg: 'Field required', type: 'missing' });
      values[spec.name] = null;
      continue;
    }
    if (spec.kind === 'bool') {
      const word = raw.toLowerCase();
      if (TRUE_WORDS.has(word)) values[spec.name] = true;
      else if (FALSE_WORDS.has(word)) values[spec.name] = false;
      else issues.push({ loc: [location, spec.name], msg: 'Input should be a valid boolean, unable to interpret input', type: 'bool_parsing' });
      continue;
    }
    values[spec.name] = raw;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, values };
}

export function stringField(values: FieldValues, name: string): string | null {
  const value = values[name];
  return typeof value === 'string' ? value : null;
}
