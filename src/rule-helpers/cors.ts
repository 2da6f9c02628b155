import type { DocumentIndex, JsonObject, OperationEntry, ResponseEntry, ResponseHeaderEntry } from '../document-index/index.js';
import { headerValues } from './header-values.js';

/*
 * CORS headers as responses document them. Only response headers count: a header defined in
 * components.headers and never used says nothing about what the API sends.
 */

/** A response that documents `Access-Control-Allow-Origin: *`, and whether it also allows credentials. */
export interface WildcardOrigin {
  operation: OperationEntry;
  response: ResponseEntry;
  header: ResponseHeaderEntry;
  withCredentials: boolean;
}

/** Every response (once per Response object) whose Access-Control-Allow-Origin can be `*`. */
export function wildcardOrigins(index: DocumentIndex): WildcardOrigin[] {
  const found: WildcardOrigin[] = [];
  const seen = new Set<JsonObject>();
  for (const operation of index.operations) {
    for (const response of operation.responses) {
      if (seen.has(response.response)) continue;
      seen.add(response.response);
      const origin = response.headers.find(h => h.name.toLowerCase() === 'access-control-allow-origin');
      if (origin === undefined || !documentedValues(origin.header).includes('*')) continue;
      const credentials = response.headers.find(h => h.name.toLowerCase() === 'access-control-allow-credentials');
      const withCredentials = credentials !== undefined && documentedValues(credentials.header).some(v => v === true || v === 'true');
      found.push({ operation, response, header: origin, withCredentials });
    }
  }
  return found;
}

/** The header's documented values, strings trimmed (`" * "` allows every origin too). */
function documentedValues(header: JsonObject): unknown[] {
  return headerValues(header).map(v => (typeof v === 'string' ? v.trim() : v));
}
