import { describe, expect, it } from 'vitest';
import { isInternal } from '../../functions/serverInternalHost.js';
import { findingOf, HEADERS, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';

const CODE = 'specguard-server-internal-host';
const finding = findingOf(CODE);
const internal = (url: string, host: string) =>
  `Server URL "${url}" points at the internal host ${host}: remove it from the published description, or describe it as a non-production server (for example "Local development"); internal addresses map your network for attackers and send clients to the wrong place.`;
const oas3 = (v: '3.0' | '3.1', servers: string) => `${HEADERS[v]}paths: {}\nservers:\n${servers}`;

const invalid: RuleCase[] = [
  ...(['3.0', '3.1'] as const).map(v => ({
    name: `${v}: private, loopback and .local hosts without a non-production description`,
    spec: oas3(
      v,
      "  - {url: 'http://10.1.2.3:8080', description: Backend}\n  - {url: 'https://printer.local/api'}\n  - {url: 'http://[::1]:3000'}\n  - {url: 'https://172.20.0.1'}\n  - {url: 'https://api.example.com', description: Production}\n",
    ),
    expected: [
      finding(internal('http://10.1.2.3:8080', '10.1.2.3'), ['servers', '0', 'url']),
      finding(internal('https://printer.local/api', 'printer.local'), ['servers', '1', 'url']),
      finding(internal('http://[::1]:3000', '[::1]'), ['servers', '2', 'url']),
      finding(internal('https://172.20.0.1', '172.20.0.1'), ['servers', '3', 'url']),
    ],
  })),
  {
    name: '3.0: a {host} variable that can be localhost, named as written',
    spec: oas3(
      '3.0',
      "  - url: 'https://{host}/v1'\n    description: Production\n    variables:\n      host: {default: api.example.com, enum: [api.example.com, localhost]}\n",
    ),
    expected: [finding(internal('https://{host}/v1', 'localhost'), ['servers', '0', 'url'])],
  },
  {
    name: '2.0: host localhost with a port',
    spec: `${HEADERS['2.0']}host: localhost:8080\npaths: {}\n`,
    expected: [finding(internal('localhost:8080', 'localhost'), ['host'])],
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
];

const oddShapes: RuleCase[] = [
  {
    name: '3.0: a description that is a number',
    spec: oas3('3.0', "  - {url: 'http://10.0.0.1', description: 5}\n"),
    expected: [finding(internal('http://10.0.0.1', '10.0.0.1'), ['servers', '0', 'url'])],
  },
  { name: '2.0: host is a list', spec: `${HEADERS['2.0']}host: [localhost]\npaths: {}\n`, expected: [] },
];

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes });
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
