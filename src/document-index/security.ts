import { asArray, defineLazy, isObject, namedEntries, objectEntries } from './json.js';
import type {
  EffectiveSecurity,
  JsonObject,
  JsonPath,
  OasVersion,
  RequiredSchemeEntry,
  ScopeEntry,
  SecurityRequirementEntry,
  SecuritySchemeEntry,
} from './types.js';
import { oasVersionOf } from './version.js';

type SchemeLookup = (name: string) => SecuritySchemeEntry | undefined;

/**
 * The one place that decides which security requirements apply to an operation. `schemeNamed`
 * resolves the scheme names requirements use; by default the document's declared schemes.
 */
export function effectiveSecurity(
  root: JsonObject,
  operation: JsonObject,
  operationPath: JsonPath,
  schemeNamed?: SchemeLookup,
): EffectiveSecurity {
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
  const lookup = schemeNamed ?? declaredSchemeLookup(root);
  const requirements = asArray(list).flatMap((requirement, i) =>
    isObject(requirement) ? [requirementEntry(requirement, [...path, i], lookup)] : [],
  );
  const allowsAnonymous = requirements.length === 0 || requirements.some(r => Object.keys(r.requirement).length === 0);
  return { source, path, requirements, allowsAnonymous };
}

function requirementEntry(requirement: JsonObject, path: JsonPath, schemeNamed: SchemeLookup): SecurityRequirementEntry {
  const entry = { requirement, path } as SecurityRequirementEntry;
  defineLazy(entry, 'schemes', (): RequiredSchemeEntry[] =>
    Object.keys(requirement).map(name => ({
      name,
      scheme: schemeNamed(name),
      scopes: asArray(requirement[name]).filter((scope): scope is string => typeof scope === 'string'),
      path: [...path, name],
    })),
  );
  return entry;
}

/** Lazily built, so an index that never resolves a requirement never builds it. */
export function declaredSchemeLookup(root: JsonObject, schemes?: SecuritySchemeEntry[]): SchemeLookup {
  let byName: Map<string, SecuritySchemeEntry> | undefined;
  return name => {
    if (byName === undefined) {
      const version = oasVersionOf(root);
      const list = schemes ?? (version === null ? [] : collectSecuritySchemes(root, version));
      byName = new Map();
      for (const entry of list) if (!byName.has(entry.name)) byName.set(entry.name, entry);
    }
    return byName.get(name);
  };
}

export function collectSecuritySchemes(root: JsonObject, version: OasVersion): SecuritySchemeEntry[] {
  const base = version === '2.0' ? ['securityDefinitions'] : ['components', 'securitySchemes'];
  const container = version === '2.0' ? root.securityDefinitions : isObject(root.components) ? root.components.securitySchemes : undefined;
  return objectEntries(container).map(([name, scheme]) => {
    const path = [...base, name];
    const entry = { name, scheme, path } as SecuritySchemeEntry;
    defineLazy(entry, 'scopes', () => declaredScopes(scheme, path, version));
    return entry;
  });
}

function declaredScopes(scheme: JsonObject, path: JsonPath, version: OasVersion): ScopeEntry[] {
  const scopesOf = (scopes: unknown, at: JsonPath, flow: string | null): ScopeEntry[] =>
    isObject(scopes)
      ? Object.keys(scopes)
          // The OAS2 Scopes object allows extensions; OAS3's scopes map is names only.
          .filter(name => flow !== null || !name.startsWith('x-'))
          .map(name => ({ name, description: scopes[name], flow, path: [...at, name] }))
      : [];
  if (version === '2.0') return scopesOf(scheme.scopes, [...path, 'scopes'], null);
  return namedEntries(scheme.flows).flatMap(([flow, body]) => scopesOf(body.scopes, [...path, 'flows', flow, 'scopes'], flow));
}
