import { asArray, isObject, namedEntries, objectEntries } from './json.js';
import type { ContentEntry, JsonObject, JsonPath, OasVersion, ResponseEntry } from './types.js';

/** An operation's responses in one shape for OAS2 and OAS3 (see ResponseEntry). */
export function collectResponses(root: JsonObject, operation: JsonObject, operationPath: JsonPath, version: OasVersion): ResponseEntry[] {
  const produces = version === '2.0' ? mediaTypes(operation.produces, root.produces) : [];
  const responses: ResponseEntry[] = [];
  for (const [status, response] of namedEntries(operation.responses)) {
    const path = [...operationPath, 'responses', status];
    const headers = objectEntries(response.headers).map(([name, header]) => ({ name, path: [...path, 'headers', name], header }));
    const content: ContentEntry[] =
      version === '2.0'
        ? isObject(response.schema)
          ? produces.map(mediaType => ({ mediaType, path, schema: response.schema as JsonObject }))
          : []
        : contentEntries(response.content, path);
    responses.push({ status, path, response, headers, content });
  }
  return responses;
}

/** OAS3 `content` entries of a response, request body, parameter or header at `ownerPath`. */
export function contentEntries(content: unknown, ownerPath: JsonPath): ContentEntry[] {
  return objectEntries(content).map(([mediaType, media]) => {
    const entry: ContentEntry = { mediaType, path: [...ownerPath, 'content', mediaType] };
    if (isObject(media.schema)) entry.schema = media.schema;
    return entry;
  });
}

/**
 * OAS2 `consumes`/`produces`: the operation's list, else the root's; strings only; `[null]` when
 * neither declares one, so a body still has one (unknown) media type.
 */
export function mediaTypes(operationList: unknown, rootList: unknown): Array<string | null> {
  const list = Array.isArray(operationList) ? operationList : asArray(rootList);
  const types = list.filter((type): type is string => typeof type === 'string');
  return types.length > 0 ? types : [null];
}
