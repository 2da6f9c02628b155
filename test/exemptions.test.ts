import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintOne } from '../src/engine/lint.js';

const source = path.resolve('exempt.yaml');
const lint = async (content: string) => (await lintOne({ content, source })).map(f => [f.code, f.path.join('.'), f.severity]);

const HEAD =
  "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers: [{url: 'https://api.example.com/v1'}]\nsecurity: [{bearer: []}]\ncomponents: {securitySchemes: {bearer: {type: http, scheme: bearer, bearerFormat: JWT}}}\n";
const op = (extension: string) => `${HEAD}paths:
  /q:
    get:
${extension}      parameters: [{name: q, in: query, schema: {type: string}}]
      responses: {'200': {description: ok, headers: {RateLimit: {schema: {type: string}}}}, '429': {description: slow down, headers: {Retry-After: {schema: {type: integer}}}}, default: {description: error, content: {application/problem+json: {schema: {type: object, properties: {instance: {type: string}}}}}}}
  /r:
    get:
      parameters: [{name: search, in: query, schema: {type: string}}]
      responses: {'200': {description: ok, headers: {RateLimit: {schema: {type: string}}}}, '429': {description: slow down, headers: {Retry-After: {schema: {type: integer}}}}, default: {description: error, content: {application/problem+json: {schema: {type: object, properties: {instance: {type: string}}}}}}}
`;

describe('x-specguard-exempt', () => {
  it('without it, both operations are flagged', async () => {
    expect(await lint(op(''))).toEqual([
      ['specguard-string-max-length', 'paths./q.get.parameters.0.schema', 1],
      ['specguard-string-max-length', 'paths./r.get.parameters.0.schema', 1],
    ]);
  });

  it('silences its rule at the object and below, with a reason', async () => {
    const exempt = '      x-specguard-exempt: {specguard-string-max-length: "search terms are cut to 200 characters by the gateway"}\n';
    expect(await lint(op(exempt))).toEqual([['specguard-string-max-length', 'paths./r.get.parameters.0.schema', 1]]);
  });

  it('on the root, silences the rule in the whole file, and only that rule', async () => {
    const content = op('')
      .replace('servers:', 'x-specguard-exempt: {specguard-string-max-length: "internal prototype"}\nservers:')
      .replace('https://', 'http://');
    expect(await lint(content)).toEqual([['specguard-server-https', 'servers.0.url', 0]]);
  });

  it.each(['""', '"  "', 'true', 'null'])('with an empty or non-string reason (%s) exempts nothing and is reported', async reason => {
    const exempt = `      x-specguard-exempt: {specguard-string-max-length: ${reason}}\n`;
    const findings = await lintOne({ content: op(exempt), source });
    expect(findings.map(f => [f.code, f.path.join('.'), f.severity])).toEqual([
      ['specguard-exemption', 'paths./q.get.x-specguard-exempt.specguard-string-max-length', 1],
      ['specguard-string-max-length', 'paths./q.get.parameters.0.schema', 1],
      ['specguard-string-max-length', 'paths./r.get.parameters.0.schema', 1],
    ]);
    expect(findings[0].message).toBe(
      'Exemption from specguard-string-max-length has no reason, so it exempts nothing: give a non-empty string that says why the rule does not apply here.',
    );
    expect(findings[0].range.start.line).toBe(8);
  });

  it('ignores odd shapes: a list, a string, an exemption for another rule', async () => {
    for (const value of ['[specguard-string-max-length]', 'all', '{specguard-server-https: "n/a"}']) {
      expect(await lint(op(`      x-specguard-exempt: ${value}\n`))).toHaveLength(2);
    }
  });
});
