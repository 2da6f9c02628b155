import { describe, expect, it } from 'vitest';
import { HEADERS, findingsOf, messagesOf, ruleDefinition, rulesetWithOptions, runRuleCases, findingOf } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-server-https';
const FUNCTION = ruleDefinition(CODE).functionName;

const finding = findingOf(CODE);
// The definition's own messages; its docs page shows each in full, and the tests check it gives them.
const message = messagesOf(CODE);
const plainHttp = (url: string) => message.plainUrl({ url, scheme: 'HTTP', secure: 'https' });
const plainWs = (url: string) => message.plainUrl({ url, scheme: 'WS', secure: 'wss' });
const templated = (template: string, url: string) => message.templatedUrl({ template, url, scheme: 'HTTP', secure: 'https' });
const scheme = (value: string, secure = 'https') => message.plainScheme({ scheme: value, secure });

const OP = "      responses: {'200': {description: ok}}\n";
const oas3 = (version: '3.0' | '3.1', body: string) => `${HEADERS[version]}${body}${body.includes('paths:') ? '' : 'paths: {}\n'}`;
const oas2 = (body: string) => `${HEADERS['2.0']}${body}paths: {}\n`;

const invalid: RuleCase[] = [
  // OpenAPI 3.0
  {
    name: '3.0: plain http root server',
    spec: oas3('3.0', "servers: [{url: 'http://api.example.com/v1'}]\n"),
    expected: [finding(plainHttp('http://api.example.com/v1'), ['servers', '0', 'url'])],
  },
  {
    name: '3.0: upper-case HTTP scheme, reported as written',
    spec: oas3('3.0', "servers: [{url: 'HTTP://API.EXAMPLE.COM/v1'}]\n"),
    expected: [finding(plainHttp('HTTP://API.EXAMPLE.COM/v1'), ['servers', '0', 'url'])],
  },
  {
    name: '3.0: ws:// server',
    spec: oas3('3.0', "servers: [{url: 'ws://stream.example.com/events'}]\n"),
    expected: [finding(plainWs('ws://stream.example.com/events'), ['servers', '0', 'url'])],
  },
  {
    name: '3.0: only the plain entry of an https + http pair',
    spec: oas3('3.0', "servers:\n  - url: 'https://api.example.com'\n  - url: 'http://api.example.com'\n"),
    expected: [finding(plainHttp('http://api.example.com'), ['servers', '1', 'url'])],
  },
  {
    name: '3.0: {scheme} variable whose enum allows http (default https)',
    spec: oas3(
      '3.0',
      "servers:\n  - url: '{scheme}://api.example.com'\n    variables:\n      scheme: {default: https, enum: [https, http]}\n",
    ),
    expected: [finding(templated('{scheme}://api.example.com', 'http://api.example.com'), ['servers', '0', 'url'])],
  },
  {
    name: '3.0: {scheme} variable defaulting to http, one finding per server',
    spec: oas3(
      '3.0',
      "servers:\n  - url: '{scheme}://{host}'\n    variables:\n      scheme: {default: http}\n      host: {default: a.example.com, enum: [a.example.com, b.example.com]}\n",
    ),
    expected: [finding(templated('{scheme}://{host}', 'http://a.example.com'), ['servers', '0', 'url'])],
  },
  {
    name: '3.0: http with a {host} variable that can be a public host',
    spec: oas3(
      '3.0',
      "servers:\n  - url: 'http://{host}/v1'\n    variables:\n      host: {default: localhost, enum: [localhost, api.example.com]}\n",
    ),
    expected: [finding(templated('http://{host}/v1', 'http://api.example.com/v1'), ['servers', '0', 'url'])],
  },
  {
    name: '3.0: http with a {host} variable that has no values',
    spec: oas3('3.0', "servers:\n  - url: 'http://{host}/v1'\n"),
    expected: [finding(plainHttp('http://{host}/v1'), ['servers', '0', 'url'])],
  },
  {
    name: '3.0: a host that only starts with localhost',
    spec: oas3('3.0', "servers: [{url: 'http://localhost.example.com'}]\n"),
    expected: [finding(plainHttp('http://localhost.example.com'), ['servers', '0', 'url'])],
  },
  {
    name: '3.0: path-level server',
    spec: oas3(
      '3.0',
      `servers: [{url: 'https://api.example.com'}]\npaths:\n  /legacy:\n    servers: [{url: 'http://legacy.example.com'}]\n    get:\n${OP}`,
    ),
    expected: [finding(plainHttp('http://legacy.example.com'), ['paths', '/legacy', 'servers', '0', 'url'])],
  },
  {
    name: '3.0: a URL operation-level servers repeat is reported once, at its first occurrence; another URL on its own',
    spec: oas3(
      '3.0',
      `servers: [{url: 'http://api.example.com:8000/footprint'}]\npaths:\n  /trips:\n    post:\n      servers: [{url: 'http://api.example.com:8000/footprint'}]\n${OP}  /trips/confirm:\n    patch:\n      servers: [{url: 'http://api.example.com:8000/footprint'}, {url: 'http://legacy.example.com'}]\n${OP}`,
    ),
    expected: [
      finding(plainHttp('http://api.example.com:8000/footprint'), ['servers', '0', 'url']),
      finding(plainHttp('http://legacy.example.com'), ['paths', '/trips/confirm', 'patch', 'servers', '1', 'url']),
    ],
  },
  {
    name: '3.0: a templated URL repeated by every operation (no root servers) is reported at the first',
    spec: oas3(
      '3.0',
      `paths:\n  /setup/start:\n    post:\n      servers: [{url: '{protocol}://{hostname}', variables: {protocol: {default: http}, hostname: {default: HOSTNAME}}}]\n${OP}  /setup/upgrade:\n    post:\n      servers: [{url: '{protocol}://{hostname}', variables: {protocol: {default: http}, hostname: {default: HOSTNAME}}}]\n${OP}`,
    ),
    expected: [finding(templated('{protocol}://{hostname}', 'http://HOSTNAME'), ['paths', '/setup/start', 'post', 'servers', '0', 'url'])],
  },
  {
    name: '3.0: a host that only contains local',
    spec: oas3('3.0', "servers: [{url: 'http://api.local.example.com'}, {url: 'http://example.localdomain'}]\n"),
    expected: [
      finding(plainHttp('http://api.local.example.com'), ['servers', '0', 'url']),
      finding(plainHttp('http://example.localdomain'), ['servers', '1', 'url']),
    ],
  },
  // OpenAPI 3.1
  {
    name: '3.1: path-level servers repeating one URL: once, at the first path item',
    spec: oas3(
      '3.1',
      `paths:\n  /a:\n    servers: [{url: 'http://api.example.com'}]\n    get:\n${OP}  /b:\n    servers: [{url: 'http://api.example.com'}]\n    get:\n${OP}`,
    ),
    expected: [finding(plainHttp('http://api.example.com'), ['paths', '/a', 'servers', '0', 'url'])],
  },
  {
    name: '3.1: plain http and ws root servers',
    spec: oas3('3.1', "servers:\n  - url: 'http://api.example.com'\n  - url: 'ws://api.example.com/ws'\n"),
    expected: [
      finding(plainHttp('http://api.example.com'), ['servers', '0', 'url']),
      finding(plainWs('ws://api.example.com/ws'), ['servers', '1', 'url']),
    ],
  },
  {
    name: '3.1: operation-level server',
    spec: oas3(
      '3.1',
      `servers: [{url: 'https://api.example.com'}]\npaths:\n  /upload:\n    post:\n      servers: [{url: 'http://upload.example.com'}]\n${OP}`,
    ),
    expected: [finding(plainHttp('http://upload.example.com'), ['paths', '/upload', 'post', 'servers', '0', 'url'])],
  },
  // Swagger 2.0
  {
    name: '2.0: schemes [http]',
    spec: oas2('host: api.example.com\nschemes: [http]\n'),
    expected: [finding(scheme('http'), ['schemes', '0'])],
  },
  {
    name: '2.0: schemes [https, http] flags only http',
    spec: oas2('host: api.example.com\nschemes: [https, http]\n'),
    expected: [finding(scheme('http'), ['schemes', '1'])],
  },
  {
    name: '2.0: upper-case HTTP',
    spec: oas2('host: api.example.com\nschemes: [HTTP]\n'),
    expected: [finding(scheme('HTTP'), ['schemes', '0'])],
  },
  {
    name: '2.0: schemes [wss, ws] flags only ws',
    spec: oas2('host: api.example.com\nschemes: [wss, ws]\n'),
    expected: [finding(scheme('ws', 'wss'), ['schemes', '1'])],
  },
  {
    name: '2.0: schemes [http] and no host',
    spec: oas2('schemes: [http]\n'),
    expected: [finding(scheme('http'), ['schemes', '0'])],
  },
  {
    name: '2.0: schemes written as a bare string',
    spec: oas2('host: api.example.com\nschemes: http\n'),
    expected: [finding(scheme('http'), ['schemes'])],
  },
];

const valid: Array<Omit<RuleCase, 'expected'>> = [
  // OpenAPI 3.0
  { name: '3.0: https server', spec: oas3('3.0', "servers: [{url: 'https://api.example.com/v1'}]\n") },
  { name: '3.0: wss server', spec: oas3('3.0', "servers: [{url: 'wss://stream.example.com'}]\n") },
  { name: '3.0: no servers (defaults to /)', spec: oas3('3.0', '') },
  { name: '3.0: empty servers list', spec: oas3('3.0', 'servers: []\n') },
  { name: '3.0: relative server URL', spec: oas3('3.0', "servers: [{url: '/v1'}]\n") },
  { name: '3.0: protocol-relative server URL', spec: oas3('3.0', "servers: [{url: '//api.example.com/v1'}]\n") },
  { name: '3.0: http://localhost with a port', spec: oas3('3.0', "servers: [{url: 'http://localhost:8080/v1'}]\n") },
  { name: '3.0: upper-case HTTP://LOCALHOST', spec: oas3('3.0', "servers: [{url: 'HTTP://LOCALHOST'}]\n") },
  { name: '3.0: http://127.0.0.1', spec: oas3('3.0', "servers: [{url: 'http://127.0.0.1:3000/api'}]\n") },
  { name: '3.0: http://[::1]', spec: oas3('3.0', "servers: [{url: 'http://[::1]:8080'}]\n") },
  { name: '3.0: ws://localhost', spec: oas3('3.0', "servers: [{url: 'ws://localhost:9000'}]\n") },
  {
    name: '3.0: {scheme} variable limited to https',
    spec: oas3('3.0', "servers:\n  - url: '{scheme}://api.example.com'\n    variables:\n      scheme: {default: https, enum: [https]}\n"),
  },
  {
    name: '3.0: "http" as a variable value outside the scheme',
    spec: oas3('3.0', "servers:\n  - url: 'https://{env}.example.com'\n    variables:\n      env: {default: api, enum: [api, http]}\n"),
  },
  {
    name: '3.0: http with {host} and {port} defaulting to localhost',
    spec: oas3(
      '3.0',
      "servers:\n  - url: 'http://{host}:{port}'\n    variables:\n      host: {default: localhost}\n      port: {default: '8080'}\n",
    ),
  },
  {
    name: '3.0: https path-level and operation-level servers',
    spec: oas3(
      '3.0',
      `paths:\n  /a:\n    servers: [{url: 'https://a.example.com'}]\n    get:\n      servers: [{url: 'https://b.example.com'}]\n${OP}`,
    ),
  },
  {
    name: '3.0: a self-hosted product at an mDNS .local name and localhost',
    spec: oas3('3.0', "servers:\n  - url: 'http://jellyfin.local'\n  - url: 'http://localhost'\n"),
  },
  { name: '3.0: a .localhost subdomain (resolves to loopback)', spec: oas3('3.0', "servers: [{url: 'http://api.localhost:3000'}]\n") },
  // OpenAPI 3.1
  {
    name: '3.1: a .local placeholder beside the public https server',
    spec: oas3('3.1', "servers:\n  - url: 'http://datasette.local'\n  - url: 'https://datasette.io'\n"),
  },
  { name: '3.1: https server', spec: oas3('3.1', "servers: [{url: 'https://api.example.com'}]\n") },
  { name: '3.1: relative server URL', spec: oas3('3.1', 'servers: [{url: /v1}]\n') },
  {
    name: '3.1: local development server next to production',
    spec: oas3('3.1', "servers:\n  - url: 'https://api.example.com'\n  - url: 'http://localhost:8080'\n"),
  },
  // Swagger 2.0
  { name: '2.0: schemes [https]', spec: oas2('host: api.example.com\nschemes: [https]\n') },
  { name: '2.0: schemes [https, wss]', spec: oas2('host: api.example.com\nschemes: [https, wss]\n') },
  { name: '2.0: no schemes (the scheme the spec is served with)', spec: oas2('host: api.example.com\n') },
  { name: '2.0: schemes [http] on localhost with a port', spec: oas2('host: localhost:8080\nschemes: [http]\n') },
  { name: '2.0: schemes [http, https] on 127.0.0.1', spec: oas2('host: 127.0.0.1\nschemes: [http, https]\n') },
  { name: '2.0: schemes [http] on an mDNS .local host', spec: oas2('host: jira.local:8080\nschemes: [http]\n') },
  { name: '2.0: upper-case LOCALHOST host', spec: oas2('host: LOCALHOST\nschemes: [http]\n') },
];

/** Documents whose shape is wrong: the rule must neither throw nor invent findings. */
const oddShapes: RuleCase[] = [
  {
    name: '3.0: servers is a string, not a list',
    spec: oas3('3.0', "servers: 'http://api.example.com'\n"),
    expected: [],
  },
  {
    name: '3.1: null, non-object and number-url entries are skipped; a real one is still found',
    spec: oas3('3.1', "servers:\n  - null\n  - 'http://a.example.com'\n  - {url: 8080}\n  - {}\n  - url: 'http://b.example.com'\n"),
    expected: [finding(plainHttp('http://b.example.com'), ['servers', '4', 'url'])],
  },
  {
    name: '3.0: variables that are null, numbers or have a non-list enum',
    spec: oas3(
      '3.0',
      "servers:\n  - url: '{scheme}://api.example.com'\n    variables:\n      scheme: {default: 1, enum: http}\n  - url: 'https://{a}.example.com'\n    variables: {a: null}\n  - url: 'https://x.example.com'\n    variables: [1, 2]\n",
    ),
    expected: [],
  },
  {
    name: '3.0: path item and operation servers that are not lists',
    spec: oas3('3.0', `paths:\n  /a:\n    servers: {url: 'http://a.example.com'}\n    get:\n      servers: 42\n${OP}`),
    expected: [],
  },
  {
    name: '2.0: schemes entries that are null, numbers or objects',
    spec: oas2('host: api.example.com\nschemes: [null, 5, {http: true}, https]\n'),
    expected: [],
  },
  {
    name: '2.0: host that is a number',
    spec: oas2('host: 8080\nschemes: [http]\n'),
    expected: [finding(scheme('http'), ['schemes', '0'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}baseUri: http://api.example.com/{version}\nversion: v1\n` },
  expected: [
    {
      file: 'api.raml',
      line: 3,
      severity: 'error',
      message: 'baseUri "http://api.example.com/v1" uses plain HTTP: use https:// so credentials and data are encrypted in transit.',
    },
  ],
  silent: { 'api.raml': `${HEAD}baseUri: https://api.example.com\n` },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });

  describe('allowedHosts option, set through a user ruleset', () => {
    const spec = oas3(
      '3.0',
      "servers:\n  - url: 'http://dev.internal:8080'\n  - url: 'http://DEV.INTERNAL/v2'\n  - url: 'http://[::1]'\n  - url: 'http://localhost'\n  - url: 'http://api.example.com'\n",
    );

    it('replaces the default list: listed hosts pass (IPv6 with or without brackets), localhost no longer does', async () => {
      const ruleset = rulesetWithOptions(CODE, FUNCTION, { allowedHosts: ['dev.internal', '::1'] });
      expect(await findingsOf(CODE, spec, { ruleset })).toEqual([
        finding(plainHttp('http://localhost'), ['servers', '3', 'url']),
        finding(plainHttp('http://api.example.com'), ['servers', '4', 'url']),
      ]);
    });

    it('an entry starting with a dot allows every host under that suffix', async () => {
      const ruleset = rulesetWithOptions(CODE, FUNCTION, { allowedHosts: ['.internal'] });
      expect(await findingsOf(CODE, spec, { ruleset })).toEqual([
        finding(plainHttp('http://[::1]'), ['servers', '2', 'url']),
        finding(plainHttp('http://localhost'), ['servers', '3', 'url']),
        finding(plainHttp('http://api.example.com'), ['servers', '4', 'url']),
      ]);
    });

    it('an empty list allows no plain-HTTP host at all', async () => {
      const ruleset = rulesetWithOptions(CODE, FUNCTION, { allowedHosts: [] });
      expect(await findingsOf(CODE, oas3('3.1', "servers: [{url: 'http://localhost:8080'}]\n"), { ruleset })).toEqual([
        finding(plainHttp('http://localhost:8080'), ['servers', '0', 'url']),
      ]);
    });

    it('applies to the Swagger 2.0 host', async () => {
      const ruleset = rulesetWithOptions(CODE, FUNCTION, { allowedHosts: ['dev.internal'] });
      expect(await findingsOf(CODE, oas2('host: dev.internal:8080\nschemes: [http]\n'), { ruleset })).toEqual([]);
      expect(await findingsOf(CODE, oas2('host: localhost\nschemes: [http]\n'), { ruleset })).toEqual([
        finding(scheme('http'), ['schemes', '0']),
      ]);
    });

    it('an empty options object keeps the defaults', async () => {
      const ruleset = rulesetWithOptions(CODE, FUNCTION, {});
      expect(await findingsOf(CODE, oas3('3.0', "servers: [{url: 'http://localhost'}]\n"), { ruleset })).toEqual([]);
    });

    it('a malformed option is a ruleset error, not a crash mid-run', async () => {
      const ruleset = rulesetWithOptions(CODE, FUNCTION, { allowedHosts: 'localhost' });
      await expect(findingsOf(CODE, spec, { ruleset })).rejects.toThrow(/invalid ruleset: .*allowedHosts/);
    });
  });
});
