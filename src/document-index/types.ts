/** A JSON path as Spectral reports it: object keys and array indices from the document root. */
export type JsonPath = Array<string | number>;

export type JsonObject = Record<string, unknown>;

export type OasVersion = '2.0' | '3.0' | '3.1';

/**
 * Where a schema is used. `parameter` covers path, query, header and cookie parameters (and
 * OAS2 formData); `header` is a response header.
 */
export type SchemaRole = 'request-body' | 'response-body' | 'parameter' | 'header';

export const INPUT_ROLES: ReadonlySet<SchemaRole> = new Set(['request-body', 'parameter']);

export interface SchemaEntry {
  /** The schema object itself, $refs already resolved. */
  schema: JsonObject;
  /** The first path at which the walk reached this schema. */
  path: JsonPath;
  /** Every role the schema was reached in. */
  roles: Set<SchemaRole>;
  /** Set when the schema was reached as `properties[name]`. */
  propertyName?: string;
  /** How messages name it: `Property "email"`, `Parameter "q"`, `Header "X-Rate-Limit"`. */
  label?: string;
}

export interface SecurityRequirementEntry {
  /** Scheme name to scopes, as written. */
  requirement: Record<string, unknown>;
  path: JsonPath;
}

export interface EffectiveSecurity {
  /** Where the requirement list comes from: the operation, the root default, or nowhere. */
  source: 'operation' | 'root' | 'none';
  /** Path of the `security` array that applies, or null when none is declared. */
  path: JsonPath | null;
  requirements: SecurityRequirementEntry[];
  /** True when a caller can reach the operation without credentials: no requirement, or `{}` among them. */
  allowsAnonymous: boolean;
}

export interface ParameterEntry {
  parameter: JsonObject;
  path: JsonPath;
}

export interface OperationEntry {
  /** ['paths', '/users/{id}', 'get'] */
  path: JsonPath;
  pathKey: string;
  method: string;
  operation: JsonObject;
  /** Path-level and operation-level parameters merged; the operation's win on (name, in). */
  parameters: ParameterEntry[];
  security: EffectiveSecurity;
}

export interface SecuritySchemeEntry {
  name: string;
  scheme: JsonObject;
  path: JsonPath;
}

export interface ServerEntry {
  url: string;
  path: JsonPath;
  variables: JsonObject | undefined;
}

export interface DocumentIndex {
  version: OasVersion | null;
  root: JsonObject;
  operations: OperationEntry[];
  securitySchemes: SecuritySchemeEntry[];
  /** OAS3 `servers` at root, path and operation level. OAS2 has `schemes` instead. */
  servers: ServerEntry[];
  /** Every schema used by an operation, keyed by identity. */
  schemas: Map<JsonObject, SchemaEntry>;
  /**
   * Schemas that describe the same property in sibling `allOf` branches: a constraint on any
   * of them constrains the merged property.
   */
  allOfPeers: WeakMap<JsonObject, JsonObject[]>;
}
