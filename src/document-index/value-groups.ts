import { asArray, isObject } from './json.js';
import { ALL_OF, READ_ONLY, WRITE_ONLY } from './keywords.js';
import { eachSubschema } from './subschemas.js';
import type { RefTarget } from './subschemas.js';
import type { AllOfPeers, JsonObject, SchemaEntry, SchemaRole, ValueGroup, ValueGroups } from './types.js';

/** Roles as bits, so a group reached from several places collects them cheaply. */
export const ROLE_BIT: Record<SchemaRole, number> = { 'request-body': 1, 'response-body': 2, parameter: 4, header: 8 };
/** A definition no operation reaches (see SchemaEntry.unreached): judged as a possible input. */
export const UNREACHED_BIT = 16;
const INPUT_BITS = ROLE_BIT['request-body'] | ROLE_BIT.parameter | UNREACHED_BIT;
const OUTPUT_BITS = ROLE_BIT['response-body'] | ROLE_BIT.header;
const ROLES = Object.entries(ROLE_BIT) as Array<[SchemaRole, number]>;
/** The role set of each combination of role bits, shared: groups and schema entries only read them. */
export const ROLE_SETS: ReadonlyArray<ReadonlySet<SchemaRole>> = Array.from(
  { length: 16 },
  (_, bits) => new Set(ROLES.filter(([, bit]) => (bits & bit) !== 0).map(([role]) => role)),
);

/** Where the walk starts: a schema an operation (or nothing) uses, with the roles of that use. */
export interface ValueRoot {
  schema: JsonObject;
  bits: number;
}

class Group implements ValueGroup {
  bits = 0;
  roles: ReadonlySet<SchemaRole> = ROLE_SETS[0];
  unreached = false;
  constructor(readonly members: readonly JsonObject[]) {}
}

/**
 * The value groups of a document (see DocumentIndex.valueGroups), built on first read by one
 * walk from the places values start (request bodies, parameters, responses, headers, unreached
 * definitions). A group is the allOf closure of the schemas that describe one value at one place;
 * the groups of its properties (items...) merge the same-named properties of all its members.
 * Groups are kept by their members, so a schema composed the same way everywhere has one group,
 * and one used both composed and on its own has two. Iterative and memoized, so cycles end; the
 * work is capped at a multiple of the document's size, beyond which (a pathological nesting of
 * compositions) it answers with the allOf peer groups instead.
 */
export class ValueGroupIndex implements ValueGroups {
  #groups: Map<JsonObject, Group[]> | undefined;
  #overflow = false;

  /**
   * `keywordsAt`: what a schema's keys hold (see keywordsOf), from the walk's entry where it has
   * one; `seeThrough`: the schema a `$ref` left in place names (see refLens).
   */
  constructor(
    private readonly roots: readonly ValueRoot[],
    private readonly schemas: Map<JsonObject, SchemaEntry>,
    private readonly peers: AllOfPeers,
    private readonly keywordsAt: (schema: JsonObject) => number,
    private readonly seeThrough: (schema: JsonObject, keywords: number) => RefTarget | undefined,
  ) {}

  /** The schema a subschema stands for: itself, or what a `$ref` left in place names. */
  private through(schema: JsonObject): JsonObject {
    return this.seeThrough(schema, this.keywordsAt(schema))?.schema ?? schema;
  }

  of(schema: JsonObject): readonly ValueGroup[] {
    // A schema in no allOf composition describes values only on its own: its entry says where.
    // Only schemas in compositions need the walk, which most documents then never pay for.
    if (!this.peers.has(schema)) return this.fromEntry(schema, [schema]);
    const groups = (this.#groups ??= this.build());
    if (!this.#overflow) return groups.get(schema) ?? [];
    return this.fromEntry(schema, this.peers.group(schema) ?? [schema]);
  }

  private fromEntry(schema: JsonObject, members: readonly JsonObject[]): readonly ValueGroup[] {
    const entry = this.schemas.get(schema);
    if (entry === undefined) return [];
    const group = new Group(members);
    let bits = 0;
    for (const role of entry.roles) bits |= ROLE_BIT[role] & INPUT_BITS;
    group.roles = ROLE_SETS[bits];
    group.unreached = entry.unreached === true;
    return [group];
  }

  private build(): Map<JsonObject, Group[]> {
    const ids = new Map<JsonObject, number>();
    const idOf = (schema: JsonObject) => {
      let id = ids.get(schema);
      if (id === undefined) ids.set(schema, (id = ids.size));
      return id;
    };
    const byKey = new Map<string, Group>();
    const alone = new Map<JsonObject, Group>();
    // Groups to walk and the bits each newly gained, as two parallel stacks.
    const pending: Group[] = [];
    const pendingBits: number[] = [];
    let budget = 20 * this.schemas.size + 100_000;

    const through = (schema: JsonObject) => this.through(schema);
    const reach = (seeds: JsonObject[], bits: number, isProperty: boolean) => {
      const members = closure(seeds, through);
      budget -= members.length;
      if (isProperty) {
        // A readOnly property is not accepted in a request, a writeOnly one never leaves in a response.
        if (members.some(m => m.readOnly === true)) bits &= ~INPUT_BITS;
        if (members.some(m => m.writeOnly === true)) bits &= ~OUTPUT_BITS;
      }
      let group: Group | undefined;
      if (members.length === 1) {
        group = alone.get(members[0]);
        if (group === undefined) alone.set(members[0], (group = new Group(members)));
        else if ((bits & ~group.bits) === 0) return;
      } else {
        const key = members
          .map(idOf)
          .sort((a, b) => a - b)
          .join(',');
        group = byKey.get(key);
        if (group === undefined) byKey.set(key, (group = new Group(members)));
        else if ((bits & ~group.bits) === 0) return;
      }
      const added = bits & ~group.bits;
      group.bits |= bits;
      pending.push(group);
      pendingBits.push(added);
    };
    // Most parts are one schema: reached without the array a composition needs.
    const reachOne = (part: JsonObject, bits: number, isProperty: boolean) => {
      const written = this.keywordsAt(part);
      const target = this.seeThrough(part, written);
      const schema = target?.schema ?? part;
      const keywords = target === undefined ? written : this.keywordsAt(schema);
      // readOnly/writeOnly said on a $ref left in place, or on the schema it names.
      if (isProperty) bits = propertyBits(bits, written | keywords);
      if (keywords & ALL_OF && Array.isArray(schema.allOf)) return reach([schema], bits, isProperty);
      budget -= 1;
      let group = alone.get(schema);
      if (group === undefined) alone.set(schema, (group = new Group([schema])));
      else if ((bits & ~group.bits) === 0) return;
      const added = bits & ~group.bits;
      group.bits |= bits;
      pending.push(group);
      pendingBits.push(added);
    };

    /** The parts of a value one schema describes alone: each its own group, without merging by name. */
    const reachParts = (schema: JsonObject, bits: number) =>
      eachSubschema(schema, this.keywordsAt(schema), (child, relation) => {
        // allOf branches are members of the schema's own group, not parts of its value.
        if (relation !== 'composition') reachOne(child, bits, relation === 'property');
      });

    for (const { schema, bits } of this.roots) reach([schema], bits, false);
    while (pending.length > 0) {
      if (budget < 0) {
        this.#overflow = true;
        return new Map();
      }
      const group = pending.pop() as Group;
      const bits = pendingBits.pop() as number;
      if (group.members.length === 1) {
        reachParts(group.members[0], bits);
        continue;
      }
      const parts = new Map<string, { seeds: JsonObject[]; flags: number }>();
      const part = (key: string, written: JsonObject) => {
        const child = through(written);
        // readOnly/writeOnly said on a $ref left in place count for the schema it names.
        const flags = child === written ? 0 : this.keywordsAt(written);
        const known = parts.get(key);
        if (known === undefined) parts.set(key, { seeds: [child], flags });
        else {
          known.flags |= flags;
          if (!known.seeds.includes(child)) known.seeds.push(child);
        }
      };
      for (const member of group.members) {
        eachSubschema(member, this.keywordsAt(member), (child, relation, keyword, key) => {
          if (relation === 'composition') return; // the branches are members already
          if (relation === 'alternative' || relation === 'condition') return reach([through(child)], bits, false);
          // Parts that describe the same part of the value merge: same-named properties, the same item position.
          if (relation === 'property') part(`p/${key}`, child);
          else if (typeof key === 'number') part(`i/${key}`, child);
          else if (keyword === 'patternProperties') part(`pp/${key}`, child);
          else part(keyword, child);
        });
      }
      for (const [key, { seeds, flags }] of parts) {
        const isProperty = key.startsWith('p/');
        reach(seeds, isProperty ? propertyBits(bits, flags) : bits, isProperty);
      }
    }

    const groups = new Map<JsonObject, Group[]>();
    for (const group of [...alone.values(), ...byKey.values()]) {
      group.roles = ROLE_SETS[group.bits & 15];
      group.unreached = (group.bits & UNREACHED_BIT) !== 0;
      for (const member of group.members) {
        const list = groups.get(member);
        if (list === undefined) groups.set(member, [group]);
        else list.push(group);
      }
    }
    return groups;
  }
}

/** A property's role bits: a readOnly one is not accepted in a request, a writeOnly one never leaves in a response. */
function propertyBits(bits: number, keywords: number): number {
  if (keywords & READ_ONLY) bits &= ~INPUT_BITS;
  if (keywords & WRITE_ONLY) bits &= ~OUTPUT_BITS;
  return bits;
}

/** The schemas and their allOf branches (each branch as `through` sees it), transitively, each once. */
function closure(seeds: JsonObject[], through: (schema: JsonObject) => JsonObject): JsonObject[] {
  if (seeds.length === 1 && !Array.isArray(seeds[0].allOf)) return seeds;
  const members: JsonObject[] = [];
  const seen = new Set<JsonObject>();
  const stack = [...seeds].reverse();
  let schema: JsonObject | undefined;
  while ((schema = stack.pop()) !== undefined) {
    if (seen.has(schema)) continue;
    seen.add(schema);
    members.push(schema);
    const branches = asArray(schema.allOf);
    for (let i = branches.length - 1; i >= 0; i--) if (isObject(branches[i])) stack.push(through(branches[i] as JsonObject));
  }
  return members;
}
