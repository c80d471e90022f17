/**
 * The hand-written key checks against the zod schemas they replaced (kept here as the
 * reference): on generated answers — valid ones, and ones with any field missing, null, of the
 * wrong type or empty, extra fields, bad scope lists, non-objects — both accept the same
 * answers, give the same data, and name the same first problem (which goes into the error).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createdMcpKey, createdOmiKey, mcpKeyList, omiKeyList } from './key-responses';

const nullish = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);
const referenceOmiKey = z.object({
  id: z.string().min(1),
  name: z.string(),
  key_prefix: z.string(),
  created_at: z.string(),
  last_used_at: nullish(z.string()),
  scopes: nullish(z.array(z.string())),
});
const referenceMcpKey = z.object({
  id: z.string().min(1),
  name: z.string(),
  key_prefix: z.string(),
  created_at: z.string(),
  last_used_at: nullish(z.string()),
  app_id: nullish(z.string()),
  scopes: nullish(z.array(z.string())),
});
const secret = z.object({ key: z.string().min(8) });
const references = [
  { name: 'Developer API key list', check: omiKeyList, reference: z.array(referenceOmiKey), list: true },
  { name: 'created Developer API key', check: createdOmiKey, reference: z.intersection(referenceOmiKey, secret), list: false },
  { name: 'MCP key list', check: mcpKeyList, reference: z.array(referenceMcpKey), list: true },
  { name: 'created MCP key', check: createdMcpKey, reference: z.intersection(referenceMcpKey, secret), list: false },
] as const;

const FIELDS = ['id', 'name', 'key_prefix', 'created_at', 'last_used_at', 'app_id', 'scopes', 'key'];
const oddValue = fc.oneof(
  fc.constantFrom(null, undefined, '', 'x', 'omi_dev_12345678', 0, 1.5, true, false, [], {}, ['a'], [1], { id: 'x' }),
  fc.string({ maxLength: 12 }),
  fc.integer(),
);
const goodValue: Record<string, fc.Arbitrary<unknown>> = {
  id: fc.string({ minLength: 1, maxLength: 10 }),
  name: fc.string({ maxLength: 10 }),
  key_prefix: fc.string({ maxLength: 10 }),
  created_at: fc.constant('2026-01-01T00:00:00Z'),
  last_used_at: fc.option(fc.constant('2026-01-02T00:00:00Z'), { nil: null }),
  app_id: fc.option(fc.constant('mcp-api'), { nil: null }),
  scopes: fc.option(fc.array(fc.oneof(fc.constantFrom('memories:read', 'goals:write'), oddValue), { maxLength: 4 }), { nil: null }),
  key: fc.string({ minLength: 6, maxLength: 12 }),
};
const MISSING = Symbol('missing');
/** A key object: each field usually good, sometimes odd or missing, sometimes an extra field. */
const keyLike = fc
  .record(
    Object.fromEntries(
      FIELDS.map((field) => [field, fc.oneof({ weight: 6, arbitrary: goodValue[field]! }, { weight: 1, arbitrary: oddValue }, { weight: 1, arbitrary: fc.constant(MISSING) })]),
    ),
  )
  .chain((fields) => fc.record({ fields: fc.constant(fields), extra: fc.option(fc.constantFrom('owner', 'secret_hash', '__proto__'), { nil: null }) }))
  .map(({ fields, extra }) => {
    const key: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) if (value !== MISSING) key[name] = value;
    if (extra) key[extra] = 'extra';
    return JSON.parse(JSON.stringify(key)) as unknown;
  });
const answer = (list: boolean) =>
  fc.oneof(
    { weight: 8, arbitrary: list ? fc.array(keyLike, { maxLength: 5 }) : keyLike },
    { weight: 1, arbitrary: oddValue },
    { weight: 1, arbitrary: list ? keyLike : fc.array(keyLike, { maxLength: 2 }) },
  );

type Outcome = { success: true; data: unknown } | { success: false; path: readonly PropertyKey[] };
function outcomeOf(result: { success: true; data: unknown } | { success: false; error: { issues: readonly { path: readonly PropertyKey[] }[] } }): Outcome {
  return result.success ? { success: true, data: result.data } : { success: false, path: result.error.issues[0]?.path ?? ['(no issue)'] };
}

describe.each(references)('the $name check', ({ check, reference, list }) => {
  it('agrees with the zod schema on every generated answer', () => {
    fc.assert(
      fc.property(answer(list), (value) => {
        expect(outcomeOf(check.safeParse(value))).toEqual(outcomeOf(reference.safeParse(value)));
      }),
      { numRuns: 3000, seed: 20_261_202 },
    );
  });

  it('accepts a well-formed answer, fills in nulls and drops unknown fields', () => {
    const key = { id: 'k1', name: 'CI', key_prefix: 'omi_dev_ab...cd', created_at: '2026-01-01T00:00:00Z', owner: 'u1', key: 'omi_dev_secret_123' };
    const result = check.safeParse(list ? [key] : key);
    expect(result.success).toBe(true);
    const first = (list ? (result as { data: unknown[] }).data[0] : (result as { data: unknown }).data) as Record<string, unknown>;
    expect(first).not.toHaveProperty('owner');
    expect(first).toMatchObject({ id: 'k1', last_used_at: null, scopes: null });
  });
});
