import type { TSchema } from 'typebox';
import { Settings } from 'typebox/system';
import { Value } from 'typebox/value';

type Node = Record<string, unknown>;
type SchemaError = ReturnType<typeof allErrors>[number];

/** One problem and the path of the value it is about. */
interface Problem {
  path: string[];
  text: string;
}

/**
 * What is wrong with `value` by `schema`, one line per problem in words the author of a file reads: the
 * field, what it must be (read from the schema itself) and the value found, in the order the fields
 * appear in the value. A union is reported by the variant the value is meant to be (by its JSON type,
 * then by its constant fields such as `kind`), not by every variant at once.
 */
export function schemaProblems(schema: TSchema, value: unknown): string[] {
  const errors = allErrors(schema, value).filter((e) => e.keyword !== 'boolean');
  const problems = withoutOtherVariants(schema as Node, value, errors)
    .flatMap((e) => describeError(schema as Node, value, e))
    .map((problem) => ({ problem, at: positionOf(value, problem.path) }))
    .sort((a, b) => compare(a.at, b.at));
  return [...new Set(problems.map(({ problem }) => problem.text))];
}

/**
 * Every error, not only the first few that TypeBox keeps by default: a union's own error comes after its
 * variants' errors, and it is the one that tells which of them to report. Model files are small.
 */
function allErrors(schema: TSchema, value: unknown) {
  const { maxErrors } = Settings.Get();
  Settings.Set({ maxErrors: Number.MAX_SAFE_INTEGER });
  try {
    return Value.Errors(schema, value);
  } finally {
    Settings.Set({ maxErrors });
  }
}

/** Drops the errors of the variants a value was not meant to be, and a union's own error when one variant is meant. */
function withoutOtherVariants(schema: Node, value: unknown, errors: SchemaError[]): SchemaError[] {
  const dropped = new Set<SchemaError>();
  const unions = errors.filter((e) => e.keyword === 'anyOf').sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const union of unions) {
    if (dropped.has(union)) continue;
    const variants = (resolve(schema, union.schemaPath).anyOf as Node[]) ?? [];
    const meant = meantVariant(variants, valueAt(value, union.instancePath));
    if (meant !== undefined) dropped.add(union);
    for (const e of errors) {
      const variant = variantOf(e, union);
      if (variant !== undefined && variant !== meant) dropped.add(e);
    }
  }
  return errors.filter((e) => !dropped.has(e));
}

/** The variant of `union` an error was found in, if it is one of the union's at the same place of the value. */
function variantOf(e: SchemaError, union: SchemaError): number | undefined {
  if (!e.schemaPath.startsWith(union.schemaPath) || !within(e.instancePath, union.instancePath)) return undefined;
  const match = /^\/anyOf\/(\d+)(\/|$)/.exec(e.schemaPath.slice(union.schemaPath.length));
  return match ? Number(match[1]) : undefined;
}

function meantVariant(variants: Node[], value: unknown): number | undefined {
  const typed = variants.flatMap((v, i) => (hasJsonType(v, value) ? [i] : []));
  const constant = typed.filter((i) => {
    const properties = (variants[i]!.properties ?? {}) as Record<string, Node>;
    return Object.entries(properties).every(([key, p]) => !('const' in p) || (isObject(value) && value[key] === p.const));
  });
  const candidates = constant.length > 0 ? constant : typed;
  return candidates.length === 1 ? candidates[0] : undefined;
}

function describeError(schema: Node, value: unknown, e: SchemaError): Problem[] {
  const path = tokens(e.instancePath);
  const node = resolve(schema, e.schemaPath);
  const found = valueAt(value, e.instancePath);
  switch (e.keyword) {
    case 'required':
      return (e.params as { requiredProperties: string[] }).requiredProperties.map((name) => ({
        path: [...path, name],
        text: `${fieldOf([...path, name])} must be ${describe(((node.properties ?? {}) as Record<string, Node>)[name] ?? {})}`,
      }));
    case 'additionalProperties': {
      const known = Object.keys((node.properties ?? {}) as Node).join(', ');
      return (e.params as { additionalProperties: string[] }).additionalProperties.map((key) => ({
        path: [...path, key],
        text: `${path.length > 0 ? `${fieldOf(path)}: ` : ''}unknown key "${key}" (expected one of ${known})`,
      }));
    }
    case 'enum':
      return [{ path, text: unknownValue(path, found, node.enum as unknown[]) }];
    case 'anyOf': {
      const tag = isObject(found) ? discriminator(node.anyOf as Node[]) : undefined;
      if (tag) return [{ path: [...path, tag.key], text: unknownValue([...path, tag.key], (found as Record<string, unknown>)[tag.key], tag.values) }];
      return [{ path, text: mustBe(fieldOf(path), node, found) }];
    }
    default:
      return [{ path, text: mustBe(fieldOf(path, /\/patternProperties\/[^/]+$/.test(e.schemaPath)), node, found) }];
  }
}

function mustBe(field: string, node: Node, found: unknown): string {
  return `${field ? `${field} ` : ''}must be ${describe(node)}${isPrimitive(found) ? `, got ${JSON.stringify(found)}` : ''}`;
}

function unknownValue(path: string[], found: unknown, expected: unknown[]): string {
  return `unknown ${fieldOf(path)} ${JSON.stringify(found)} (expected one of ${expected.join(', ')})`;
}

/** The field whose constant tells a union's object variants apart (an indicator's `kind`), if there is one. */
function discriminator(variants: Node[]): { key: string; values: unknown[] } | undefined {
  const constants = variants.map((v) => Object.entries((v.properties ?? {}) as Record<string, Node>).filter(([, p]) => 'const' in p));
  const key = constants[0]?.find(([k]) => constants.every((c) => c.some(([other]) => other === k)))?.[0];
  return key === undefined ? undefined : { key, values: variants.map((v) => ((v.properties as Record<string, Node>)[key] as Node).const) };
}

/** What a value of `node` is, as a person would say it. */
function describe(node: Node): string {
  if (Array.isArray(node.enum)) return `one of ${node.enum.join(', ')}`;
  if ('const' in node) return JSON.stringify(node.const);
  if (Array.isArray(node.anyOf)) return [...new Set((node.anyOf as Node[]).map(describe))].join(' or ');
  switch (node.type) {
    case 'number':
    case 'integer': {
      const noun = node.type === 'integer' ? 'an integer' : 'a number';
      if (typeof node.minimum === 'number' && typeof node.maximum === 'number') return `${noun} in [${node.minimum}, ${node.maximum}]`;
      if (typeof node.exclusiveMinimum === 'number') return `${noun} > ${node.exclusiveMinimum}`;
      return noun;
    }
    case 'string':
      return node.pattern !== undefined || Number(node.minLength) > 0 ? 'a non-empty string' : 'a string';
    case 'array':
      return Number(node.minItems) > 0 ? 'a non-empty array' : 'an array';
    case 'object':
      return Number(node.minProperties) > 0 ? 'a non-empty JSON object' : 'a JSON object';
    case 'boolean':
      return 'true or false';
    default:
      return 'valid';
  }
}

/** `levels.high`, `values[2]`, or `risk of "none"` for a key of a map. */
function fieldOf(path: string[], mapKey = false): string {
  const head = (mapKey ? path.slice(0, -1) : path).reduce((text, t) => (/^\d+$/.test(t) ? `${text}[${t}]` : text ? `${text}.${t}` : t), '');
  return mapKey ? `${head} of ${JSON.stringify(path.at(-1))}` : head;
}

/** Where a path lies in the value: the place of each key among its object's keys; a missing key after all present ones. */
function positionOf(value: unknown, path: string[]): number[] {
  const at: number[] = [];
  let v = value;
  for (const t of path) {
    const keys = isObject(v) || Array.isArray(v) ? Object.keys(v) : [];
    const i = keys.indexOf(t);
    at.push(i === -1 ? Infinity : i);
    v = i === -1 ? undefined : (v as Record<string, unknown>)[t];
  }
  return at;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length;
}

function hasJsonType(node: Node, value: unknown): boolean {
  switch (node.type) {
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return Number.isInteger(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    case 'null':
      return value === null;
    default:
      return false;
  }
}

function tokens(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function resolve(schema: Node, schemaPath: string): Node {
  return tokens(schemaPath.replace(/^#/, '')).reduce<Node>((node, t) => (node[t] ?? {}) as Node, schema);
}

function valueAt(value: unknown, instancePath: string): unknown {
  return tokens(instancePath).reduce<unknown>((v, t) => (isObject(v) || Array.isArray(v) ? (v as Record<string, unknown>)[t] : undefined), value);
}

function within(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

function isPrimitive(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
