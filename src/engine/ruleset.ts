import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Ruleset } from '@stoplight/spectral-core';
import type { RulesetDefinition } from '@stoplight/spectral-core';
// spectral-parsers is CommonJS without detectable named exports.
import parsers from '@stoplight/spectral-parsers';
import { InputError } from '../parse/errors.js';
import { isParseError, located, parserMessage } from '../parse/load.js';
import { RULE_SETTINGS } from '../findings/severity.js';
import { BUNDLED_RULESETS } from '../package/package-root.js';
import { BUNDLED_RULESET_DEFINITIONS } from '../rules/bundled-rulesets.js';

export { BUNDLED_RULESETS, PACKAGE_ROOT } from '../package/package-root.js';

const { Yaml, Json } = parsers;
const cache = new Map<string, Promise<Ruleset>>();
const fromDefinitions = new WeakMap<RulesetDefinition, Promise<Ruleset>>();
const require_ = createRequire(import.meta.url);
type Bundler = typeof import('@stoplight/spectral-ruleset-bundler/with-loader');
type BundlerPlugin = NonNullable<Parameters<Bundler['bundleAndLoadRuleset']>[2]>[number];

/**
 * Loads a Spectral ruleset. `undefined` means the bundled recommended ruleset; `recommended` and
 * `strict` name the bundled ones, built in memory from the rule registry (nothing to read or
 * bundle). A ruleset file is loaded the way the spectral CLI does (same bundler, same built-in
 * modules), so a ruleset behaves identically in both. A ruleset definition (what a JavaScript
 * ruleset exports) is taken as it is: its functions are already loaded.
 */
export function loadRuleset(ruleset: string | RulesetDefinition = 'recommended'): Promise<Ruleset> {
  if (typeof ruleset === 'object') return fromDefinition(ruleset);
  if (Object.hasOwn(BUNDLED_RULESET_DEFINITIONS, ruleset))
    return fromDefinition(BUNDLED_RULESET_DEFINITIONS[ruleset as keyof typeof BUNDLED_RULESET_DEFINITIONS]);
  const file = path.resolve(ruleset);
  let loaded = cache.get(file);
  if (!loaded) {
    loaded = load(file);
    cache.set(file, loaded);
    loaded.catch(() => cache.delete(file));
  }
  return loaded;
}

/** A ruleset definition as a Ruleset, once per definition; one Spectral refuses is `<ruleset>: invalid ruleset: <reason>`. */
function fromDefinition(definition: RulesetDefinition): Promise<Ruleset> {
  let loaded = fromDefinitions.get(definition);
  if (!loaded) {
    try {
      loaded = Promise.resolve(new Ruleset(definition));
    } catch (error) {
      loaded = Promise.reject(new InputError('<ruleset>', `invalid ruleset: ${rulesetErrorReason(error)}`));
    }
    fromDefinitions.set(definition, loaded);
  }
  return loaded;
}

async function load(file: string): Promise<Ruleset> {
  if (!fs.existsSync(file)) throw new InputError(file, 'ruleset not found');
  try {
    // The bundler brings rollup: loaded only for a ruleset file, never for the bundled rulesets.
    const [{ bundleAndLoadRuleset }, { builtins }, { commonjs }] = await Promise.all([
      import('@stoplight/spectral-ruleset-bundler/with-loader'),
      import('@stoplight/spectral-ruleset-bundler/plugins/builtins'),
      // Typed by @rollup/plugin-commonjs, whose package `exports` give TypeScript's NodeNext resolution no types.
      import('@stoplight/spectral-ruleset-bundler/plugins/commonjs') as Promise<{ commonjs: () => BundlerPlugin }>,
    ]);
    return await bundleAndLoadRuleset(file, { fs: specguardAwareFs, fetch }, [builtinsFromUrls, builtins(), commonjs(), ownModules]);
  } catch (error) {
    // A syntax error has a place: in the file that holds it, which may be one the ruleset extends.
    if (error instanceof InputError) throw error;
    const at = jsSyntaxErrorPlace(error);
    if (at) throw new InputError(at.location, `invalid ruleset: ${at.reason}`);
    throw new InputError(file, `invalid ruleset: ${rulesetErrorReason(error)}`);
  }
}

/**
 * A JavaScript ruleset's syntax error, as the bundler (rollup) reports it: `loc` holds the place;
 * the parser's own message is the reason (rollup's adds a note about plugins, which does not apply).
 */
function jsSyntaxErrorPlace(error: unknown): { location: string; reason: string } | undefined {
  const { loc, parserError } = (error ?? {}) as { loc?: { file?: unknown; line?: unknown; column?: unknown }; parserError?: unknown };
  if (!(error instanceof Error) || typeof loc?.file !== 'string' || typeof loc.line !== 'number' || typeof loc.column !== 'number') {
    return undefined;
  }
  const message = parserError instanceof Error ? parserError.message : error.message;
  const reason = message.split('\n')[0].replace(/ \(\d+:\d+\)(?: in .*)?$/, '');
  return { location: located(loc.file, { line: loc.line - 1, character: loc.column }), reason };
}

/**
 * `specguard` and `specguard/...` as a ruleset imports them: the rule functions' packages
 * (`specguard/internal/<name>`, see scripts/link-rule-deps.mjs), the JS rulesets, a user's
 * `import specguard from 'specguard/recommended'`. The stock spectral CLI resolves those from the
 * user's ruleset folder. Here they resolve from the importing file, as Node would (inside a
 * specguard package, to that package), and else to this installation, so a user ruleset anywhere
 * (no node_modules/specguard beside it) still works; Node then loads the file itself.
 */
const OWN_NAME = /^specguard(\/|$)/;
type External = (id: string, importer: string | undefined, isResolved: boolean) => boolean;
const ownModules = {
  name: 'specguard-own-modules',
  // Spectral's bundler makes every package import external before any plugin resolves it.
  options: (options: { external?: unknown }) =>
    typeof options.external === 'function'
      ? { ...options, external: ((id, ...rest) => !OWN_NAME.test(id) && (options.external as External)(id, ...rest)) as External }
      : options,
  resolveId: (id: string, importer: string | undefined) =>
    OWN_NAME.test(id) ? { id: resolveFrom(importer, id) ?? require_.resolve(id), external: true } : null,
};

/**
 * Spectral's built-in packages as a ruleset fetched by URL imports them (`extends:` a hosted
 * ruleset, see scripts/build-js-rulesets.mjs). bundleAndLoadRuleset puts its URL plugin before
 * ours, and it would fetch them from beside the ruleset's URL; the spectral CLI asks `builtins`
 * first. Left external, they are `require`d: the very packages `builtins` hands over.
 */
const SPECTRAL_BUILTIN = /^@stoplight\/spectral-(core|formats|functions|parsers|ref-resolver|rulesets|runtime)$/;
const builtinsFromUrls = {
  name: 'specguard-builtins-from-urls',
  resolveId: (id: string, importer: string | undefined) =>
    SPECTRAL_BUILTIN.test(id) && importer !== undefined && /^https?:\/\//.test(importer) ? { id, external: true } : null,
};

function resolveFrom(importer: string | undefined, id: string): string | undefined {
  if (importer === undefined || !path.isAbsolute(importer)) return undefined;
  try {
    return createRequire(importer).resolve(id);
  } catch {
    return undefined;
  }
}

/** Spectral reports ruleset validation problems as an AggregateError with an empty message. */
function rulesetErrorReason(error: unknown): string {
  const nested = (error as { errors?: unknown[] }).errors;
  if (Array.isArray(nested) && nested.length > 0) {
    return nested
      .map(e => {
        const { message, path: at } = e as { message?: string; path?: unknown[] };
        const where = Array.isArray(at) ? at : [];
        return `${where.length > 0 ? `${where.join('.')}: ` : ''}${validationMessage(String(message ?? e).split('\n')[0], where)}`;
      })
      .join('; ');
  }
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

const quotedSettings = new Intl.ListFormat('en', { type: 'disjunction' }).format(RULE_SETTINGS.map(s => `"${s}"`));

/** Spectral's message for a rule set to an unknown severity does not say which ones exist: this one does. */
function validationMessage(message: string, at: unknown[]): string {
  const isRuleSetting = at.length >= 2 && at[at.length - 2] === 'rules';
  if (!isRuleSetting || !/^must be (equal to one of the allowed values|a valid severity level)$/.test(message)) return message;
  // `overrides` take a severity only; `rules` also a boolean or a whole rule.
  return at[0] === 'overrides'
    ? `must be a severity: ${quotedSettings} (a warning is "warn")`
    : `must be a severity (${quotedSettings}; a warning is "warn"), true, false or a rule definition`;
}

/**
 * Inside a consumer project `extends: [specguard]` resolves through node_modules, in the spectral
 * CLI as here. When specguard runs from its own checkout or a global install there is no such
 * node_modules entry, so the names `specguard`, `specguard/strict` and `specguard/recommended`
 * are mapped to the bundled files as a ruleset is read.
 */
const specguardAwareFs = {
  ...fs,
  promises: {
    ...fs.promises,
    async readFile(file: fs.PathLike, options?: unknown): Promise<string> {
      const text = String(await fs.promises.readFile(file, options as BufferEncoding));
      return mapSpecguardExtends(text, String(file));
    },
  },
} as typeof fs;

const SPECGUARD_NAMES: Record<string, string> = {
  specguard: BUNDLED_RULESETS.recommended,
  'specguard/recommended': BUNDLED_RULESETS.recommended,
  'specguard/strict': BUNDLED_RULESETS.strict,
};

/**
 * A YAML or JSON ruleset file as the bundler reads it: refused at `file:line:col` when it does
 * not parse (Spectral would read what the lenient parser made of it, or fail without a line),
 * and with `specguard` names in `extends` mapped.
 */
function mapSpecguardExtends(text: string, file: string): string {
  if (!/\.(ya?ml|json)$/i.test(file)) return text;
  const json = /\.json$/i.test(file);
  const { data, diagnostics } = (json ? Json : Yaml).parse(text);
  // Duplicate keys too: in a ruleset, one rule's entry silently replacing another's is a mistake.
  const error = diagnostics.find(isParseError);
  if (error) throw new InputError(located(file, error.range.start), `invalid ruleset: ${json ? 'JSON' : 'YAML'}: ${parserMessage(error)}`);
  const parsed = data as Record<string, unknown> | null;
  if (!/specguard/.test(text) || typeof parsed !== 'object' || parsed === null || parsed.extends === undefined) return text;
  const map = (entry: unknown): unknown => {
    if (Array.isArray(entry)) {
      // `[name, severity]`: the name is mapped, the rest kept.
      const list: unknown[] = entry;
      return [map(list[0]), ...list.slice(1)];
    }
    return typeof entry === 'string' && entry in SPECGUARD_NAMES && !resolvesFrom(file, entry) ? SPECGUARD_NAMES[entry] : entry;
  };
  const mapped = Array.isArray(parsed.extends) ? parsed.extends.map(map) : map(parsed.extends);
  // JSON is YAML, so the rewritten ruleset parses whatever the file's extension.
  return JSON.stringify({ ...parsed, extends: mapped });
}

function resolvesFrom(file: string, id: string): boolean {
  try {
    require_.resolve(id, { paths: [path.dirname(file)] });
    return true;
  } catch {
    return false;
  }
}
