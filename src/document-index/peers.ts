import { asArray, isObject, objectEntries } from './json.js';
import type { AllOfPeers, JsonObject } from './types.js';

/**
 * Which schemas an `allOf` makes describe one value. A schema and each of its allOf branches
 * describe the same value; so do the schemas that members of one such group give the same
 * property name (they describe the same property of the merged object). The groups are built by
 * union-find with that congruence, merging the smaller group into the larger one, so a
 * 10,000-level allOf chain costs about as much as a flat one.
 */
export class AllOfPeerIndex implements AllOfPeers {
  private readonly parent = new Map<JsonObject, JsonObject>();
  /** Members of each group, by its root. */
  private readonly members = new Map<JsonObject, JsonObject[]>();
  /** Per group root: property name -> one schema the group gives that name. */
  private readonly properties = new Map<JsonObject, Map<string, JsonObject>>();

  /** `through`: the schema a subschema stands for (what a `$ref` left in place names, see refLens). */
  constructor(private readonly through: (schema: JsonObject) => JsonObject = schema => schema) {}

  /** Records a schema that has an `allOf`: it and every object branch describe one value. */
  addAllOf(schema: JsonObject): void {
    for (const branch of asArray(schema.allOf)) if (isObject(branch)) this.union(schema, this.through(branch));
  }

  /** Every other schema that describes the same value as `schema`, or undefined when none does. */
  get(schema: JsonObject): JsonObject[] | undefined {
    return this.group(schema)?.filter(member => member !== schema);
  }

  has(schema: JsonObject): boolean {
    return this.group(schema) !== undefined;
  }

  /**
   * The whole group `schema` belongs to (itself included), or undefined when it is alone. Not a
   * copy: the same array for every member, so a rule can cache a per-group answer by it.
   */
  group(schema: JsonObject): readonly JsonObject[] | undefined {
    if (!this.parent.has(schema)) return undefined;
    const group = this.members.get(this.find(schema)) as JsonObject[];
    return group.length < 2 ? undefined : group;
  }

  private find(schema: JsonObject): JsonObject {
    if (!this.parent.has(schema)) {
      this.parent.set(schema, schema);
      this.members.set(schema, [schema]);
      this.properties.set(schema, new Map(objectEntries(schema.properties).map(([name, property]) => [name, this.through(property)])));
      return schema;
    }
    let root = schema;
    for (let up = this.parent.get(root) as JsonObject; up !== root; up = this.parent.get(root) as JsonObject) root = up;
    for (let node = schema; node !== root;) {
      const next = this.parent.get(node) as JsonObject;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }

  private union(a: JsonObject, b: JsonObject): void {
    const pending: Array<[JsonObject, JsonObject]> = [[a, b]];
    for (let pair = pending.pop(); pair !== undefined; pair = pending.pop()) {
      const [x, y] = pair;
      let big = this.find(x);
      let small = this.find(y);
      if (big === small) continue;
      if ((this.members.get(big) as JsonObject[]).length < (this.members.get(small) as JsonObject[]).length) [big, small] = [small, big];
      this.parent.set(small, big);
      const bigMembers = this.members.get(big) as JsonObject[];
      for (const member of this.members.get(small) as JsonObject[]) bigMembers.push(member);
      const bigProperties = this.properties.get(big) as Map<string, JsonObject>;
      for (const [name, property] of this.properties.get(small) as Map<string, JsonObject>) {
        const same = bigProperties.get(name);
        if (same === undefined) bigProperties.set(name, property);
        else if (same !== property) pending.push([same, property]);
      }
      this.members.delete(small);
      this.properties.delete(small);
    }
  }
}
