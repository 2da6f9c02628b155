import { memoizedPerObject } from './json.js';
import { INPUT_ROLES } from './types.js';
import type {
  DeclaredType,
  DocumentIndex,
  InputQuery,
  JsonObject,
  SchemaEntry,
  SchemaRole,
  UnreachedSchemas,
  ValueGroup,
} from './types.js';

/** What an input rule judges: uses in these roles, and unreached definitions when `unreached`. */
export interface InputScope {
  unreached: boolean;
  roles: ReadonlySet<SchemaRole>;
}

/** The scope of an input rule with this `unreachedSchemas` option on this document. */
export function inputScope(
  index: DocumentIndex,
  unreachedSchemas: UnreachedSchemas,
  roles: ReadonlySet<SchemaRole> = INPUT_ROLES,
): InputScope {
  const unreached =
    unreachedSchemas === 'judge' || (unreachedSchemas === 'auto' && index.operations.length === 0 && index.outboundOperations.length === 0);
  return { unreached, roles };
}

/** Whether an input rule judges a schema entry or value group: it is used in the scope's roles, or unreached and judged. */
export function isJudgedInput(used: { roles: ReadonlySet<SchemaRole>; unreached?: boolean }, scope: InputScope): boolean {
  for (const role of used.roles) if (scope.roles.has(role)) return true;
  return used.unreached === true && scope.unreached;
}

/** No constraint: every input a query's types and `where` pick is found. */
const holdsNothing = () => false;

/** DocumentIndex.inputs: see InputQuery for what each field asks. */
export function findInputs(index: DocumentIndex, query: InputQuery): SchemaEntry[] {
  const { types, where, lacking: holds = holdsNothing } = query;
  const scope = inputScope(index, query.unreachedSchemas, query.roles === undefined ? undefined : new Set(query.roles));
  const satisfied = new Map<ValueGroup, boolean>();
  const reported = new Set<ValueGroup>();
  const lacks = (group: ValueGroup) => {
    if (!isJudgedInput(group, scope)) return false;
    let answer = satisfied.get(group);
    if (answer === undefined) satisfied.set(group, (answer = holds(group.members)));
    return !answer;
  };
  const found: SchemaEntry[] = [];
  const { entries, typeBits } = possibleInputs(index);
  const wanted = types === undefined ? undefined : typeMask(types);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    // `roles` are the path operations' roles: a callback's or webhook's request body is the API's
    // output, not input, so schemas only those use (outboundRoles only) are not judged.
    if ((wanted !== undefined && (typeBits[i] & wanted) === 0) || !isJudgedInput(entry, scope)) continue;
    if ((where !== undefined && !where(entry.schema, entry)) || holds([entry.schema])) continue;
    // A schema in no composition is its own one group, judged just above: lacking, and new.
    if (!index.allOfPeers.has(entry.schema)) {
      found.push(entry);
      continue;
    }
    const groups = index.valueGroups.of(entry.schema).filter(lacks);
    if (groups.length === 0 || groups.every(group => reported.has(group))) continue;
    for (const group of groups) reported.add(group);
    found.push(entry);
  }
  return found;
}

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
const EVERY_INPUT: InputScope = { unreached: true, roles: INPUT_ROLES };

const possibleInputs = memoizedPerObject((index: DocumentIndex): { entries: readonly SchemaEntry[]; typeBits: readonly number[] } => {
  const entries: SchemaEntry[] = [];
  const typeBits: number[] = [];
  for (const entry of index.schemas.values()) {
    if (!isJudgedInput(entry, EVERY_INPUT)) continue;
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
