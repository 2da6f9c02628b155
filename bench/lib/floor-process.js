#!/usr/bin/env node
// The Spectral floor as a whole process: read one spec, parse it, resolve its $refs and run one
// rule that does nothing, then exit. No linter started from a command can be faster than this.
// bench/process.js times it beside `specguard lint` and the stock spectral CLI.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Document, Ruleset, Spectral } from '@stoplight/spectral-core';
import { oas2, oas3 } from '@stoplight/spectral-formats';
import Parsers from '@stoplight/spectral-parsers';

const file = path.resolve(process.argv[2] ?? '');
const text = fs.readFileSync(file, 'utf8');
const document = new Document(text, /\.json$/i.test(file) ? Parsers.Json : Parsers.Yaml, file);
const spectral = new Spectral();
spectral.setRuleset(
  new Ruleset({
    formats: [oas2, oas3],
    rules: { 'bench-floor': { given: '$', resolved: true, severity: 'error', then: { function: () => undefined } } },
  }),
);
const results = await spectral.run(document);
process.stdout.write(`${results.length} results\n`);
