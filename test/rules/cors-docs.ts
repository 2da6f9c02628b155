import { HEADERS } from '../helpers.js';

/** A document whose GET /x 200 response has `headers` (Header objects as JSON), for 2.0, 3.0 or 3.1. */
export function withHeaders(version: '2.0' | '3.0' | '3.1', headers: Record<string, unknown>, extra = ''): string {
  const responses = {
    '200': { description: 'ok', headers },
    '201': { $ref: version === '2.0' ? '#/responses/Shared' : '#/components/responses/Shared' },
  };
  const shared = JSON.stringify({ description: 'shared', headers });
  const holder = version === '2.0' ? `responses:\n  Shared: ${shared}\n` : `components:\n  responses:\n    Shared: ${shared}\n`;
  return `${HEADERS[version]}paths:\n  /x:\n    get:\n      responses: ${JSON.stringify(responses)}\n${holder}${extra}`;
}

/** Where withHeaders puts a header of the 200 and the shared (201) response. */
export const headerPaths = (version: '2.0' | '3.0' | '3.1', name: string) => [
  ['paths', '/x', 'get', 'responses', '200', 'headers', name],
  version === '2.0' ? ['responses', 'Shared', 'headers', name] : ['components', 'responses', 'Shared', 'headers', name],
];
