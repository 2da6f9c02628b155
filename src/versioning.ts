import type { DocumentIndex } from './document-index/index.js';
import { isObject } from './document-index/index.js';
import { nameHasPhrase } from './naming.js';

/*
 * How an API says which version a request is for. specguard-versioning-strategy reads these to
 * find none or a mix.
 */

export type Strategy = 'URL' | 'header' | 'query parameter' | 'media type';

/** A path or server URL segment that names a major version: `v1`, `v2beta`, `V3`. */
export const VERSION_SEGMENT = /(?:^|\/)v(\d+)(?:[a-z]+\d*)?(?=\/|$)/i;

/** The strategies a document uses, each with the first place it is seen (for messages). */
export function versioningStrategies(index: DocumentIndex, parameterNames: readonly string[]): Map<Strategy, string> {
  const found = new Map<Strategy, string>();
  const note = (strategy: Strategy, where: string) => {
    if (!found.has(strategy)) found.set(strategy, where);
  };
  for (const server of index.servers)
    if (VERSION_SEGMENT.test(server.url.replace(/^[a-z]+:\/\/[^/]*/i, ''))) note('URL', `server ${server.url}`);
  if (typeof index.root.basePath === 'string' && VERSION_SEGMENT.test(index.root.basePath)) note('URL', `basePath ${index.root.basePath}`);
  for (const op of index.operations) {
    if (VERSION_SEGMENT.test(op.pathKey)) note('URL', `path ${op.pathKey}`);
    for (const { parameter } of op.parameters) {
      if (typeof parameter.name !== 'string' || !parameterNames.some(phrase => nameHasPhrase(parameter.name as string, phrase))) continue;
      if (parameter.in === 'header') note('header', `header ${parameter.name}`);
      else if (parameter.in === 'query') note('query parameter', `query parameter ${parameter.name}`);
    }
    const mediaTypes = [
      ...op.responses.flatMap(r => r.content.map(c => c.mediaType)),
      ...(isObject(op.operation.requestBody) && isObject(op.operation.requestBody.content)
        ? Object.keys(op.operation.requestBody.content)
        : []),
    ];
    for (const type of mediaTypes)
      if (type !== null && /;\s*(?:api-)?version=|\.v\d+\+|;\s*v=\d/i.test(type)) note('media type', `media type ${type}`);
  }
  return found;
}
