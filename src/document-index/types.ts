/**
 * The per-document index: what rule functions read instead of walking the document. Built once
 * per (resolved) document by `getDocumentIndex`; `$ref`s are already resolved, so a shared
 * component is one object wherever it is used, and every path below is the first place the walk
 * reached an object (Spectral reports a path through a `$ref` at the `$ref`'s target).
 *
 * Odd shapes (a list where an object belongs, a string path item, `callbacks: 5`) are skipped,
 * never thrown on; `x-` keys are skipped where the specification allows extensions beside named
 * entries (the Paths, Responses and Callback objects), and read as names elsewhere (a header
 * called `x-rate-limit` is a header).
 *
 * Derived views (`SchemaEntry.usages`, `SecuritySchemeEntry.scopes`,
 * `SecurityRequirementEntry.schemes`) are built on first read and are not enumerable, so an
 * entry prints as what the document says. If building the index throws (a bug), the failure is
 * cached like an index: every read of that document throws the same `IndexBuildError`, and
 * `defineIndexRule` reports it once per document, from the first rule that reads it.
 */

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

/**
 * Where an operation is declared:
 * - `path`: under `paths`, a request clients send to the API;
 * - `callback`: under an operation's `callbacks` (OAS 3.x), a request the API sends;
 * - `webhook`: under the root `webhooks` (OAS 3.1) or `x-webhooks` (OAS 3.0, the Redoc convention), a request the API sends.
 * For `callback` and `webhook` the roles turn around: their request body is the API's output and
 * their responses are what the API receives.
 */
export type OperationKind = 'path' | 'callback' | 'webhook';

/** One use of a schema by an operation, recorded at the schema the use starts from. */
export interface SchemaUsage {
  operation: OperationEntry;
  role: SchemaRole;
  /** The response's status key as written (`'200'`, `'4XX'`, `'default'`) for `response-body` and `header`; else null. */
  status: string | null;
  /**
   * The media type: the OAS3 `content` key; in OAS2 one of the operation's `consumes` (request
   * body) or `produces` (response body), falling back to the root's, one usage per media type.
   * Null where none applies (a parameter's or header's `schema`, OAS2 without consumes/produces).
   */
  mediaType: string | null;
  /** The parameter's `in` as written (`'query'`, `'path'`, OAS2 `'body'`, `'formData'`...) when the use is a Parameter object; else null. */
  parameterIn: string | null;
  /** The parameter's or response header's name; null for bodies. */
  name: string | null;
  /** The schema the use starts from (a request body's schema, a parameter's schema...), and its path. */
  schema: JsonObject;
  path: JsonPath;
}

export interface SchemaEntry {
  /** The schema object itself, $refs already resolved. */
  schema: JsonObject;
  /**
   * The first path at which the walk reached this schema (through $refs: Spectral reports it at
   * the $ref target). Built on first read and then kept.
   */
  readonly path: JsonPath;
  /** Every role the schema plays in a `path` operation (the API's own requests and responses). */
  roles: ReadonlySet<SchemaRole>;
  /**
   * Every role it plays in a callback or webhook operation; absent when it plays none. A schema
   * only callbacks or webhooks use has an empty `roles`.
   */
  outboundRoles?: ReadonlySet<SchemaRole>;
  /**
   * Set when no operation reaches the schema: it was found under `components.schemas` (OAS 3) or
   * `definitions` (OAS 2) only, as in a shared schema library or a spec still being designed.
   * Its `roles` are empty; input rules judge it as a possible input (see isJudgedInput).
   */
  unreached?: true;
  /** Set when the schema was reached as `properties[name]`. */
  propertyName?: string;
  /**
   * How messages name it: `Property "email"`, `Parameter "q"`, `Header "X-Rate-Limit"`,
   * `Request body`, `Response body`, `Each item of Parameter "tags"`, `Each value of Property "meta"`.
   * An allOf/anyOf/oneOf branch is named like the schema it is a branch of. A named definition
   * (`components.schemas`, `definitions`) that would be named by a body role is `Schema "User"`,
   * since other roles use it too.
   */
  label?: string;
  /**
   * Every use of this schema, its own and those of every schema it is nested in (through
   * properties, items, allOf...), in document order: which operation, role, status code and media
   * type it appears under. Role-aware like `roles`: a readOnly property has no request usages.
   * Derived on first read from the usages of the schemas it was reached from (the walk records
   * those links, not a copy per schema), then kept; schemas with one parent share its array, so
   * treat it as read-only. A read costs the number of distinct schemas above it, once.
   */
  readonly usages: readonly SchemaUsage[];
}

export interface SecuritySchemeEntry {
  name: string;
  scheme: JsonObject;
  path: JsonPath;
  /**
   * The scopes the scheme declares: OAS2 `scopes`, OAS3 `flows.<flow>.scopes` (a scope several
   * flows declare is listed once per flow). Built on first read.
   */
  readonly scopes: readonly ScopeEntry[];
}

export interface ScopeEntry {
  name: string;
  /** The scope's description as written (usually a string). */
  description: unknown;
  /** The OAS3 flow that declares it (`implicit`, `password`, `clientCredentials`, `authorizationCode`); null in OAS2. */
  flow: string | null;
  path: JsonPath;
}

export interface SecurityRequirementEntry {
  /** Scheme name to scopes, as written. */
  requirement: Record<string, unknown>;
  path: JsonPath;
  /** One entry per scheme the requirement names, in order. Built on first read. An empty requirement ({}) has none. */
  readonly schemes: readonly RequiredSchemeEntry[];
}

export interface RequiredSchemeEntry {
  /** The scheme name as written in the requirement. */
  name: string;
  /** The declared scheme of that name; undefined when the document declares none. */
  scheme: SecuritySchemeEntry | undefined;
  /** The scopes required, strings only (a non-list value gives none). */
  scopes: string[];
  /** Path of the requirement's entry for this scheme (its scope list). */
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

/** One response of an operation, in the same shape for OAS2 and OAS3. */
export interface ResponseEntry {
  /** The status key as written: `'200'`, `'4XX'`, `'default'` (`x-` keys are not responses). */
  status: string;
  path: JsonPath;
  /** The Response object, $ref resolved. */
  response: JsonObject;
  headers: ResponseHeaderEntry[];
  /**
   * The bodies it can return, one per media type. The schema is always at `[...path, 'schema']`:
   * OAS3 lists each `content` entry (path: the Media Type object; `schema` absent when it has no
   * object schema); OAS2 lists the response's `schema` once per media type the operation (or the
   * root) `produces`, with a null media type when none is declared, its path being the response's.
   * An OAS2 response without a schema, or an OAS3 one without content, has no entry.
   */
  content: ContentEntry[];
}

export interface ResponseHeaderEntry {
  /** As written (a header called `x-rate-limit` is a header, not an extension). */
  name: string;
  path: JsonPath;
  /** The Header object; in OAS2 this is also the header's schema. */
  header: JsonObject;
}

export interface ContentEntry {
  mediaType: string | null;
  path: JsonPath;
  schema?: JsonObject;
}

/** Where a callback operation is declared. */
export interface CallbackLocation {
  /** The first operation (in document order) whose `callbacks` reach it; null for a `components.callbacks` entry no operation uses. */
  parent: OperationEntry | null;
  /** The callback's name (its key in `callbacks`). */
  name: string;
  /** The runtime expression keying the path item, e.g. `{$request.body#/callbackUrl}`. */
  expression: string;
}

export interface OperationEntry {
  /**
   * ['paths', '/users/{id}', 'get']; for a callback [...parent path, 'callbacks', name,
   * expression, method] (or ['components', 'callbacks', ...]); for a webhook ['webhooks', name, method].
   */
  path: JsonPath;
  kind: OperationKind;
  /** The path template; for a callback its runtime expression; for a webhook its name. */
  pathKey: string;
  method: string;
  operation: JsonObject;
  /** The Path Item object the operation is under (its `servers`, `parameters`...). */
  pathItem: JsonObject;
  /** Path-level and operation-level parameters merged; the operation's win on (name, in). */
  parameters: ParameterEntry[];
  /** Computed the same way for every kind (operation `security`, else the root's). */
  security: EffectiveSecurity;
  /** Its responses, in document order. */
  responses: ResponseEntry[];
  /** Set for kind `callback`. */
  callback?: CallbackLocation;
}

export interface ServerEntry {
  url: string;
  path: JsonPath;
  variables: JsonObject | undefined;
  /** The Server object itself (its description, extensions). */
  server: JsonObject;
}

/** What holds an example or default value. */
export type ExampleHolder = 'schema' | 'parameter' | 'header' | 'media-type' | 'component' | 'response';

/** The keyword a value is given under: `examples` covers OAS3 Example Objects, JSON Schema's list and OAS2 response examples. */
export type ExampleKeyword = 'example' | 'examples' | 'default' | 'x-example';

/** One example or default value as written: for example rules, which judge what a reader would copy. */
export interface ExampleEntry {
  /** The value itself (any JSON), by reference. */
  value: unknown;
  /**
   * Where it is: `[...schema, 'example']`, `[...schema, 'examples', 0]` (3.1),
   * `[...parameter, 'examples', name, 'value']`, `['components', 'examples', name, 'value']`,
   * `[...response, 'examples', 'application/json']` (OAS2)...
   */
  path: JsonPath;
  keyword: ExampleKeyword;
  holder: ExampleHolder;
  /**
   * How messages name the holder: the schema's label (`Property "password"`, `Schema "User"`),
   * `Parameter "q"`, `Header "X-Token"`, `Request body (application/json)`,
   * `Response 200 body (application/json)`, OAS2 `Response 200 (application/json)`, `Example "user"`.
   */
  label: string;
  /** The name the value goes by, when it has one: the property's, parameter's or header's. */
  name?: string;
}

export interface DocumentIndex {
  version: OasVersion | null;
  root: JsonObject;
  /** The `path` operations (under `paths`), in document order: what a client can call. */
  operations: OperationEntry[];
  /**
   * Callback (OAS 3.x) and webhook (OAS 3.1) operations: requests the API sends. Callbacks of
   * path operations come first (document order, nested callbacks after their parents' level),
   * then webhooks and their callbacks, then `components.callbacks` no operation references. A
   * callback object several operations share is listed once, under the first.
   */
  outboundOperations: OperationEntry[];
  securitySchemes: SecuritySchemeEntry[];
  /** OAS3 `servers` at root, path and operation level. OAS2 has `schemes` instead. */
  servers: ServerEntry[];
  /** Every schema used by an operation of any kind, keyed by identity. */
  schemas: Map<JsonObject, SchemaEntry>;
  /**
   * Schemas an `allOf` makes describe one value: a schema and its (nested) allOf branches, and
   * the schemas those give the same property name. A constraint on any of them constrains the
   * merged value. Transitive, and keyed by schema identity, so a schema shared by several
   * compositions has the peers of all of them.
   */
  allOfPeers: AllOfPeers;
  /**
   * What a schema is judged with at each place it describes a value: alone where it is used on
   * its own, with its allOf peers where a composition uses it. Built on first read.
   */
  valueGroups: ValueGroups;
  /**
   * The schema entries reached as a named property (SchemaEntry.propertyName), by that name, each
   * list in index order. Rules that judge properties by their names decide each distinct name once
   * and read only the entries of the names that matter. Built on first read.
   */
  readonly propertiesByName: ReadonlyMap<string, readonly SchemaEntry[]>;
  /**
   * Every example and default value: schema `example`/`default`/`x-example`/`examples` (3.1
   * list), parameter, header and media type `example`/`x-example`/`examples` (Example Objects'
   * `value`), `components.examples`, OAS2 response `examples`. A shared object's values are
   * listed once, where first reached; `components.examples` first. Built on first read.
   */
  readonly examples: readonly ExampleEntry[];
  /**
   * The schema entries, in index order, that have a keyword most schemas lack: noted by the walk
   * while it reads each schema anyway, so a rule looking for one reads a short list instead of
   * every schema of the document (whose first read of each is the expensive one).
   */
  schemasWith: Readonly<Record<NotedKeyword, readonly SchemaEntry[]>>;
  /**
   * The input schemas a constraint is missing from, for rules of the form "every X input needs
   * Y" (see InputQuery): `index.inputs({ unreachedSchemas, types: ['string'], lacking: group =>
   * group.some(hasMaxLength) })`. Each value group is reported at most once, at its first member
   * in index order (the definition, for a $ref target). Reads a list of the possible inputs made
   * once per document, so a query costs one pass over those, not over every schema.
   */
  inputs(query: InputQuery): SchemaEntry[];
}

/**
 * How input rules treat definitions no operation reaches (SchemaEntry.unreached): `auto` judges
 * them as possible inputs only in a document that describes no operations (a schema library, a
 * spec still being designed); `judge` always; `ignore` never. In an API with operations, a model
 * none of them reaches is no one's input.
 */
export type UnreachedSchemas = 'auto' | 'judge' | 'ignore';

/** A `type` an input query asks for (`untyped`: no `type` keyword; a 3.1 type list counts each of its names). */
export type DeclaredType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null' | 'file' | 'untyped';

/** What an input rule asks the index for (DocumentIndex.inputs). */
export interface InputQuery {
  /** The rule's `unreachedSchemas` option. */
  unreachedSchemas: UnreachedSchemas;
  /**
   * Only inputs whose `type` is one of these. The one place a rule says which types it judges:
   * `where` and `lacking` see only schemas of these types, so they need not check again.
   * Default: every type.
   */
  types?: readonly DeclaredType[];
  /** Only uses in these roles. Default: request bodies and parameters (INPUT_ROLES). */
  roles?: readonly SchemaRole[];
  /** A further condition on an input, beyond its type (a name, a format). */
  where?: (schema: JsonObject, entry: SchemaEntry) => boolean;
  /**
   * The constraint the inputs lack: whether the schemas describing one value (a value group:
   * allOf branches, same-named properties of a composition) hold it. Default: none, so every
   * input that meets `types` and `where` is found, one per value group.
   */
  lacking?: (group: readonly JsonObject[]) => boolean;
}

/**
 * Keywords the walk notes (see DocumentIndex.schemasWith): `pattern`, `deprecated` and `format`
 * when present, `value` when the schema gives an example or default value (`example`, `default`,
 * `x-example`, a 3.1 `examples` list).
 */
export type NotedKeyword = 'pattern' | 'deprecated' | 'format' | 'value';

/**
 * The schemas that describe one value at one place: a schema reached there, its allOf branches
 * (transitively), and, for a property or item, the same-named properties (items...) of every
 * schema its parent's group holds. A constraint on any member constrains the value.
 */
export interface ValueGroup {
  /** The members, the schema reached first. A schema used on its own has a group of one. */
  readonly members: readonly JsonObject[];
  /**
   * The input roles (request-body, parameter) of the path operations' uses of the value; a
   * readOnly member drops them. Value groups serve the input rules: responses and headers start none.
   */
  readonly roles: ReadonlySet<SchemaRole>;
  /** True when the value is (also) part of an unreached definition (see SchemaEntry.unreached). */
  readonly unreached: boolean;
}

export interface ValueGroups {
  /**
   * Every group `schema` is a member of: one per distinct place it describes a value (a
   * component used on its own and in an allOf composition has two). Empty for a schema no
   * walk reached. A schema in no allOf composition (see AllOfPeers.has) has one group: itself,
   * with its entry's roles and unreached flag.
   */
  of(schema: JsonObject): readonly ValueGroup[];
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
