import { describe, expect, it } from 'vitest';
import { isInternal } from '../../src/rule-helpers/server-urls.js';
import { findingOf, HEADERS, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-server-internal-host';
const finding = findingOf(CODE);
const internal = (url: string, host: string) =>
  `Server URL "${url}" points at the internal host ${host}: remove it from the published description, or describe it as a non-production server (for example "Local development"); internal addresses map your network for attackers and send clients to the wrong place.`;
const oas3 = (v: '3.0' | '3.1', servers: string) => `${HEADERS[v]}paths: {}\nservers:\n${servers}`;

const invalid: RuleCase[] = [
  ...(['3.0', '3.1'] as const).map(v => ({
    name: `${v}: private and loopback hosts without a non-production description, beside a public server`,
    spec: oas3(
      v,
      "  - {url: 'http://10.1.2.3:8080', description: Backend}\n  - {url: 'https://printer.local/api'}\n  - {url: 'http://[::1]:3000'}\n  - {url: 'https://172.20.0.1'}\n  - {url: 'https://api.billing.io', description: Production}\n",
    ),
    expected: [
      finding(internal('http://10.1.2.3:8080', '10.1.2.3'), ['servers', '0', 'url']),
      finding(internal('http://[::1]:3000', '[::1]'), ['servers', '2', 'url']),
      finding(internal('https://172.20.0.1', '172.20.0.1'), ['servers', '3', 'url']),
    ],
  })),
  {
    name: '3.0: a {host} variable that can be localhost, named as written',
    spec: oas3(
      '3.0',
      "  - url: 'https://{host}/v1'\n    description: Production\n    variables:\n      host: {default: api.billing.io, enum: [api.billing.io, localhost]}\n",
    ),
    expected: [finding(internal('https://{host}/v1', 'localhost'), ['servers', '0', 'url'])],
  },
  {
    name: '3.0: a {host} defaulting to a private address beside a public server',
    spec: oas3(
      '3.0',
      "  - {url: 'https://api.billing.io'}\n  - url: 'https://{host}/v1'\n    variables:\n      host: {default: 10.0.0.7}\n",
    ),
    expected: [finding(internal('https://{host}/v1', '10.0.0.7'), ['servers', '1', 'url'])],
  },
  {
    name: '2.0: host at a private address with a port',
    spec: `${HEADERS['2.0']}host: 10.20.0.15:8080\npaths: {}\n`,
    expected: [finding(internal('10.20.0.15:8080', '10.20.0.15'), ['host'])],
  },
  {
    name: '2.0: host under an internal suffix',
    spec: `${HEADERS['2.0']}host: billing.corp\npaths: {}\n`,
    expected: [finding(internal('billing.corp', 'billing.corp'), ['host'])],
  },
  {
    name: '3.0: a forgotten localhost beside the public servers',
    spec: oas3('3.0', "  - {url: 'https://api.motaword.com'}\n  - {url: 'https://sandbox.motaword.com'}\n  - {url: 'http://localhost'}\n"),
    expected: [finding(internal('http://localhost', 'localhost'), ['servers', '2', 'url'])],
  },
  {
    name: '3.1: a loopback server of one operation beside a public root server',
    spec: `${HEADERS['3.1']}servers: [{url: 'https://node.neblio.io'}]\npaths:\n  /:\n    post:\n      servers: [{url: 'http://127.0.0.1:6326'}]\n      responses: {'200': {description: ok}}\n`,
    expected: [finding(internal('http://127.0.0.1:6326', '127.0.0.1'), ['paths', '/', 'post', 'servers', '0', 'url'])],
  },
  {
    name: '3.0: an internal URL that every operation repeats is reported once, at its first occurrence',
    spec: `${HEADERS['3.0']}paths:\n  /a:\n    get:\n      servers: [{url: 'https://10.0.3.4'}]\n      responses: {'200': {description: ok}}\n  /b:\n    get:\n      servers: [{url: 'https://10.0.3.4'}]\n      responses: {'200': {description: ok}}\n`,
    expected: [finding(internal('https://10.0.3.4', '10.0.3.4'), ['paths', '/a', 'get', 'servers', '0', 'url'])],
  },
];

const valid = [
  {
    name: '3.0: localhost described as local development',
    spec: oas3('3.0', "  - {url: 'http://localhost:8080', description: Local development}\n"),
  },
  {
    name: '3.1: a private mock server described as such',
    spec: oas3('3.1', "  - {url: 'http://192.168.1.20:4010', description: 'Mock server (Prism)'}\n"),
  },
  {
    name: '3.1: public hosts and relative URLs',
    spec: oas3('3.1', "  - {url: 'https://172.32.0.1'}\n  - {url: /v1}\n  - {url: 'https://localhost.example.com'}\n"),
  },
  { name: '2.0: a public host', spec: `${HEADERS['2.0']}host: api.example.com\npaths: {}\n` },
  // Only local addresses: what readers run or reach themselves (a self-hosted product, a device), or a placeholder.
  { name: '2.0: a self-hosted product on localhost', spec: `${HEADERS['2.0']}host: localhost:8080\npaths: {}\n` },
  { name: '3.0: a self-hosted product on its default port', spec: oas3('3.0', "  - {url: 'http://localhost:7700/'}\n") },
  {
    name: '3.0: a self-hosted product at an mDNS .local name, localhost and a {host} defaulting to localhost',
    spec: oas3(
      '3.0',
      "  - {url: 'http://seldon.local'}\n  - url: 'https://{host}:{port}'\n    variables:\n      host: {default: localhost}\n      port: {default: '80'}\n  - {url: 'https://localhost:8002'}\n",
    ),
  },
  {
    name: '3.0: a .local placeholder beside documentation-domain and malformed servers',
    spec: oas3(
      '3.0',
      "  - {url: 'http://whatsapp.local'}\n  - {url: 'http://example.com/v1'}\n  - {url: 'https://vrni.example.com/api/ni'}\n  - {url: ','}\n",
    ),
  },
  {
    name: '3.1: a link-local metadata service',
    spec: oas3('3.1', "  - {url: 'http://169.254.169.254/metadata'}\n  - {url: 'https://169.254.169.254/metadata'}\n"),
  },
  // Precision on real APIs (issue 18): the shapes the judged false alarms took.
  {
    name: "3.0: the directory's <provider>.local placeholder beside the real public server",
    spec: oas3(
      '3.0',
      "  - {url: 'http://mastodon.local'}\n  - {url: 'https://mastodon.social'}\n  - {url: 'https://azure.local/vision/v1.0'}\n",
    ),
  },
  {
    name: "3.1: operation-level loopback servers for the reader's locally running node",
    spec: `${HEADERS['3.1']}servers: [{url: 'https://ntp1node.nebl.io/'}]\npaths:\n  /:\n    post:\n      servers:\n        - {url: 'http://127.0.0.1:6326', description: Communicate with locally running Neblio node on Mainnet}\n        - {url: 'http://localhost:8080', description: Use docker container and deploy on your own server}\n      responses: {'200': {description: ok}}\n`,
  },
  {
    name: '3.0: a self-hosted install whose {host} defaults to localhost, beside public demo servers',
    spec: oas3(
      '3.0',
      "  - {url: 'https://demo.traccar.org/api', description: Demo Server 1}\n  - url: 'http://{host}:{port}/api'\n    description: Your install\n    variables:\n      host: {default: localhost}\n      port: {default: '8082', enum: ['8082', '80']}\n",
    ),
  },
  {
    name: '3.1: a LAN device whose {ip-address} defaults to a private address, no public server',
    spec: oas3('3.1', "  - url: 'http://{ip-address}:8990/'\n    variables:\n      ip-address: {default: 192.168.1.5}\n"),
  },
  {
    name: '2.0: an mDNS .local host',
    spec: `${HEADERS['2.0']}host: printer.local\npaths: {}\n`,
  },
  {
    name: '3.1: a .local placeholder every operation repeats, with a relative server',
    spec: `${HEADERS['3.1']}servers: [{url: /api/}]\npaths:\n  /a:\n    get:\n      servers: [{url: 'https://kubernetes.local'}]\n      responses: {'200': {description: ok}}\n`,
  },
];

const oddShapes: RuleCase[] = [
  {
    name: '3.0: a description that is a number',
    spec: oas3('3.0', "  - {url: 'http://10.0.0.1', description: 5}\n"),
    expected: [finding(internal('http://10.0.0.1', '10.0.0.1'), ['servers', '0', 'url'])],
  },
  { name: '2.0: host is a list', spec: `${HEADERS['2.0']}host: [localhost]\npaths: {}\n`, expected: [] },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}baseUri: https://10.20.0.15:8443/api\n` },
  expected: [
    {
      file: 'api.raml',
      line: 3,
      severity: 'error',
      message:
        'baseUri "https://10.20.0.15:8443/api" points at the internal host 10.20.0.15: remove it from the published description, or describe it as a non-production server (for example "Local development"); internal addresses map your network for attackers and send clients to the wrong place.',
    },
  ],
  silent: { 'api.raml': `${HEAD}baseUri: https://api.example.com\n` },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });
  it('recognises the internal ranges and no more', () => {
    const suffixes = ['local', 'internal'];
    for (const host of [
      '127.0.0.5',
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.0.1',
      '169.254.169.254',
      '[fd12::1]',
      '[fe80::1]',
      'a.internal',
    ])
      expect(isInternal(host, suffixes), host).toBe(true);
    for (const host of ['172.15.0.1', '172.32.0.1', '8.8.8.8', '[2001:db8::1]', 'local.example.com', 'internalapi.com'])
      expect(isInternal(host, suffixes), host).toBe(false);
  });
});
