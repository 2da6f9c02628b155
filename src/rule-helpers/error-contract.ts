import type { OperationEntry, ResponseEntry } from '../document-index/index.js';
import { errorResponses } from './error-responses.js';

/*
 * What the error-contract rules (specguard-error-responses, -error-response-coverage and
 * -error-schema) read beyond src/rule-helpers/error-responses.ts: which statuses say which error they are,
 * when a `default` response is the error contract, and when a gap is the API's habit, said once
 * for the document.
 */

/**
 * The 4xx and 5xx codes of the IANA HTTP status code registry. An operation whose error
 * responses use other codes (the converted AWS descriptions number their exceptions 480-499)
 * does not say which errors its statuses stand for.
 */
const REGISTERED_ERROR_STATUSES: ReadonlySet<string> = new Set([
  ...Array.from({ length: 19 }, (_, i) => String(400 + i)), // 400-418
  '421',
  '422',
  '423',
  '424',
  '425',
  '426',
  '428',
  '429',
  '431',
  '451',
  ...Array.from({ length: 9 }, (_, i) => String(500 + i)), // 500-508
  '510',
  '511',
]);

/** A 4xx or 5xx status written as a code that is not a registered HTTP status (`480`, `499`). */
export function isUnregisteredErrorStatus(status: string): boolean {
  const code = status.trim();
  return /^[45][0-9]{2}$/.test(code) && !REGISTERED_ERROR_STATUSES.has(code);
}

/** Whether one of the operation's error responses uses an unregistered code (see isUnregisteredErrorStatus). */
export function hasUnregisteredErrorStatus(op: OperationEntry): boolean {
  return op.responses.some(response => isUnregisteredErrorStatus(response.status));
}

/** A 1xx, 2xx or 3xx status (or range): what the operation returns when it does not fail. */
function isNonErrorStatus(status: string): boolean {
  return /^[123]([0-9]{2}|XX)$/i.test(status.trim());
}

/**
 * The error responses whose bodies are error bodies: 4xx and 5xx, and `default` only where the
 * operation also declares what it returns on success. An operation whose only response is
 * `default` (or `default` beside errors) uses it for its success, as generated descriptions do.
 */
export function errorBodyResponses(op: OperationEntry): ResponseEntry[] {
  const defaultIsError = op.responses.some(response => isNonErrorStatus(response.status));
  return errorResponses(op).filter(response => response.status.trim() !== 'default' || defaultIsError);
}
