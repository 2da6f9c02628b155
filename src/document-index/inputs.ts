import { memoizedPerObject } from './json.js';
import { INPUT_ROLES } from './types.js';
import type { DocumentIndex, JsonObject, SchemaEntry, SchemaRole, ValueGroup } from './types.js';

/**
 * How input rules treat definitions no operation reaches (SchemaEntry.unreached): `judge` them
 * as possible inputs (a shared schema library is someone's request body), or `ignore` them.
 */
export type UnreachedSchemas = 'judge' | 'ignore';

/** Whether an input rule judges a schema entry or value group: it is used as input, or it is unreached and judged. */
export function isJudgedInput(
  used: { roles: ReadonlySet<SchemaRole>; unreached?: boolean },
  unreachedSchemas: UnreachedSchemas,
  inputRoles: ReadonlySet<SchemaRole> = INPUT_ROLES,
): boolean {
  for (const role of used.roles) if (inputRoles.has(role)) return true;
  return used.unreached === true && unreachedSchemas === 'judge';
}

/**
 * The input schemas a constraint is missing from, for rules of the form "every X input needs Y":
 * each entry `applies` to that is judged as input (in one of `inputRoles`) and, at some place it describes an input
 * value, none of the schemas describing that value (its value group: allOf branches, same-named
 * properties of a composition) `satisfies` the constraint. Each group is reported at most once,
 * at its first member in index order (the definition, for a $ref target).
 */
export function inputsLacking(
  index: DocumentIndex,
  unreachedSchemas: UnreachedSchemas,
  applies: (schema: JsonObject, entry: SchemaEntry) => boolean,
  satisfies: (group: readonly JsonObject[]) => boolean,
  inputRoles: ReadonlySet<SchemaRole> = INPUT_ROLES,
  declaredTypes?: readonly DeclaredType[],
): SchemaEntry[] {
  const satisfied = new Map<ValueGroup, boolean>();
  const reported = new Set<ValueGroup>();
  const lacking = (group: ValueGroup) => {
    if (!isJudgedInput(group, unreachedSchemas, inputRoles)) return false;
    let answer = satisfied.get(group);
    if (answer === undefined) satisfied.set(group, (answer = satisfies(group.members)));
    return !answer;
  };
  const found: SchemaEntry[] = [];
  const { entries, typeBits } = possibleInputs(index);
  const wanted = declaredTypes === undefined ? undefined : typeMask(declaredTypes);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    // `roles` are the path operations' roles: a callback's or webhook's request body is the API's
    // output, not input, so schemas only those use (outboundRoles only) are not judged.
    if ((wanted !== undefined && (typeBits[i] & wanted) === 0) || !isJudgedInput(entry, unreachedSchemas, inputRoles)) continue;
    if (!applies(entry.schema, entry) || satisfies([entry.schema])) continue;
    // A schema in no composition is its own one group, judged just above: lacking, and new.
    if (!index.allOfPeers.has(entry.schema)) {
      found.push(entry);
      continue;
    }
    const groups = index.valueGroups.of(entry.schema).filter(lacking);
    if (groups.length === 0 || groups.every(group => reported.has(group))) continue;
    for (const group of groups) reported.add(group);
    found.push(entry);
  }
  return found;
}

/**
 * A `type` an input rule applies to (`untyped`: no `type` keyword), given to inputsLacking so it
 * passes over the other inputs without asking the rule: a rule's `applies` must accept only
 * schemas of the types it names.
 */
export type DeclaredType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null' | 'file' | 'untyped';

const TYPE_BIT: Readonly<Record<DeclaredType, number>> = {
  string: 1,
  number: 2,
  integer: 4,
  boolean: 8,
  array: 16,
  object: 32,
  null: 64,
  file: 128,
  untyped: 256,
};

const typeMask = (types: readonly DeclaredType[]) => types.reduce((bits, type) => bits | TYPE_BIT[type], 0);

/** The types a schema declares, as bits: a 3.1 type list gives each of its names. */
function declaredTypeBits(schema: JsonObject): number {
  const declared = schema.type;
  if (declared === undefined) return TYPE_BIT.untyped;
  let bits = 0;
  for (const name of Array.isArray(declared) ? declared : [declared]) {
    if (typeof name === 'string' && name !== 'untyped' && Object.hasOwn(TYPE_BIT, name)) bits |= TYPE_BIT[name as DeclaredType];
  }
  return bits;
}

/**
 * The entries an input rule may judge: used as input, or unreached, each with its declared types.
 * On a large API most schemas are only ever returned (responses, webhook payloads); listing the
 * rest once, with their types read once, spares every input rule a pass over them and a read of
 * `type` per rule.
 */
const possibleInputs = memoizedPerObject((index: DocumentIndex): { entries: readonly SchemaEntry[]; typeBits: readonly number[] } => {
  const entries: SchemaEntry[] = [];
  const typeBits: number[] = [];
  for (const entry of index.schemas.values()) {
    if (!isJudgedInput(entry, 'judge')) continue;
    entries.push(entry);
    typeBits.push(declaredTypeBits(entry.schema));
  }
  return { entries, typeBits };
});

/** Whether a schema's `type` is `type` or, as a 3.1 type list, includes it. */
export function hasType(schema: JsonObject, type: string): boolean {
  const declared = schema.type; // read once: on Spectral's proxied objects every read costs
  return declared === type || (Array.isArray(declared) && declared.includes(type));
}
