import { asArray, isObject, keyOrder, objectEntries } from './json.js';
import {
  ALL_OF,
  ITEM_SUBSCHEMA,
  PATTERN_PROPERTIES,
  PREFIX_ITEMS,
  PROPERTIES,
  READ_ONLY,
  SAME_VALUE_LISTS,
  SAME_VALUE_MAPS,
  SAME_VALUE_SUBSCHEMA,
  VALUE_SUBSCHEMA,
  WRITE_ONLY,
} from './keywords.js';
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

/** Keywords whose subschema describes a part of the value (an item, a property value...), by one key per part. */
const PART_SUBSCHEMA = [...ITEM_SUBSCHEMA, ...VALUE_SUBSCHEMA];
/** Keywords whose subschemas are alternatives or conditions: each describes the value on its own, not together with its parent. */
const ALTERNATIVE_SUBSCHEMA = SAME_VALUE_SUBSCHEMA;
const ALTERNATIVE_LISTS = SAME_VALUE_LISTS.filter(([keyword]) => keyword !== 'allOf');
const ALTERNATIVE_MAPS = SAME_VALUE_MAPS;

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

  /** `keywordsAt`: what a schema's keys hold (see keywordsOf), from the walk's entry where it has one. */
  constructor(
    private readonly roots: readonly ValueRoot[],
    private readonly schemas: Map<JsonObject, SchemaEntry>,
    private readonly peers: AllOfPeers,
    private readonly keywordsAt: (schema: JsonObject) => number,
  ) {}

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

    const reach = (seeds: JsonObject[], bits: number, isProperty: boolean) => {
      const members = closure(seeds);
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
    const reachOne = (schema: JsonObject, bits: number, isProperty: boolean) => {
      const keywords = this.keywordsAt(schema);
      if (keywords & ALL_OF && Array.isArray(schema.allOf)) return reach([schema], bits, isProperty);
      if (isProperty) {
        if (keywords & READ_ONLY) bits &= ~INPUT_BITS;
        if (keywords & WRITE_ONLY) bits &= ~OUTPUT_BITS;
      }
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
    const reachParts = (schema: JsonObject, bits: number) => {
      const keywords = this.keywordsAt(schema);
      if (keywords & PROPERTIES) eachValue(schema.properties, property => reachOne(property, bits, true));
      for (const [keyword, bit] of PART_SUBSCHEMA) {
        if (!(keywords & bit)) continue;
        const child = schema[keyword];
        if (Array.isArray(child)) for (const item of child) if (isObject(item)) reachOne(item, bits, false);
        if (isObject(child)) reachOne(child, bits, false);
      }
      if (keywords & PREFIX_ITEMS && Array.isArray(schema.prefixItems))
        for (const item of schema.prefixItems) if (isObject(item)) reachOne(item, bits, false);
      if (keywords & PATTERN_PROPERTIES) eachValue(schema.patternProperties, child => reachOne(child, bits, false));
      for (const [keyword, bit] of ALTERNATIVE_SUBSCHEMA) {
        if (keywords & bit && isObject(schema[keyword])) reachOne(schema[keyword] as JsonObject, bits, false);
      }
      for (const [keyword, bit] of ALTERNATIVE_LISTS) {
        const list = keywords & bit ? schema[keyword] : undefined;
        if (Array.isArray(list)) for (const child of list) if (isObject(child)) reachOne(child, bits, false);
      }
      for (const [keyword, bit] of ALTERNATIVE_MAPS) if (keywords & bit) eachValue(schema[keyword], child => reachOne(child, bits, false));
    };

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
      const parts = new Map<string, JsonObject[]>();
      const part = (key: string, child: unknown) => {
        if (!isObject(child)) return; // boolean schemas (3.1) and odd shapes constrain nothing here
        const seeds = parts.get(key);
        if (seeds === undefined) parts.set(key, [child]);
        else if (!seeds.includes(child)) seeds.push(child);
      };
      for (const member of group.members) {
        const keywords = this.keywordsAt(member);
        if (keywords & PROPERTIES) for (const [name, property] of objectEntries(member.properties)) part(`p/${name}`, property);
        for (const [keyword, bit] of PART_SUBSCHEMA) {
          if (!(keywords & bit)) continue;
          const child = member[keyword];
          if (keyword === 'items' && Array.isArray(child)) child.forEach((item, i) => part(`i/${i}`, item));
          else part(keyword, child);
        }
        if (keywords & PREFIX_ITEMS) asArray(member.prefixItems).forEach((item, i) => part(`i/${i}`, item));
        if (keywords & PATTERN_PROPERTIES)
          for (const [pattern, child] of objectEntries(member.patternProperties)) part(`pp/${pattern}`, child);
        for (const [keyword, bit] of ALTERNATIVE_SUBSCHEMA) {
          if (keywords & bit && isObject(member[keyword])) reach([member[keyword] as JsonObject], bits, false);
        }
        for (const [keyword, bit] of ALTERNATIVE_LISTS) {
          if (keywords & bit) for (const child of asArray(member[keyword])) if (isObject(child)) reach([child], bits, false);
        }
        for (const [keyword, bit] of ALTERNATIVE_MAPS) {
          if (keywords & bit) for (const [, child] of objectEntries(member[keyword])) reach([child], bits, false);
        }
      }
      for (const [key, seeds] of parts) reach(seeds, bits, key.startsWith('p/'));
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

/** Calls `visit` with each object value of `value`, when it is an object; allocates nothing on Spectral's documents (see keyOrder). */
function eachValue(value: unknown, visit: (child: JsonObject) => void): void {
  if (!isObject(value)) return;
  for (const key of keyOrder(value)) {
    if (typeof key !== 'string') continue;
    const child = value[key];
    if (isObject(child)) visit(child);
  }
}

/** The schemas and their allOf branches, transitively, each once. */
function closure(seeds: JsonObject[]): JsonObject[] {
  if (seeds.length === 1 && !Array.isArray(seeds[0].allOf)) return seeds;
  const members: JsonObject[] = [];
  const seen = new Set<JsonObject>();
  const stack = [...seeds].reverse();
  while (stack.length > 0) {
    const schema = stack.pop() as JsonObject;
    if (seen.has(schema)) continue;
    seen.add(schema);
    members.push(schema);
    const branches = asArray(schema.allOf);
    for (let i = branches.length - 1; i >= 0; i--) if (isObject(branches[i])) stack.push(branches[i] as JsonObject);
  }
  return members;
}
