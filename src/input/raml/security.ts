import type { SourceMap } from './source-map.js';
import { entriesOf, get, listOf, text } from './tree.js';
import type { RNode } from './tree.js';

/*
 * RAML security, mapped faithfully because every security rule reads it: scheme types to
 * OpenAPI scheme objects, and `securedBy` lists to security requirements.
 */

type Path = Array<string | number>;
type Json = Record<string, unknown>;

/** RAML OAuth 2.0 grant names (1.0 and 0.8) to OpenAPI flow names. */
const FLOWS: Record<string, string> = {
  authorization_code: 'authorizationCode',
  code: 'authorizationCode',
  implicit: 'implicit',
  token: 'implicit',
  password: 'password',
  owner: 'password',
  client_credentials: 'clientCredentials',
  credentials: 'clientCredentials',
};

/** Which endpoints each OpenAPI flow has. */
const FLOW_URLS: Record<string, { authorization: boolean; token: boolean }> = {
  authorizationCode: { authorization: true, token: true },
  implicit: { authorization: true, token: false },
  password: { authorization: false, token: true },
  clientCredentials: { authorization: false, token: true },
};

/** components.securitySchemes from the API's `securitySchemes` (libraries' come prefixed, `lib.name`). */
export function securitySchemes(declarations: RNode | undefined, at: Path, map: SourceMap): Json {
  const schemes: Json = {};
  for (const [name, declaration] of entriesOf(declarations)) {
    const scheme = securityScheme(declaration, [...at, name], map);
    if (scheme) schemes[name] = scheme;
  }
  return schemes;
}

function securityScheme(declaration: RNode, at: Path, map: SourceMap): Json | undefined {
  const type = text(get(declaration, 'type'));
  if (type === undefined) return undefined;
  map.set(at, declaration.loc);
  // The scheme's kind is decided by its `type` line: findings about the kind point there.
  for (const key of ['type', 'scheme', 'in', 'name']) map.set([...at, key], get(declaration, 'type')!.loc);
  const description = text(get(declaration, 'description'));
  const scheme = schemeOfType(type, declaration, at, map);
  return description === undefined ? scheme : { ...scheme, description };
}

function schemeOfType(type: string, declaration: RNode, at: Path, map: SourceMap): Json {
  switch (type) {
    case 'OAuth 2.0':
      return { type: 'oauth2', flows: oauth2Flows(get(declaration, 'settings'), [...at, 'flows'], map) };
    case 'Basic Authentication':
      return { type: 'http', scheme: 'basic' };
    case 'Digest Authentication':
      return { type: 'http', scheme: 'digest' };
    case 'OAuth 1.0':
      return { type: 'http', scheme: 'OAuth' };
    default:
      // Pass Through and x-{other}: a key sent the way `describedBy` declares it.
      return apiKey(declaration, at, map) ?? { type: 'apiKey', in: 'header', name: type, 'x-raml-type': type };
  }
}

/** An apiKey scheme from the first header, else query parameter, that `describedBy` declares. */
function apiKey(declaration: RNode, at: Path, map: SourceMap): Json | undefined {
  const describedBy = get(declaration, 'describedBy');
  for (const [where, key] of [
    ['header', 'headers'],
    ['query', 'queryParameters'],
  ] as const) {
    const [first] = entriesOf(get(describedBy, key));
    if (!first) continue;
    const [rawName, parameter] = first;
    for (const field of ['in', 'name']) map.set([...at, field], parameter.loc);
    return { type: 'apiKey', in: where, name: rawName.replace(/\?$/, ''), 'x-raml-type': text(get(declaration, 'type')) };
  }
  return undefined;
}

function oauth2Flows(settings: RNode | undefined, at: Path, map: SourceMap): Json {
  const authorizationUrl = text(get(settings, 'authorizationUri'));
  const tokenUrl = text(get(settings, 'accessTokenUri'));
  const scopesNode = get(settings, 'scopes');
  const scopes = Object.fromEntries(listOf(scopesNode).flatMap(scope => (text(scope) === undefined ? [] : [[text(scope)!, '']])));
  const flows: Json = {};
  for (const grant of listOf(get(settings, 'authorizationGrants'))) {
    const flow = FLOWS[text(grant) ?? ''];
    if (flow === undefined || flow in flows) continue; // a custom grant URI has no OpenAPI flow
    const urls = FLOW_URLS[flow];
    flows[flow] = {
      ...(urls.authorization ? { authorizationUrl: authorizationUrl ?? '' } : {}),
      ...(urls.token ? { tokenUrl: tokenUrl ?? '' } : {}),
      scopes,
    };
    map.set([...at, flow], grant.loc);
    if (scopesNode) map.set([...at, flow, 'scopes'], scopesNode.loc);
    if (urls.authorization && get(settings, 'authorizationUri'))
      map.set([...at, flow, 'authorizationUrl'], get(settings, 'authorizationUri')!.loc);
    if (urls.token && get(settings, 'accessTokenUri')) map.set([...at, flow, 'tokenUrl'], get(settings, 'accessTokenUri')!.loc);
  }
  return flows;
}

/**
 * A `securedBy` list as security requirements: `null` is anonymous access (`{}`), a name is that
 * scheme, and `name: {scopes: [...]}` carries scopes (other parameters have no OpenAPI place).
 */
export function securityRequirements(securedBy: RNode, at: Path, map: SourceMap, schemes: Json): Json[] {
  map.set(at, securedBy.loc);
  return listOf(securedBy).map((entry, i) => {
    map.set([...at, i], entry.loc);
    if (entry.kind === 'scalar') return entry.value === null ? {} : { [String(entry.value)]: [] };
    const [[name, parameters]] = entriesOf(entry).length > 0 ? entriesOf(entry) : [['', entry] as [string, RNode]];
    if (name === '') return {};
    // OpenAPI 3.0 allows scopes on OAuth 2.0 (and OpenID Connect) requirements only.
    const isOAuth2 = (schemes[name] as Json | undefined)?.type === 'oauth2';
    const scopes = isOAuth2 ? listOf(get(parameters, 'scopes')).flatMap(scope => (text(scope) === undefined ? [] : [text(scope)!])) : [];
    return { [name]: scopes };
  });
}
