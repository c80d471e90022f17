// How Omi's FastAPI backend rejects a bad key-create body: pydantic shape problems as a list of
// issues, then its own rules as string details. Shared by /v1/dev/keys and /v1/mcp/keys.
import type { components } from '../generated/omi-mcp-api';
import { isPlainObject, json, parseJson, type Reply } from './http';

export type ValidationIssue = components['schemas']['ValidationIssue'];

/** The 401 detail for a request without `Authorization: Bearer <token>`. */
export const MISSING_AUTHORIZATION = "Missing or invalid Authorization header. Must be 'Bearer API_KEY'";

/** `{"detail": …}`, the body of every Omi error. */
export const detail = (status: number, message: string | ValidationIssue[]): Reply => json(status, { detail: message });

/** A raw secret of either Omi key family, anywhere in a string (someone pasted a key into the name). */
const RAW_KEY_PATTERN = /omi_(?:mcp|dev)_[0-9a-f]{32}/;

export type BodyObject = { ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply };

/** The request body as a JSON object, or pydantic's 422 for an empty, unparsable or non-object body. */
export function parseBodyObject(body: string): BodyObject {
  const invalid = (issue: ValidationIssue): BodyObject => ({ ok: false, reply: detail(422, [issue]) });
  if (body.trim() === '') return invalid({ loc: ['body'], msg: 'Field required', type: 'missing' });
  const parsed = parseJson(body);
  if (!parsed.ok) return invalid({ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' });
  if (!isPlainObject(parsed.value)) {
    return invalid({
      loc: ['body'],
      msg: 'Input should be a valid dictionary or object to extract fields from',
      type: 'model_attributes_type',
    });
  }
  return { ok: true, value: parsed.value };
}

/** Pydantic's check of a required `name: str` field; adds an issue and returns false when it fails. */
export function checkNameField(name: unknown, issues: ValidationIssue[]): name is string {
  if (name === undefined) issues.push({ loc: ['body', 'name'], msg: 'Field required', type: 'missing' });
  else if (typeof name !== 'string') issues.push({ loc: ['body', 'name'], msg: 'Input should be a valid string', type: 'string_type' });
  return typeof name === 'string';
}

/** The endpoint's own rule for a well-typed name: blank → 422 (checked before anything else). */
export function blankNameReply(name: string): Reply | null {
  return name.trim() === '' ? detail(422, 'Key name cannot be empty') : null;
}

/** The storage layer's rule, checked last: no raw API key in the (trimmed) name. No length limit. */
export function rawKeyInNameReply(trimmedName: string): Reply | null {
  return RAW_KEY_PATTERN.test(trimmedName) ? detail(422, 'API key name must not contain a raw API key') : null;
}
