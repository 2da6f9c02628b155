import { asArray, isObject, namedEntries, objectEntries } from './json.js';
import { collectResponses } from './responses.js';
import { effectiveSecurity } from './security.js';
import { oasVersionOf } from './version.js';
import type {
  CallbackLocation,
  JsonObject,
  JsonPath,
  OasVersion,
  OperationEntry,
  OperationKind,
  ParameterEntry,
  SecuritySchemeEntry,
  ServerEntry,
} from './types.js';

/** The HTTP methods a path item holds in OAS 2.0 (OAS 3 adds trace). */
export const OAS2_METHODS: ReadonlySet<string> = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch']);
const OAS3_METHODS: ReadonlySet<string> = new Set([...OAS2_METHODS, 'trace']);
/**
 * How deep callbacks of callbacks are followed. Real APIs nest one or two; each level lengthens
 * every path below it, so without a cap a hostile chain would cost quadratic memory.
 */
export const MAX_CALLBACK_DEPTH = 8;

/** The Paths object's path items; `x-` keys are specification extensions, not paths. */
function pathItems(root: JsonObject): Array<[string, JsonObject]> {
  return namedEntries(root.paths);
}

/** The methods a path item of this version holds as operations. */
const methodsOf = (version: OasVersion) => (version === '2.0' ? OAS2_METHODS : OAS3_METHODS);

/**
 * How many path operations the document has, counted as collectOperations lists them but without
 * building the index: for `specguard report`'s per-operation score, whatever rules ran.
 */
export function countPathOperations(root: unknown): number {
  const version = oasVersionOf(root);
  if (version === null || !isObject(root)) return 0;
  const methods = methodsOf(version);
  let count = 0;
  for (const [, pathItem] of pathItems(root))
    for (const method of Object.keys(pathItem)) if (methods.has(method) && isObject(pathItem[method])) count++;
  return count;
}

interface Context {
  root: JsonObject;
  version: OasVersion;
  schemeNamed: (name: string) => SecuritySchemeEntry | undefined;
}

/** The operations of one path item, in document order (so the first place a shared schema is reached is the first one written). */
function pathItemOperations(
  context: Context,
  pathItem: JsonObject,
  itemPath: JsonPath,
  pathKey: string,
  kind: OperationKind,
  callback?: CallbackLocation,
): OperationEntry[] {
  const { root, version, schemeNamed } = context;
  const methods = methodsOf(version);
  const pathLevelParams = parameterEntries(pathItem.parameters, [...itemPath, 'parameters']);
  const operations: OperationEntry[] = [];
  for (const method of Object.keys(pathItem)) {
    const operation = pathItem[method];
    if (!methods.has(method) || !isObject(operation)) continue;
    const path = [...itemPath, method];
    const entry: OperationEntry = {
      path,
      kind,
      pathKey,
      method,
      operation,
      pathItem,
      parameters: mergeParameters(pathLevelParams, parameterEntries(operation.parameters, [...path, 'parameters'])),
      security: effectiveSecurity(root, operation, path, schemeNamed),
      responses: collectResponses(root, operation, path, version),
    };
    if (callback) entry.callback = callback;
    operations.push(entry);
  }
  return operations;
}

/**
 * Every operation: the path operations, and (OAS 3.x) the callbacks and webhooks the API sends.
 * Each callback object is expanded once, under the first operation that reaches it, so shared
 * or self-referencing callbacks cost one expansion each, however they nest.
 */
export function collectOperations(
  root: JsonObject,
  version: OasVersion,
  schemeNamed: Context['schemeNamed'],
): { operations: OperationEntry[]; outboundOperations: OperationEntry[] } {
  const context: Context = { root, version, schemeNamed };
  const operations = pathItems(root).flatMap(([pathKey, pathItem]) =>
    pathItemOperations(context, pathItem, ['paths', pathKey], pathKey, 'path'),
  );
  const outboundOperations: OperationEntry[] = [];
  if (version === '2.0') return { operations, outboundOperations };

  const expanded = new Set<JsonObject>();
  /** How many callback levels down an outbound operation is (absent: 0). */
  const depth = new Map<OperationEntry, number>();
  /** The operations of a callback object not expanded yet, also added to outboundOperations. */
  const callbackOperations = (callbackObject: JsonObject, name: string, callbackPath: JsonPath, parent: OperationEntry | null) => {
    const level = (parent === null ? 0 : (depth.get(parent) ?? 0)) + 1;
    if (expanded.has(callbackObject) || level > MAX_CALLBACK_DEPTH) return [];
    expanded.add(callbackObject);
    const found = namedEntries(callbackObject).flatMap(([expression, pathItem]) =>
      pathItemOperations(context, pathItem, [...callbackPath, expression], expression, 'callback', { parent, name, expression }),
    );
    for (const op of found) {
      depth.set(op, level);
      outboundOperations.push(op); // one at a time: a spread of 200,000 entries overflows the stack
    }
    return found;
  };
  /** Expands the callbacks of `work`, breadth first over the growing list, so nesting needs no recursion. */
  const expandCallbacks = (work: OperationEntry[]) => {
    for (let i = 0; i < work.length; i++) {
      const op = work[i];
      for (const [name, callbackObject] of objectEntries(op.operation.callbacks)) {
        for (const found of callbackOperations(callbackObject, name, [...op.path, 'callbacks', name], op)) work.push(found);
      }
    }
  };
  expandCallbacks([...operations]);
  // OAS 3.1 `webhooks`; OAS 3.0 descriptions spell them `x-webhooks` (the Redoc convention GitHub's uses).
  const webhooksKey = version === '3.1' ? 'webhooks' : version === '3.0' ? 'x-webhooks' : undefined;
  if (webhooksKey !== undefined) {
    for (const [name, pathItem] of objectEntries(root[webhooksKey])) {
      const webhooks = pathItemOperations(context, pathItem, [webhooksKey, name], name, 'webhook');
      for (const webhook of webhooks) outboundOperations.push(webhook);
      expandCallbacks(webhooks);
    }
  }
  const components = isObject(root.components) ? root.components.callbacks : undefined;
  for (const [name, callbackObject] of objectEntries(components)) {
    expandCallbacks(callbackOperations(callbackObject, name, ['components', 'callbacks', name], null));
  }
  return { operations, outboundOperations };
}

function parameterEntries(value: unknown, path: JsonPath): ParameterEntry[] {
  const entries: ParameterEntry[] = [];
  asArray(value).forEach((parameter, i) => {
    if (isObject(parameter)) entries.push({ parameter, path: [...path, i] });
  });
  return entries;
}

function mergeParameters(pathLevel: ParameterEntry[], operationLevel: ParameterEntry[]): ParameterEntry[] {
  // An object or array as `in` or `name` (invalid, but a document can say it) identifies no parameter,
  // and String() of one (say `name: {toString: 1}`) can throw.
  const part = (value: unknown) => (typeof value === 'object' && value !== null ? null : String(value));
  const key = (e: ParameterEntry) => {
    const location = part(e.parameter.in);
    const name = part(e.parameter.name);
    return location === null || name === null ? null : `${location}\u0000${name}`;
  };
  const overridden = new Set(operationLevel.map(key).filter(k => k !== null));
  return [
    ...pathLevel.filter(e => {
      const k = key(e);
      return k === null || !overridden.has(k);
    }),
    ...operationLevel,
  ];
}

export function collectServers(root: JsonObject, version: OasVersion): ServerEntry[] {
  if (version === '2.0') return [];
  const servers: ServerEntry[] = [];
  const add = (list: unknown, path: JsonPath) =>
    asArray(list).forEach((server, i) => {
      if (isObject(server) && typeof server.url === 'string') {
        servers.push({ url: server.url, path: [...path, i], variables: isObject(server.variables) ? server.variables : undefined, server });
      }
    });
  add(root.servers, ['servers']);
  for (const [pathKey, pathItem] of pathItems(root)) {
    add(pathItem.servers, ['paths', pathKey, 'servers']);
    for (const method of Object.keys(pathItem)) {
      const operation = pathItem[method];
      if (OAS3_METHODS.has(method) && isObject(operation)) add(operation.servers, ['paths', pathKey, method, 'servers']);
    }
  }
  return servers;
}
