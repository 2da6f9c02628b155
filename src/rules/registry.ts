import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RulesetFunction } from '@stoplight/spectral-core';
import type { Rule } from '../rule-kit.js';

/*
 * Every file in functions/ is one rule, so the folder is the list: a new rule file is picked up
 * by the catalog, the generated rulesets and docs tables, and the tests, with no list to edit.
 * From dist/src/rules this reads dist/functions/*.js; under a test runner, functions/*.ts.
 */
const HERE = fileURLToPath(import.meta.url);
export const FUNCTIONS_DIR = path.resolve(path.dirname(HERE), '..', '..', 'functions');
const EXTENSION = path.extname(HERE);

type RuleFunction = RulesetFunction & { rule: Rule };

async function loadRules(): Promise<RuleFunction[]> {
  const files = fs.readdirSync(FUNCTIONS_DIR).filter(file => file.endsWith(EXTENSION) && !file.endsWith(`.d${EXTENSION}`));
  const functions = await Promise.all(
    files.map(async file => {
      const module = (await import(pathToFileURL(path.join(FUNCTIONS_DIR, file)).href)) as { default?: { rule?: Rule } };
      const rule = module.default?.rule;
      if (rule === undefined) throw new Error(`${file}: a file in functions/ must export default defineRule(...)`);
      // Spectral's functionsDir loads `<function name>.js`, so the file name must be the function name.
      if (path.basename(file, EXTENSION) !== rule.functionName) {
        throw new Error(`${file}: rule ${rule.code} must live in functions/${rule.functionName}${EXTENSION}`);
      }
      return module.default as RuleFunction;
    }),
  );
  return functions.sort((a, b) => (a.rule.code < b.rule.code ? -1 : 1));
}

const FUNCTIONS = await loadRules();

/** Every bundled rule's definition, sorted by code. */
export const RULES: readonly Rule[] = FUNCTIONS.map(fn => fn.rule);

/** Every bundled rule's Spectral function, by function name (what a ruleset's `then.function` names). */
export const RULE_FUNCTIONS: Readonly<Record<string, RulesetFunction>> = Object.fromEntries(
  FUNCTIONS.map(fn => [fn.rule.functionName, fn]),
);
