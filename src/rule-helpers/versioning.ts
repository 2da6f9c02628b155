import type { DocumentIndex, JsonObject, ParameterEntry, ServerEntry } from '../document-index/index.js';
import { isObject } from '../document-index/json.js';
import { nameHasPhrase, nameWords } from './naming.js';

/*
 * How an API says which version a request is for. specguard-versioning-strategy reads these to
 * find none or a mix; specguard-versions-side-by-side reads VERSION_SEGMENT.
 */

export type Strategy = 'URL' | 'header' | 'query parameter' | 'media type';

/** A path or server URL segment that names a major version: `v1`, `v2beta`, `V3`. */
export const VERSION_SEGMENT = /(?:^|\/)v(\d+)(?:[a-z]+\d*)?(?=\/|$)/i;

/**
 * One literal URL segment that names a version, in the forms real APIs use: `v1`, `v2beta`,
 * `v1_beta`, `v1.1`, `api-v2`, `directory_v1`, a bare `1` or `2.0`, a date `2015-01-01`.
 */
const VERSION_LIKE_SEGMENT = /^(?:(?:[a-z]{1,20}[-_])?v\d{1,4}[a-z0-9._-]{0,20}|\d{1,3}(?:\.\d{1,3}){0,2}|\d{4}-\d{2}-\d{2})$/i;

/**
 * Whether a URL path (`/api/v1/pets`, `/services/{version}`) names a version in one of its
 * segments. A template is a version when its name is one of the version phrases (`{version}`,
 * `{apiVersion}`, not `{versionSetId}`, which names a thing's version), or when its parameter
 * can only take version values (`{versionNumber}` with `enum: [2]`).
 */
function pathHasVersion(path: string, parameterNames: readonly string[], parameters: readonly ParameterEntry[] = []): boolean {
  return path.split('/').some(segment => {
    const template = /^\{([^{}]+)\}$/.exec(segment);
    if (template === null) return VERSION_LIKE_SEGMENT.test(segment);
    if (parameterNames.some(phrase => sameWords(template[1], phrase))) return true;
    const parameter = parameters.find(({ parameter }) => parameter.in === 'path' && parameter.name === template[1])?.parameter;
    return parameter !== undefined && takesOnlyVersions(isObject(parameter.schema) ? parameter.schema : parameter);
  });
}

/** A schema whose enum (or, without one, default) lists only version values (`2`, `v1`, `2.0`). */
function takesOnlyVersions(schema: JsonObject): boolean {
  const values = Array.isArray(schema.enum) ? schema.enum : schema.default !== undefined ? [schema.default] : [];
  return (
    values.length > 0 &&
    values.every(value => (typeof value === 'string' || typeof value === 'number') && VERSION_LIKE_SEGMENT.test(String(value)))
  );
}

/** Whether two names are the same words in any case style (`apiVersion`, `api-version`). */
function sameWords(a: string, b: string): boolean {
  const x = nameWords(a);
  const y = nameWords(b);
  return x.length === y.length && x.every((word, i) => word === y[i]);
}

/** A server's URL with each `{variable}` replaced by its default (`/services/{version}` with default v0 is `/services/v0`). */
export function expandedServerUrl(server: ServerEntry): string {
  const variables = server.variables;
  return server.url.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const variable = isObject(variables) ? variables[name] : undefined;
    return isObject(variable) && typeof variable.default === 'string' ? variable.default : whole;
  });
}

/** The path of a URL (`https://host/a/v1` -> `/a/v1`); a relative URL is its own path. */
function urlPath(url: string): string {
  return url.replace(/^(?:[a-z][a-z0-9+.-]*:)?\/\/[^/]*/i, '');
}

/**
 * The strategies a document uses, each with the first place it is seen (for messages). A version
 * header, query parameter or media type counts when at least half of the operations use it: one
 * that a few operations use selects the version of a resource (a document, a model, a manifest
 * format), not of the API.
 */
export function versioningStrategies(index: DocumentIndex, parameterNames: readonly string[]): Map<Strategy, string> {
  const found = new Map<Strategy, string>();
  const note = (strategy: Strategy, where: string) => {
    if (!found.has(strategy)) found.set(strategy, where);
  };
  for (const server of index.servers) {
    const url = expandedServerUrl(server);
    if (pathHasVersion(urlPath(url), parameterNames)) note('URL', `server ${url}`);
  }
  if (typeof index.root.basePath === 'string' && pathHasVersion(index.root.basePath, parameterNames))
    note('URL', `basePath ${index.root.basePath}`);
  // Per-operation selectors, counted by how many operations use each.
  const selectors = new Map<'header' | 'query parameter' | 'media type', { operations: number; first: string }>();
  const select = (strategy: 'header' | 'query parameter' | 'media type', where: string) => {
    const seen = selectors.get(strategy);
    if (seen === undefined) selectors.set(strategy, { operations: 1, first: where });
    else seen.operations++;
  };
  for (const op of index.operations) {
    if (pathHasVersion(op.pathKey, parameterNames, op.parameters)) note('URL', `path ${op.pathKey}`);
    const taken = new Set<string>();
    for (const { parameter } of op.parameters) {
      if (typeof parameter.name !== 'string' || !parameterNames.some(phrase => nameHasPhrase(parameter.name as string, phrase))) continue;
      const strategy = parameter.in === 'header' ? 'header' : parameter.in === 'query' ? 'query parameter' : undefined;
      if (strategy === undefined || taken.has(strategy)) continue;
      taken.add(strategy);
      select(strategy, `${strategy} ${parameter.name}`);
    }
    const mediaTypes = [
      ...op.responses.flatMap(r => r.content.map(c => c.mediaType)),
      ...(isObject(op.operation.requestBody) && isObject(op.operation.requestBody.content)
        ? Object.keys(op.operation.requestBody.content)
        : []),
    ];
    const versioned = mediaTypes.find(type => type !== null && /;\s*(?:api-)?version=|\.v\d+\+|;\s*v=\d/i.test(type));
    if (versioned !== undefined) select('media type', `media type ${versioned}`);
  }
  for (const [strategy, { operations, first }] of selectors) if (operations * 2 >= index.operations.length) note(strategy, first);
  return found;
}
