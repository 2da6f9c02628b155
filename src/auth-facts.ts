import type { DocumentIndex, JsonObject, OperationEntry, SecurityRequirementEntry, SecuritySchemeEntry } from './document-index/index.js';
import { memoizedPerObject } from './document-index/index.js';
import { suffixMatcher } from './naming.js';
import { lastLiteralSegment, operationIdName } from './operation-intent.js';
import type { OptionSchema } from './rule-kit.js';

/*
 * Facts about operations and security schemes that several authentication and authorization
 * rules share, so each idea (what a write is, which schemes carry scopes) is decided once.
 */

/** The extension operation-security reads to mark an operation public; rules that judge public operations default to it. */
export const DEFAULT_PUBLIC_EXTENSION = 'x-specguard-public';

/** The `publicExtension` option of the rules that read operation-security's public mark. */
export const PUBLIC_EXTENSION_OPTION = {
  type: 'string',
  pattern: '^x-',
  default: DEFAULT_PUBLIC_EXTENSION,
  description: 'Extension that marks an operation as intentionally public, as specguard-operation-security reads it. Must start with `x-`.',
};

/** A scheme's `type`, trimmed and lower-cased (`OAuth2` -> `oauth2`); '' when it has none. */
export function schemeTypeOf(scheme: JsonObject): string {
  return typeof scheme.type === 'string' ? scheme.type.trim().toLowerCase() : '';
}

/** The RFC 7235 scheme of an OAS3 `type: http` scheme, lower-cased; OAS2 `type: basic` is `basic`; else ''. */
export function httpSchemeOf(scheme: JsonObject): string {
  const type = schemeTypeOf(scheme);
  if (type === 'basic') return 'basic';
  return type === 'http' && typeof scheme.scheme === 'string' ? scheme.scheme.trim().toLowerCase() : '';
}

/** OAuth 2.0 and OpenID Connect: the scheme types whose requirements name scopes. */
export function grantsScopes(scheme: SecuritySchemeEntry | undefined): boolean {
  if (scheme === undefined) return false;
  const type = schemeTypeOf(scheme.scheme);
  return type === 'oauth2' || type === 'openidconnect';
}

/** The reason an operation is marked public with, or undefined when it is not marked with a non-empty string. */
export function publicReasonOf(op: OperationEntry, extension: string): string | undefined {
  const reason = op.operation[extension];
  return typeof reason === 'string' && reason.trim() !== '' ? reason : undefined;
}

/**
 * Each security requirement the operations use, once: a root requirement is shared by every
 * operation that inherits it, so a finding about the requirement itself is reported once.
 */
export function distinctRequirements(operations: Iterable<OperationEntry>): SecurityRequirementEntry[] {
  const seen = new Set<string>();
  const result: SecurityRequirementEntry[] = [];
  for (const op of operations) {
    for (const requirement of op.security.requirements) {
      const key = JSON.stringify(requirement.path);
      if (seen.has(key)) continue;
      seen.add(key);
      result.push(requirement);
    }
  }
  return result;
}

/** Where a finding about an operation's requirement goes: the requirement when the operation writes it, else the operation (a root requirement is shared). */
export function requirementLocation(op: OperationEntry, requirement: SecurityRequirementEntry) {
  return op.security.source === 'operation' ? requirement.path : op.path;
}

/**
 * Why a scheme is weak for operations that change data, or undefined when it is not: HTTP Basic
 * sends a reusable password with every request, and an API key in the URL lands in logs.
 */
export function weaknessOf(scheme: SecuritySchemeEntry | undefined): string | undefined {
  if (scheme === undefined) return undefined;
  if (httpSchemeOf(scheme.scheme) === 'basic') return `HTTP Basic ("${scheme.name}")`;
  const where = typeof scheme.scheme.in === 'string' ? scheme.scheme.in.trim().toLowerCase() : '';
  if (schemeTypeOf(scheme.scheme) === 'apikey' && (where === 'query' || where === 'path'))
    return `an API key in the URL ("${scheme.name}")`;
  return undefined;
}

/**
 * The `credentialEndpoints` option of the rules that leave alone the endpoints where a client
 * trades one credential for another (a password or client secret for a token).
 */
export const CREDENTIAL_ENDPOINTS_OPTION: OptionSchema = {
  type: 'array',
  items: { type: 'string' },
  default: [
    'token',
    'tokens',
    'auth',
    'oauth',
    'authenticate',
    'authentication',
    'login',
    'log in',
    'logon',
    'signin',
    'sign in',
    'session',
    'sessions',
    'password',
  ],
  description:
    'An operation whose last literal path segment or operationId ends with one of these words (any case style: `/oauth2/token`, `/v0.1/api_tokens`, `/users/login`, `changePassword`) is a credential endpoint: where a client trades a password, client secret or signature for a token, or changes its password. The list replaces the default.',
};

/** Whether an operation is a credential endpoint (see CREDENTIAL_ENDPOINTS_OPTION) by the option's word list. */
export function isCredentialEndpoint(op: OperationEntry, endpoints: readonly string[]): boolean {
  const endsWithEndpoint = endpointMatcher(endpoints);
  const id = operationIdName(op);
  return endsWithEndpoint(lastLiteralSegment(op.pathKey)) !== undefined || (id !== undefined && endsWithEndpoint(id.name) !== undefined);
}

const endpointMatcher = memoizedPerObject((endpoints: readonly string[]) => suffixMatcher(endpoints));

/**
 * Whether the operations that accept a scheme are all credential endpoints (see
 * isCredentialEndpoint): a password or signature sent only to get a token is not sent with every
 * request. False for a scheme no operation references: nothing shows how it is used.
 */
export function onlyAtCredentialEndpoints(index: DocumentIndex, schemeName: string, endpoints: readonly string[]): boolean {
  const users = index.operations.filter(op => op.security.requirements.some(r => r.schemes.some(s => s.name === schemeName)));
  return users.length > 0 && users.every(op => isCredentialEndpoint(op, endpoints));
}
