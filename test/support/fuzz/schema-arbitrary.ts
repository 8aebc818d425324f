// Payload generators for the IPC fuzz (issue 17 point 7), derived from the contract's zod schemas
// through zod's own JSON Schema export (z.toJSONSchema), so a method added to the contract is
// fuzzed without a line here. fast-check (well kept, shrinking, seeds) does the generating;
// zod-fast-check supports zod 3 only, and JSON Schema is zod 4's public view of a schema.
import fc from 'fast-check';
import { z } from 'zod';

type Json = { [key: string]: unknown };

/** Values shaped like the schema (most are valid; refinements JSON Schema cannot say may fail). */
export function shapedLike(schema: z.ZodType): fc.Arbitrary<unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return fromJsonSchema(json, json, 0);
}

function fromJsonSchema(s: Json, root: Json, depth: number): fc.Arbitrary<unknown> {
  if (typeof s.$ref === 'string') return fromJsonSchema(resolve(root, s.$ref), root, depth + 1);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  for (const key of ['anyOf', 'oneOf'] as const) if (Array.isArray(s[key])) return fc.oneof(...(s[key] as Json[]).map((x) => fromJsonSchema(x, root, depth + 1)));
  if (Array.isArray(s.allOf) && s.allOf.length) return fromJsonSchema(s.allOf[0] as Json, root, depth + 1);
  if (depth > 12) return fc.constant(null);
  switch (s.type) {
    case 'string': {
      const min = Number(s.minLength ?? 0);
      const max = Math.min(Number(s.maxLength ?? 40), 200);
      if (typeof s.pattern === 'string') {
        try {
          return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length >= min && x.length <= Number(s.maxLength ?? Infinity));
        } catch {
          /* a pattern JS cannot compile: plain strings */
        }
      }
      if (s.format === 'uuid') return fc.uuid();
      if (s.format === 'email') return fc.emailAddress();
      if (s.format === 'date-time') return fc.date({ noInvalidDate: true, min: new Date('2020-01-01'), max: new Date('2030-01-01') }).map((d) => d.toISOString());
      return fc.string({ minLength: min, maxLength: Math.max(min, max) });
    }
    case 'integer':
    case 'number': {
      const min = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : -1e6;
      const max = typeof s.maximum === 'number' ? s.maximum : typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - 1 : 1e12;
      return s.type === 'integer' ? fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) }) : fc.double({ min, max, noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = s.items && typeof s.items === 'object' && !Array.isArray(s.items) ? fromJsonSchema(s.items as Json, root, depth + 1) : fc.anything();
      if (Array.isArray(s.prefixItems)) return fc.tuple(...(s.prefixItems as Json[]).map((x) => fromJsonSchema(x, root, depth + 1)));
      return fc.array(item, { minLength: Number(s.minItems ?? 0), maxLength: Math.min(Number(s.maxItems ?? 5), 8) });
    }
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Json>;
      const required = new Set((s.required as string[] | undefined) ?? []);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) model[k] = fromJsonSchema(v, root, depth + 1);
      if (!Object.keys(model).length && s.additionalProperties && typeof s.additionalProperties === 'object') {
        return fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fromJsonSchema(s.additionalProperties as Json, root, depth + 1), { maxKeys: 4 });
      }
      return fc.record(model, { requiredKeys: [...required].filter((k) => k in model) });
    }
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

function resolve(root: Json, ref: string): Json {
  let node: unknown = root;
  for (const part of ref.replace(/^#\//, '').split('/')) node = (node as Json)[decodeURIComponent(part)];
  return (node ?? {}) as Json;
}

/** Values no schema of ours should take: wrong types, prototype keys, huge, deep, odd numbers and text. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3, withBigInt: false, withMap: false, withSet: false, withTypedArray: false, withDate: false, withNullPrototype: true }),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, '', '\uD800', '\uDFFF\uD800', 'a'.repeat(200_000), [], {}, true, 0),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') as unknown),
  fc.integer({ min: 20, max: 200 }).map((n) => {
    let v: unknown = 'deep';
    for (let i = 0; i < n; i++) v = { v };
    return v;
  }),
);

/** A shaped value with one field broken: removed, set to a hostile value, or an extra key added. */
export function mutated(schema: z.ZodType): fc.Arbitrary<unknown> {
  return fc.tuple(shapedLike(schema), hostile, fc.nat(), fc.constantFrom('drop', 'replace', 'extra')).map(([value, bad, pick, how]) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return how === 'replace' ? bad : value;
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const key = keys.length ? keys[pick % keys.length]! : 'x';
    if (how === 'drop') delete copy[key];
    else if (how === 'replace') copy[key] = bad;
    else copy[`extra_${pick % 7}`] = bad;
    return copy;
  });
}
