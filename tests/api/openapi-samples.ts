import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

/** The parts of a JSON Schema (as docs/openapi.json writes them) that a sample needs. */
export interface Schema {
  type?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  oneOf?: Schema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  minLength?: number;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, {
    parameters?: { name: string; in: string; schema?: Schema }[];
    requestBody?: { content?: Record<string, { schema?: Schema }> };
  }>>;
  components: { schemas: Record<string, Schema> };
}

/** One endpoint as the document describes its input. */
export interface DocumentedOperation {
  /** "POST /api/leads", with :params as the routes write them. */
  key: string;
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  body: Schema | null;
  query: { name: string; schema: Schema }[];
}

export function readOpenApi(): OpenApiDocument {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'openapi.json'), 'utf8')) as OpenApiDocument;
}

/** Every operation of the document, with its JSON body schema and query parameters. */
export function documentedOperations(doc: OpenApiDocument): DocumentedOperation[] {
  return Object.entries(doc.paths).flatMap(([docPath, ops]) => Object.entries(ops).map(([method, op]) => {
    const path = docPath.replace(/\{(\w+)\}/g, ':$1');
    return {
      key: `${method.toUpperCase()} ${path}`,
      method: method as DocumentedOperation['method'],
      path,
      body: op.requestBody?.content?.['application/json']?.schema ?? null,
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
    };
  }));
}

function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  let s = schema;
  for (let hops = 0; s.$ref && hops < 10; hops++) s = doc.components.schemas[s.$ref.replace('#/components/schemas/', '')] ?? {};
  return s.oneOf?.[0] ? resolve(doc, s.oneOf[0]) : s;
}

/** A value the field would accept where the schema says enough; `known` supplies real ids by field name. */
export function sampleOf(doc: OpenApiDocument, schema: Schema, known: (field: string) => unknown, field = ''): unknown {
  const fromWorld = field ? known(field) : undefined;
  if (fromWorld !== undefined) return fromWorld;
  const s = resolve(doc, schema);
  if (s.enum && s.enum.length > 0) return s.enum[0];
  if (s.properties || s.type === 'object') {
    const out: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(s.properties ?? {})) out[name] = sampleOf(doc, child, known, name);
    return out;
  }
  switch (s.type) {
    case 'array': return s.items ? [sampleOf(doc, s.items, known, field)] : [];
    case 'integer': case 'number': return Math.max(s.minimum ?? 1, 1);
    case 'boolean': return true;
    default:
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'url') return 'https://example.com/a.png';
      if (s.format === 'date-time' || s.format === 'date') return '2026-11-01T01:00:00.000Z';
      return 'x'.repeat(Math.max(s.minLength ?? 1, 1));
  }
}

type Path = (string | number)[];

/** Every place in a sample a value can be swapped: each property and array item, at any depth. */
export function fieldPaths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...fieldPaths(v, [...prefix, k])]);
}

/** A copy of `value` with the thing at `path` replaced. */
export function withValueAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = path as [string | number, ...Path];
  copy[head] = withValueAt(copy[head], rest, replacement);
  return copy;
}

/**
 * Values of the wrong shape for whatever field they land in: an array where an object belongs,
 * null for a string, an object for a number, numbers no column holds (past a 32-bit INT, past
 * 2^53), numeric strings past 2^53.
 */
export const CONFUSED_VALUES: readonly unknown[] = [
  null, [], [null], [{}], {}, { length: 1 }, true, 0, -1, 0.5, 2 ** 31, 1e15, 1e21, -1e21, 1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER * 8,
  '', '9007199254740993', '99999999999999999999', '-1', '1e400', 'NaN', 'null', '[]', '{}', 'x'.repeat(5000),
];

/** The same, drawn by fast-check, nested and mixed. */
export const confusedValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...CONFUSED_VALUES),
  fc.array(fc.constantFrom(...CONFUSED_VALUES), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('given', 'textVersion', 'purpose', 'id', 'when', 'task', 'x'), fc.constantFrom(...CONFUSED_VALUES), { maxKeys: 3 }),
  fc.double(), fc.bigInt({ min: 2n ** 53n, max: 2n ** 80n }).map((n) => n.toString()), fc.string({ maxLength: 20 }),
);

/** What a query value can be: one string, or several when the key repeats (?page=1&page=2). */
export const CONFUSED_QUERY_VALUES: readonly (string | string[])[] = [
  '', '0', '-1', '1.5', '1e2', '9007199254740993', '99999999999999999999', 'NaN', 'Infinity', 'null', '[]', '{"a":1}', ['1', '2'], ['', ''], 'x'.repeat(3000),
];
export const confusedQueryValue: fc.Arbitrary<string | string[]> = fc.oneof(
  fc.constantFrom(...CONFUSED_QUERY_VALUES),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => n.toString()),
  fc.array(fc.string({ maxLength: 8 }), { minLength: 2, maxLength: 3 }),
  fc.string({ maxLength: 30 }),
);
