import { HEADERS } from './helpers.js';

/*
 * Small documents for the authentication and authorization rules' tests: an OAuth 2.0 scheme
 * `oauth` (scopes pets:read and pets:write), an OpenID Connect scheme `oidc` (OAS 3.x) and a
 * header API key `key`, declared the way each version does, plus one-line operations.
 */

export type Version = keyof typeof HEADERS;
export const VERSIONS: readonly Version[] = ['2.0', '3.0', '3.1'];

const SCOPES = "{'pets:read': Read pets, 'pets:write': Create and change pets}";
const URLS = 'authorizationUrl: https://login.example.com/authorize, tokenUrl: https://login.example.com/token';

export const SCHEMES: Record<Version, string> = {
  '2.0': `securityDefinitions:\n  oauth: {type: oauth2, flow: accessCode, ${URLS}, scopes: ${SCOPES}}\n  key: {type: apiKey, in: header, name: X-Key}\n`,
  '3.0': `components:\n  securitySchemes:\n    oauth: {type: oauth2, flows: {authorizationCode: {${URLS}, scopes: ${SCOPES}}}}\n    oidc: {type: openIdConnect, openIdConnectUrl: https://login.example.com/.well-known/openid-configuration}\n    key: {type: apiKey, in: header, name: X-Key}\n`,
  '3.1': `components:\n  securitySchemes:\n    oauth: {type: oauth2, flows: {authorizationCode: {${URLS}, scopes: ${SCOPES}}}}\n    oidc: {type: openIdConnect, openIdConnectUrl: https://login.example.com/.well-known/openid-configuration}\n    key: {type: apiKey, in: header, name: X-Key}\n    mtls: {type: mutualTLS}\n`,
};

/** The scopes' paths, per version: where scope findings point. */
export const scopePath = (version: Version, scope: string) =>
  version === '2.0'
    ? ['securityDefinitions', 'oauth', 'scopes', scope]
    : ['components', 'securitySchemes', 'oauth', 'flows', 'authorizationCode', 'scopes', scope];

/** An operation as a YAML flow mapping: `extra` fields (e.g. `security: [{oauth: []}]`) and a 200 response unless `responses` is given. */
export const op = (extra = '', responses = "{'200': {description: ok}}") => `{${extra ? `${extra}, ` : ''}responses: ${responses}}`;

/**
 * A document of `version` with the schemes above, then `root` (YAML at column 0, e.g. a root
 * `security`), then `paths`: path -> method -> operation (see op). `schemes` replaces the schemes.
 */
export function authSpec(version: Version, paths: Record<string, Record<string, string>>, root = '', schemes = SCHEMES[version]): string {
  const items = Object.entries(paths)
    .map(
      ([p, methods]) =>
        `  '${p}':\n${Object.entries(methods)
          .map(([method, body]) => `    ${method}: ${body}\n`)
          .join('')}`,
    )
    .join('');
  return `${HEADERS[version]}${schemes}${root}paths:\n${items}`;
}
