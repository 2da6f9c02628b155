import type { OperationEntry, ResponseEntry } from '../document-index/index.js';

/*
 * What the error-contract rules agree on: which responses are errors, and which declared status
 * covers a code a client may get.
 */

/** A 4xx or 5xx status (`404`, `4XX`) or `default` (what an operation returns for any other code). */
export function isErrorStatus(status: string): boolean {
  return /^[45]([0-9]{2}|XX)$/i.test(status.trim()) || status.trim() === 'default';
}

/** The operation's error responses, in document order. */
export function errorResponses(op: OperationEntry): ResponseEntry[] {
  return op.responses.filter(response => isErrorStatus(response.status));
}

/**
 * The response that documents `code` (e.g. `404`): the exact status, else its range (`4XX`), else
 * `default` when `orDefault` (a server error may come through `default`; a client error is specific).
 */
export function responseFor(op: OperationEntry, code: string, orDefault: boolean): ResponseEntry | undefined {
  const statuses = op.responses;
  return (
    statuses.find(r => r.status.trim() === code) ??
    statuses.find(r => r.status.trim().toUpperCase() === `${code[0]}XX`) ??
    (orDefault ? statuses.find(r => r.status.trim() === 'default') : undefined)
  );
}

/** Whether a response has a body schema (an OAS3 media type with a schema, an OAS2 schema). */
export function hasBodySchema(response: ResponseEntry): boolean {
  return response.content.some(entry => entry.schema !== undefined);
}

/** Property names that carry a correlation id: what an error body should have, never an internal. */
export const CORRELATION_PROPERTIES = ['correlation id', 'request id', 'trace id', 'span id', 'instance'];
