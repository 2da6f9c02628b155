import { describe, expect, it } from 'vitest';
import { openapiOf } from './helpers.js';

/* The security mapping every rule depends on: schemes, and securedBy at each level. */

const SCHEMES_10 = `#%RAML 1.0
title: T
securitySchemes:
  oauth_2_0:
    type: OAuth 2.0
    description: tokens
    settings:
      authorizationUri: https://auth.example.com/authorize
      accessTokenUri: https://auth.example.com/token
      authorizationGrants: [authorization_code, implicit, password, client_credentials, urn:custom]
      scopes: [read, write]
  basic:
    type: Basic Authentication
  digest:
    type: Digest Authentication
  oauth_1_0:
    type: OAuth 1.0
    settings: {requestTokenUri: https://a/r, authorizationUri: https://a/a, tokenCredentialsUri: https://a/t}
  passthrough:
    type: Pass Through
    describedBy:
      queryParameters:
        api_key: string
  custom:
    type: x-custom
    describedBy:
      headers:
        X-Api-Key: string
  bare:
    type: x-bare
`;

describe('RAML security schemes to OpenAPI', () => {
  const schemes = openapiOf(SCHEMES_10).components.securitySchemes;
  const scopes = { read: '', write: '' };

  it('OAuth 2.0: one flow per grant, with scopes and URIs (a custom grant URI has no flow)', () => {
    expect(schemes.oauth_2_0).toEqual({
      type: 'oauth2',
      description: 'tokens',
      flows: {
        authorizationCode: { authorizationUrl: 'https://auth.example.com/authorize', tokenUrl: 'https://auth.example.com/token', scopes },
        implicit: { authorizationUrl: 'https://auth.example.com/authorize', scopes },
        password: { tokenUrl: 'https://auth.example.com/token', scopes },
        clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes },
      },
    });
  });

  it('Basic, Digest and OAuth 1.0 to http schemes', () => {
    expect(schemes.basic).toEqual({ type: 'http', scheme: 'basic' });
    expect(schemes.digest).toEqual({ type: 'http', scheme: 'digest' });
    expect(schemes.oauth_1_0).toEqual({ type: 'http', scheme: 'OAuth' });
  });

  it('Pass Through and x-{other} to apiKey where describedBy sends the key', () => {
    expect(schemes.passthrough).toEqual({ type: 'apiKey', in: 'query', name: 'api_key', 'x-raml-type': 'Pass Through' });
    expect(schemes.custom).toEqual({ type: 'apiKey', in: 'header', name: 'X-Api-Key', 'x-raml-type': 'x-custom' });
    expect(schemes.bare).toEqual({ type: 'apiKey', in: 'header', name: 'x-bare', 'x-raml-type': 'x-bare' });
  });

  it('RAML 0.8: schemes as a list, grants code/token/owner/credentials', () => {
    const doc = openapiOf(
      '#%RAML 0.8\ntitle: T\nsecuritySchemes:\n  - oauth_2_0:\n      type: OAuth 2.0\n      settings:\n        authorizationUri: https://a/auth\n        accessTokenUri: https://a/token\n        authorizationGrants: [code, token, owner, credentials]\n  - basic:\n      type: Basic Authentication\nsecuredBy: [oauth_2_0]\n/a:\n  get:\n  post:\n    securedBy: [null, basic]\n',
    );
    expect(Object.keys(doc.components.securitySchemes.oauth_2_0.flows)).toEqual([
      'authorizationCode',
      'implicit',
      'password',
      'clientCredentials',
    ]);
    expect(doc.components.securitySchemes.basic).toEqual({ type: 'http', scheme: 'basic' });
    expect(doc.security).toEqual([{ oauth_2_0: [] }]);
    expect(doc.paths['/a'].get.security).toBeUndefined();
    expect(doc.paths['/a'].post.security).toEqual([{}, { basic: [] }]);
  });
});

describe('securedBy to security requirements', () => {
  const doc = openapiOf(
    `${SCHEMES_10}securedBy: [oauth_2_0]
/open:
  securedBy: [null]
  get:
  /nested:
    get:
/mixed:
  get:
    securedBy: [null, oauth_2_0: {scopes: [read]}]
  post:
    securedBy: [basic: {realm: x}]
  delete:
    securedBy: []
/plain:
  get:
`,
  );

  it('API level becomes the root security', () => {
    expect(doc.security).toEqual([{ oauth_2_0: [] }]);
    expect(doc.paths['/plain'].get.security).toBeUndefined();
  });

  it("a resource's securedBy applies to its own methods, not to nested resources", () => {
    expect(doc.paths['/open'].get.security).toEqual([{}]);
    expect(doc.paths['/open/nested'].get.security).toBeUndefined();
  });

  it('null is anonymous ({}), scopes are carried for OAuth 2.0, other parameters dropped, [] kept', () => {
    expect(doc.paths['/mixed'].get.security).toEqual([{}, { oauth_2_0: ['read'] }]);
    expect(doc.paths['/mixed'].post.security).toEqual([{ basic: [] }]);
    expect(doc.paths['/mixed'].delete.security).toEqual([]);
  });
});
