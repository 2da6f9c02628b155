import { oasVersionOf } from '../document-index/version.js';
import { InputError } from '../parse/errors.js';
import type { Finding } from '../findings/findings.js';
import { findJsonComment } from '../parse/input-guards.js';
import { isJsonText, parseSafely } from '../parse/load.js';
import { sameLocation } from './adapter.js';
import type { InputAdapter } from './adapter.js';

/** An `openapi: 3.x` or `swagger: 2.x` key anywhere (keys come in any order), in YAML or JSON. */
const VERSION_KEY = /(^|[{,]\s*)["']?(openapi|swagger)["']?\s*:\s*["']?[23]\./m;

/**
 * OpenAPI 2.0, 3.0 and 3.1, in YAML or JSON: linted as written. It is also the registry's
 * fallback, so text no adapter recognises gets the precise reason it is not an API description.
 */
export const openApiAdapter: InputAdapter = {
  name: 'OpenAPI',
  label: 'OpenAPI 2.0/3.0/3.1',
  extensions: ['yaml', 'yml', 'json'],
  detect: text => (VERSION_KEY.test(text) ? 'root' : undefined),
  load(text, source) {
    const document = parseSafely(text, source);
    const version = oasVersionOf(document.data);
    if (version === null) throw new InputError(source, notAnApiReason(document.data));
    const comment = isJsonText(text) ? findJsonComment(text) : undefined;
    return { document, version, findings: comment ? [jsonCommentFinding(comment, source)] : [], mapLocation: sameLocation };
  },
};

function notAnApiReason(data: unknown): string {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return 'not an API description: the document is not a mapping (expected an OpenAPI object)';
  }
  const record = data as Record<string, unknown>;
  if ('openapi' in record) return `unsupported OpenAPI version ${JSON.stringify(record.openapi)}: specguard reads 2.0, 3.0 and 3.1`;
  if ('swagger' in record) return `unsupported Swagger version ${JSON.stringify(record.swagger)}: specguard reads 2.0, 3.0 and 3.1`;
  return 'not an API description: no "openapi" or "swagger" field';
}

/** JSON has no comments and the parser accepts them silently: a finding shaped like Spectral's `parser` results. */
function jsonCommentFinding(at: { line: number; character: number }, source: string): Finding {
  return {
    code: 'parser',
    message: 'Comments are not allowed in JSON: remove them (or write the file as YAML)',
    path: [],
    severity: 0,
    range: { start: at, end: { line: at.line, character: at.character + 2 } },
    source,
  };
}
