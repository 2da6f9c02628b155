#!/usr/bin/env node
// RAML timings: generates a RAML 1.0 API with N resources (traits, resource types, a library,
// an included type, OAuth 2.0) and reports the time split: raml-1-parser load and expansion,
// conversion to OpenAPI, lint of the converted document, and `specguard lint` end to end.
// Run after a build: `npm run build && npm run bench:raml -- [resources]` (default 400).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const resources = Number(process.argv[2] ?? 400);
if (!Number.isInteger(resources) || resources < 1) throw new Error('usage: node bench/raml.js [resources]');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'specguard-bench-raml-'));
fs.mkdirSync(path.join(dir, 'types'));
fs.writeFileSync(
  path.join(dir, 'types', 'item.raml'),
  '#%RAML 1.0 DataType\ntype: object\nproperties:\n  id: integer\n  name: {type: string, maxLength: 80}\n  note: string\n',
);
fs.writeFileSync(
  path.join(dir, 'common.raml'),
  '#%RAML 1.0 Library\ntraits:\n  paged:\n    queryParameters:\n      limit: {type: integer, maximum: 100}\n      cursor: string\n',
);
let api = `#%RAML 1.0
title: Generated
version: v1
baseUri: https://api.example.com/{version}
mediaType: application/json
uses:
  common: common.raml
securitySchemes:
  oauth:
    type: OAuth 2.0
    settings:
      authorizationUri: https://auth.example.com/authorize
      accessTokenUri: https://auth.example.com/token
      authorizationGrants: [authorization_code]
      scopes: [read, write]
securedBy: [oauth]
types:
  Item: !include types/item.raml
resourceTypes:
  collection:
    get:
      is: [common.paged]
      responses:
        200:
          body:
            type: Item[]
    post:
      securedBy: [oauth: {scopes: [write]}]
      body:
        type: Item
      responses:
        201:
          body:
            type: Item
`;
// Two resources per step: a collection and its item (`/{id}`).
for (let i = 0; i < Math.ceil(resources / 2); i++) {
  api += `/things${i}:\n  type: collection\n  /{id}:\n    uriParameters:\n      id: {type: string, maxLength: 36}\n    get:\n      responses:\n        200:\n          body:\n            type: Item\n    delete:\n`;
}
const file = path.join(dir, 'api.raml');
fs.writeFileSync(file, api);

const { loadRaml } = await import(path.join(ROOT, 'dist/src/input/raml/load.js'));
const { convertRaml } = await import(path.join(ROOT, 'dist/src/input/raml/convert.js'));
const { lintOne } = await import(path.join(ROOT, 'dist/src/run/lint.js'));
/** Wall-clock and CPU (user + system) milliseconds: on a shared machine CPU time is the steadier figure. */
const time = async fn => {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return [value, { wall: Number(process.hrtime.bigint() - start) / 1e6, cpu: (used.user + used.system) / 1000 }];
};
const [loaded, loadMs] = await time(() => loadRaml(api, file, { maxFileBytes: 100 * 1024 * 1024 }));
const [{ openapi }, convertMs] = await time(() => convertRaml(loaded.tree, loaded.version));
const content = JSON.stringify(openapi);
const [findings, lintMs] = await time(() => lintOne({ content, source: path.join(dir, 'converted.json') }));
const [, inProcessMs] = await time(() => lintOne(file));
const [, cliMs] = await time(() => {
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'bin', 'specguard.js'), 'lint', file, '--format', 'json'], { stdio: 'pipe' });
  } catch (error) {
    if (error.status !== 1) throw error; // 1: findings
  }
});
fs.rmSync(dir, { recursive: true, force: true });

const ms = ({ wall, cpu }) => `${Math.round(wall)} ms wall, ${Math.round(cpu)} ms CPU`;
console.log(
  `RAML API with ${resources} resources (${Object.keys(openapi.paths).length} paths, ${findings.length} findings on the converted document)`,
);
console.log(`  load (raml-1-parser, expand, located tree)  ${ms(loadMs)}   (includes loading raml-1-parser itself)`);
console.log(`  convert to OpenAPI 3.0                      ${ms(convertMs)}`);
console.log(`  lint the converted document                 ${ms(lintMs)}`);
console.log(`  lint(api.raml) again, in process            ${ms(inProcessMs)}`);
console.log(`  specguard lint api.raml, end to end         ${Math.round(cliMs.wall)} ms wall (a new process)`);
