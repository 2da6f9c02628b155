import type {
  DocumentIndex,
  JsonObject,
  JsonPath,
  OperationEntry,
  SecurityRequirementEntry,
  SecuritySchemeEntry,
} from '../document-index/index.js';
import { isObject, memoizedPerObject } from '../document-index/json.js';
import { nameWords, phraseMatcher, suffixMatcher } from './naming.js';
import { lastLiteralSegment, literalSegments, operationIdName } from './operation-intent.js';
import type { OptionSchema } from '../rule-kit.js';

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

/** Why an operation is public, and where the document says so. */
export interface PublicReason {
  reason: string;
  path: JsonPath;
}

/**
 * Why an anonymous operation is public: the reason it is marked with (a non-empty string), else
 * what the document itself says (see declaredPublicReason); undefined when nothing says so.
 */
export function publicReasonOf(op: OperationEntry, extension: string, root: JsonObject): PublicReason | undefined {
  const marked = op.operation[extension];
  if (typeof marked === 'string' && marked.trim() !== '') return { reason: marked.trim(), path: [...op.path, extension] };
  return declaredPublicReason(op, root);
}

/**
 * Where a document already says an anonymous read is public, the way real APIs do: a tag the
 * document describes as unauthenticated (`Public: Unauthenticated endpoints`), or a health probe
 * that turns authentication off itself (`GET /health` with `security: []`). A write is public
 * only by the mark, which specguard-public-write then weighs.
 */
export function declaredPublicReason(op: OperationEntry, root: JsonObject): PublicReason | undefined {
  if (op.method !== 'get' && op.method !== 'head') return undefined;
  const tag = publicTagOf(op, root);
  if (tag !== undefined) return { reason: tag, path: [...op.path, 'tags'] };
  const { security } = op;
  const optsOut = security.source === 'operation' && security.allowsAnonymous;
  return optsOut && isHealthProbe(op.pathKey) ? { reason: 'health probe', path: security.path ?? op.path } : undefined;
}

/** `tag "Public": Unauthenticated`, for the first of the operation's tags the document declares public. */
function publicTagOf(op: OperationEntry, root: JsonObject): string | undefined {
  const tags = Array.isArray(op.operation.tags) ? op.operation.tags : [];
  if (tags.length === 0 || !Array.isArray(root.tags)) return undefined;
  for (const declared of root.tags) {
    if (!isObject(declared) || typeof declared.name !== 'string' || !tags.includes(declared.name)) continue;
    const description = typeof declared.description === 'string' ? declared.description.trim() : '';
    // A tag named just "public" may mean "publicly supported" (vs "private": unstable); it says
    // unauthenticated only where the document authenticates something or the operation opts out.
    const barePublic = nameWords(declared.name).join(' ') === 'public' && (declaresSecurity(root) || optsOut(op));
    if (saysUnauthenticated(description) !== undefined || barePublic)
      return description === '' ? `tag "${declared.name}"` : `tag "${declared.name}": ${description}`;
  }
  return undefined;
}

/** Whether the document declares any security scheme (OAS2 securityDefinitions, OAS3 components.securitySchemes). */
function declaresSecurity(root: JsonObject): boolean {
  const schemes = isObject(root.components) ? root.components.securitySchemes : root.securityDefinitions;
  return isObject(schemes) && Object.keys(schemes).length > 0;
}

/** `security: []` (or an empty requirement) on the operation itself. */
const optsOut = (op: OperationEntry) => op.security.source === 'operation' && op.security.allowsAnonymous;

const saysUnauthenticated = phraseMatcher([
  'unauthenticated',
  'no authentication',
  'without authentication',
  'not require authentication',
  'no auth',
  'anonymous',
  'public endpoint',
  'public endpoints',
]);

const HEALTH_PROBES: ReadonlySet<string> = new Set([
  ...['health', 'healthz', 'healthcheck', 'health check', 'ping', 'alive', 'live', 'liveness', 'ready', 'readiness'],
  ...['heartbeat', 'status', 'version'],
]);
const PATH_PREFIX = /^(api|v\d+(\.\d+)*)$/i;

/** `/health`, `/v1/ping`, `/api/status`: a path that is a probe word and nothing else (not `/orders/{id}/status`). */
function isHealthProbe(pathKey: string): boolean {
  const segments = literalSegments(pathKey).filter(segment => !PATH_PREFIX.test(segment));
  return segments.length === 1 && !pathKey.includes('{') && HEALTH_PROBES.has(nameWords(segments[0]).join(' '));
}

/**
 * A required query, header or cookie parameter that carries a credential (`api_key`,
 * `X-Auth-Token`, `Authorization`): an operation that takes one is authenticated, only not
 * through a declared security scheme.
 */
export function credentialParameterOf(op: OperationEntry): { name: string; where: string } | undefined {
  for (const { parameter } of op.parameters) {
    const { name, required } = parameter;
    const where = typeof parameter.in === 'string' ? parameter.in : '';
    if (required !== true || typeof name !== 'string' || !CREDENTIAL_LOCATIONS.has(where)) continue;
    if (namesCredential(name) !== undefined) return { name, where };
  }
  return undefined;
}

const CREDENTIAL_LOCATIONS: ReadonlySet<string> = new Set(['query', 'header', 'cookie']);
const namesCredential = phraseMatcher([
  'api key',
  'apikey',
  'key',
  'token',
  'authorization',
  'auth',
  'secret',
  'password',
  'credential',
  'credentials',
  'session',
]);

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
    'authorize',
    'authenticate',
    'authentication',
    'login',
    'log in',
    'logon',
    'signin',
    'sign in',
    'logout',
    'log out',
    'signout',
    'sign out',
    'session',
    'sessions',
    'password',
  ],
  description:
    'An operation whose last literal path segment or operationId ends with one of these words (any case style: `/oauth2/token`, `/v0.1/api_tokens`, `/users/login`, `changePassword`) is a credential endpoint: where a client trades a password, client secret or signature for a token, ends its session or changes its password. The list replaces the default.',
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
