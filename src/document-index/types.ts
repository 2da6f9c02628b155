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
  /**
   * The first path at which the walk reached this schema (through $refs: Spectral reports it at
   * the $ref target). Built on first read and then kept.
   */
  readonly path: JsonPath;
  /** Every role the schema was reached in. */
  roles: Set<SchemaRole>;
  /** Set when the schema was reached as `properties[name]`. */
  propertyName?: string;
  /**
   * How messages name it: `Property "email"`, `Parameter "q"`, `Header "X-Rate-Limit"`,
   * `Request body`, `Response body`, `Each item of Parameter "tags"`, `Each value of Property "meta"`.
   * An allOf/anyOf/oneOf branch is named like the schema it is a branch of.
   */
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
   * Schemas an `allOf` makes describe one value: a schema and its (nested) allOf branches, and
   * the schemas those give the same property name. A constraint on any of them constrains the
   * merged value. Transitive, and keyed by schema identity, so a schema shared by several
   * compositions has the peers of all of them.
   */
  allOfPeers: AllOfPeers;
}

/** Lookup of a schema's allOf peers (see DocumentIndex.allOfPeers). */
export interface AllOfPeers {
  /** Every other schema that describes the same value, or undefined when none does. */
  get(schema: JsonObject): JsonObject[] | undefined;
  has(schema: JsonObject): boolean;
  /**
   * The whole group (the schema included), or undefined when it is alone: the same array for
   * every member, so a per-group answer can be cached by it.
   */
  group(schema: JsonObject): readonly JsonObject[] | undefined;
}
