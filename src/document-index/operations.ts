import { asArray, isObject, objectEntries } from './json.js';
import type {
  EffectiveSecurity,
  JsonObject,
  JsonPath,
  OasVersion,
  OperationEntry,
  ParameterEntry,
  SecuritySchemeEntry,
  ServerEntry,
} from './types.js';

const OAS2_METHODS: ReadonlySet<string> = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch']);
const OAS3_METHODS: ReadonlySet<string> = new Set([...OAS2_METHODS, 'trace']);

/** The Paths object's path items; `x-` keys are specification extensions, not paths. */
function pathItems(root: JsonObject): Array<[string, JsonObject]> {
  return objectEntries(root.paths).filter(([key]) => !key.startsWith('x-'));
}

export function collectOperations(root: JsonObject, version: OasVersion): OperationEntry[] {
  const methods = version === '2.0' ? OAS2_METHODS : OAS3_METHODS;
  const operations: OperationEntry[] = [];
  for (const [pathKey, pathItem] of pathItems(root)) {
    const pathLevelParams = parameterEntries(pathItem.parameters, ['paths', pathKey, 'parameters']);
    // In document order, so the first place a shared schema is reached is the first one written.
    for (const method of Object.keys(pathItem)) {
      const operation = pathItem[method];
      if (!methods.has(method) || !isObject(operation)) continue;
      const path = ['paths', pathKey, method];
      operations.push({
        path,
        pathKey,
        method,
        operation,
        parameters: mergeParameters(pathLevelParams, parameterEntries(operation.parameters, [...path, 'parameters'])),
        security: effectiveSecurity(root, operation, path),
      });
    }
  }
  return operations;
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
  return [...pathLevel.filter(e => { const k = key(e); return k === null || !overridden.has(k); }), ...operationLevel];
}

/** The one place that decides which security requirements apply to an operation. */
export function effectiveSecurity(root: JsonObject, operation: JsonObject, operationPath: JsonPath): EffectiveSecurity {
  let source: EffectiveSecurity['source'];
  let list: unknown;
  let path: JsonPath | null;
  if (Array.isArray(operation.security)) {
    source = 'operation';
    list = operation.security;
    path = [...operationPath, 'security'];
  } else if (Array.isArray(root.security)) {
    source = 'root';
    list = root.security;
    path = ['security'];
  } else {
    return { source: 'none', path: null, requirements: [], allowsAnonymous: true };
  }
  const requirements = asArray(list).flatMap((requirement, i) =>
    isObject(requirement) ? [{ requirement, path: [...(path as JsonPath), i] }] : [],
  );
  const allowsAnonymous = requirements.length === 0 || requirements.some(r => Object.keys(r.requirement).length === 0);
  return { source, path, requirements, allowsAnonymous };
}

export function collectSecuritySchemes(root: JsonObject, version: OasVersion): SecuritySchemeEntry[] {
  const base = version === '2.0' ? ['securityDefinitions'] : ['components', 'securitySchemes'];
  const container = version === '2.0' ? root.securityDefinitions : isObject(root.components) ? root.components.securitySchemes : undefined;
  return objectEntries(container).map(([name, scheme]) => ({ name, scheme, path: [...base, name] }));
}

export function collectServers(root: JsonObject, version: OasVersion): ServerEntry[] {
  if (version === '2.0') return [];
  const servers: ServerEntry[] = [];
  const add = (list: unknown, path: JsonPath) =>
    asArray(list).forEach((server, i) => {
      if (isObject(server) && typeof server.url === 'string') {
        servers.push({ url: server.url, path: [...path, i], variables: isObject(server.variables) ? server.variables : undefined });
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
