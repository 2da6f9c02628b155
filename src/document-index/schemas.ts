import { asArray, isObject, objectEntries } from './json.js';
import type { JsonObject, JsonPath, OasVersion, OperationEntry, SchemaEntry, SchemaRole } from './types.js';

interface Visit {
  schema: JsonObject;
  path: JsonPath;
  role: SchemaRole;
  propertyName?: string;
  label?: string;
}

/** Keywords whose value is one subschema. `not` is left out: its constraints are inverted. */
const SINGLE_SUBSCHEMA = [
  'additionalProperties',
  'items',
  'additionalItems',
  'contains',
  'unevaluatedProperties',
  'unevaluatedItems',
  'if',
  'then',
  'else',
] as const;
/** Keywords whose value is an array of subschemas. */
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
/** Keywords whose value maps names to subschemas. */
const SUBSCHEMA_MAPS = ['patternProperties', 'dependentSchemas'] as const;

/**
 * The one schema walker. Finds every schema an operation uses (request bodies, parameters,
 * response bodies, response headers), in every role it is used in, walking each (schema, role)
 * pair once, so shared and circular schemas cost nothing extra. Iterative, so a 10,000-level
 * deep document cannot overflow the stack.
 */
export function collectSchemas(
  operations: OperationEntry[],
  version: OasVersion,
): { schemas: Map<JsonObject, SchemaEntry>; allOfPeers: WeakMap<JsonObject, JsonObject[]> } {
  const schemas = new Map<JsonObject, SchemaEntry>();
  const allOfPeers = new WeakMap<JsonObject, JsonObject[]>();
  const stack: Visit[] = [];

  for (const op of operations) {
    // Pushed in reverse so the walk visits operations and their parts in document order.
    const roots = operationSchemaRoots(op, version);
    for (let i = roots.length - 1; i >= 0; i--) stack.push(roots[i]);
    while (stack.length > 0) {
      const visit = stack.pop() as Visit;
      const entry = schemas.get(visit.schema);
      if (entry?.roles.has(visit.role)) continue;
      if (entry) entry.roles.add(visit.role);
      else
        schemas.set(visit.schema, {
          schema: visit.schema,
          path: visit.path,
          roles: new Set([visit.role]),
          ...(visit.propertyName !== undefined ? { propertyName: visit.propertyName } : {}),
          ...(visit.label !== undefined ? { label: visit.label } : {}),
        });
      const children = childVisits(visit);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
      if (Array.isArray(visit.schema.allOf)) linkAllOfPeers(visit.schema, allOfPeers);
    }
  }
  return { schemas, allOfPeers };
}

function childVisits({ schema, path, role }: Visit): Visit[] {
  const out: Visit[] = [];
  for (const [name, property] of objectEntries(schema.properties)) {
    // A readOnly property is not accepted in a request, a writeOnly one never leaves in a response.
    if (role === 'request-body' && property.readOnly === true) continue;
    if (role === 'response-body' && property.writeOnly === true) continue;
    out.push({ schema: property, path: [...path, 'properties', name], role, propertyName: name, label: `Property "${name}"` });
  }
  for (const keyword of SINGLE_SUBSCHEMA) {
    const child = schema[keyword];
    if (isObject(child)) out.push({ schema: child, path: [...path, keyword], role });
    else if (keyword === 'items' && Array.isArray(child)) pushList(out, child, [...path, keyword], role);
  }
  for (const keyword of SUBSCHEMA_LISTS) pushList(out, schema[keyword], [...path, keyword], role);
  for (const keyword of SUBSCHEMA_MAPS) {
    for (const [name, child] of objectEntries(schema[keyword])) out.push({ schema: child, path: [...path, keyword, name], role });
  }
  return out;
}

function pushList(out: Visit[], list: unknown, path: JsonPath, role: SchemaRole): void {
  asArray(list).forEach((child, i) => {
    if (isObject(child)) out.push({ schema: child, path: [...path, i], role });
  });
}

/** Links the schemas that describe one property across an `allOf` and its parent. */
function linkAllOfPeers(schema: JsonObject, peers: WeakMap<JsonObject, JsonObject[]>): void {
  const byName = new Map<string, JsonObject[]>();
  const collect = (owner: unknown) => {
    if (!isObject(owner)) return;
    for (const [name, property] of objectEntries(owner.properties)) {
      const list = byName.get(name);
      if (list) list.push(property);
      else byName.set(name, [property]);
    }
  };
  collect(schema);
  asArray(schema.allOf).forEach(collect);
  for (const group of byName.values()) {
    if (group.length < 2) continue;
    for (const member of group) {
      const known = peers.get(member) ?? [];
      for (const other of group) if (other !== member && !known.includes(other)) known.push(other);
      peers.set(member, known);
    }
  }
}

/** Where an operation's schemas start, with the role each one plays. */
function operationSchemaRoots(op: OperationEntry, version: OasVersion): Visit[] {
  const roots: Visit[] = [];
  for (const { parameter, path } of op.parameters) {
    const label = typeof parameter.name === 'string' ? `Parameter "${parameter.name}"` : undefined;
    if (version === '2.0') {
      if (parameter.in === 'body') {
        if (isObject(parameter.schema)) roots.push({ schema: parameter.schema, path: [...path, 'schema'], role: 'request-body' });
      } else {
        // An OAS2 non-body parameter is itself the schema (type, maxLength, items...).
        roots.push({ schema: parameter, path, role: 'parameter', label });
      }
    } else {
      if (isObject(parameter.schema)) roots.push({ schema: parameter.schema, path: [...path, 'schema'], role: 'parameter', label });
      pushContentSchemas(roots, parameter.content, path, 'parameter', label);
    }
  }
  const body = op.operation.requestBody;
  if (version !== '2.0' && isObject(body)) pushContentSchemas(roots, body.content, [...op.path, 'requestBody'], 'request-body');

  for (const [status, response] of objectEntries(op.operation.responses)) {
    const responsePath = [...op.path, 'responses', status];
    if (version === '2.0') {
      if (isObject(response.schema)) roots.push({ schema: response.schema, path: [...responsePath, 'schema'], role: 'response-body' });
      for (const [name, header] of objectEntries(response.headers)) {
        roots.push({ schema: header, path: [...responsePath, 'headers', name], role: 'header', label: `Header "${name}"` });
      }
    } else {
      pushContentSchemas(roots, response.content, responsePath, 'response-body');
      for (const [name, header] of objectEntries(response.headers)) {
        const headerPath = [...responsePath, 'headers', name];
        const label = `Header "${name}"`;
        if (isObject(header.schema)) roots.push({ schema: header.schema, path: [...headerPath, 'schema'], role: 'header', label });
        pushContentSchemas(roots, header.content, headerPath, 'header', label);
      }
    }
  }
  return roots;
}

function pushContentSchemas(roots: Visit[], content: unknown, ownerPath: JsonPath, role: SchemaRole, label?: string): void {
  for (const [mediaType, media] of objectEntries(content)) {
    if (isObject(media.schema)) roots.push({ schema: media.schema, path: [...ownerPath, 'content', mediaType, 'schema'], role, ...(label !== undefined ? { label } : {}) });
  }
}
