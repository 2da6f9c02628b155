import { createRulesetFunction } from '@stoplight/spectral-core';
import type { IFunctionResult, RulesetFunction, RulesetFunctionContext, RulesetFunctionWithValidator } from '@stoplight/spectral-core';
import { getDocumentIndex, IndexBuildError } from './document-index/index.js';
import { isContainer, isObject } from './document-index/json.js';
import type { DocumentIndex, OperationEntry } from './document-index/index.js';
import { escapeTemplate } from './findings/message-escape.js';
import type { RuleSetting } from './findings/severity.js';

/*
 * A rule is one file in functions/: its definition (everything the rulesets, the catalog, SARIF
 * and the docs tables say about it) next to its check. `npm run build` generates the rest.
 * Only type imports beyond the document index: the stock spectral CLI bundles this file.
 */

/** JSON Schema for a rule's options, in the dialect Spectral validates them with. */
export type OptionsSchema = NonNullable<Parameters<typeof createRulesetFunction>[0]['options']>;

export type RuleResult = IFunctionResult;

/** A severity as rulesets spell it, or `off`. */
export type SeverityName = RuleSetting;

/** The bundled rulesets, in the order they extend each other. */
export const BUNDLED_RULESET_NAMES = ['recommended', 'strict'] as const;
export type BundledRulesetName = (typeof BUNDLED_RULESET_NAMES)[number];

/** Spectral format names a rule can be limited to. */
export const RULE_FORMATS = ['oas2', 'oas3', 'oas3_0', 'oas3_1'] as const;
export type RuleFormat = (typeof RULE_FORMATS)[number];

/** What a rule maps to in the standards people audit against. */
export interface RuleMapping {
  /** OWASP API Security Top 10 2023 ids, e.g. API2:2023. */
  owasp: string[];
  /** The same concern in the 2019 edition. */
  owasp2019: string[];
  cwe: string[];
  controls: {
    /** NIST SP 800-53 Rev. 5 controls. */
    nist80053: string[];
    /** SOC 2 Trust Services Criteria (2017, revised points of focus 2022). */
    soc2: string[];
    /** HIPAA Security Rule sections (45 CFR). */
    hipaa: string[];
  };
}

/** One option: a JSON Schema that also says what the option means and what it defaults to. */
export type OptionSchema = Record<string, unknown> & { description: string; default: unknown };

/** Message builders: each turns the named parts of a finding into its message. */
export type Messages = Record<string, (parts: Record<string, string>) => string>;

export interface RuleDefinition<M extends Messages = Messages> extends RuleMapping {
  /** `specguard-<name>`; the function is the camel-cased name (see functionNameOf). */
  code: string;
  description: string;
  severity: Record<BundledRulesetName, SeverityName>;
  /** Formats the rule applies to; all OpenAPI versions when left out. */
  formats?: RuleFormat[];
  options: Record<string, OptionSchema>;
  messages: M;
  /**
   * The risk of the flaw on GitHub code scanning's 0-10 scale (9+ critical, 7+ high, 4+ medium,
   * else low), given as SARIF `security-severity`. It rates the flaw, not the lint severity a
   * ruleset chose: an unauthenticated operation stays high-risk even where a team demotes it.
   */
  securitySeverity: number;
  /** Causes that explain many of the rule's findings in a file at once; the summary names them once. */
  sharedCauses?: Array<{ message: RegExp; fix: string }>;
  /**
   * Rules that own a concern this one would repeat at the same place: where one of them, on in the
   * running ruleset, reports the same parameter or schema, this rule stays silent there (one flaw,
   * one finding). With the owner off, this rule still reports it, so no concern is lost.
   */
  defersTo?: ReadonlyArray<Deferral>;
  /** Why RAML cannot express the rule's concern, for a rule that never fires on a RAML API. */
  notInRaml?: string;
}

/** An owning rule (given lazily: rule modules may import each other) and why it owns the place. */
export interface Deferral {
  owner: () => DefinedRule;
  why: string;
}

/** What defineRule returns: Spectral's rule function, with its definition and its findings by document. */
export interface DefinedRule {
  rule: Rule;
  /** The findings at the given options (null for the defaults) on a resolved document, computed once per document and options. */
  findingsOn(root: unknown, given: unknown, context: RulesetFunctionContext): RuleResult[];
}

/** A definition as the rest of specguard reads it: with its function name and formats filled in. */
export interface Rule extends RuleDefinition {
  functionName: string;
  formats: RuleFormat[];
}

export const DEFAULT_FORMATS: RuleFormat[] = ['oas2', 'oas3'];

/** `specguard-server-https` -> `serverHttps`: the function's name and its file name in functions/. */
export function functionNameOf(code: string): string {
  return code.replace(/^specguard-/, '').replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Each option's `default`, read from its schema so a default is written once. */
export function defaultOptions(options: Record<string, OptionSchema>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).map(([name, schema]) => [name, schema.default]));
}

/**
 * Builds a rule's Spectral function from its definition and a check that reads the document
 * index. Options are validated against the definition's schemas (a bad override is a clear
 * ruleset error), anything the check throws becomes one error result naming the rule instead of
 * aborting the run, and messages are kept safe from Spectral's message templating. When the
 * index itself cannot be built, the first rule to read it reports that once for the document
 * and every rule returns nothing. The returned function carries the definition as `rule`.
 */
export function defineRule<Options extends Record<string, unknown>, M extends Messages = Messages>(
  definition: RuleDefinition<M>,
  check: (index: DocumentIndex, options: Options, messages: M, context: RulesetFunctionContext) => RuleResult[],
) {
  const name = functionNameOf(definition.code);
  const defaults = defaultOptions(definition.options) as Options;
  const findings = (root: unknown, given: Partial<Options> | null, context: RulesetFunctionContext): RuleResult[] => {
    try {
      let index: DocumentIndex;
      try {
        index = getDocumentIndex(root);
      } catch (error) {
        if (!(error instanceof IndexBuildError)) throw error;
        // Rules run in ruleset order, so which rule reports it is deterministic.
        if (!error.claimReport()) return [];
        const message = `specguard index failed on this document (${error.message}); please report it. Rules that read the index did not check this document.`;
        return [{ message: escapeTemplate(message), path: [] }];
      }
      const results = check(index, { ...defaults, ...(given ?? {}) }, definition.messages, context);
      for (const result of results) {
        result.message = escapeTemplate(result.message);
        if (result.path) result.path = pastLocalRefs(context.document?.data, locatablePath(root, result.path)).map(encodePathSegment);
      }
      const owned = ownedPlaces(definition.defersTo, root, context);
      return owned.size === 0 ? results : results.filter(result => !owned.has(placeOf(result.path ?? [])));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return [
        {
          message: escapeTemplate(
            `specguard rule function "${name}" failed on this document (${reason}); please report it. Other rules still ran.`,
          ),
          path: [],
        },
      ];
    }
  };
  // A rule that defers to this one asks for its findings on the same document: computed once.
  const known = new WeakMap<object, Map<unknown, RuleResult[]>>();
  const findingsOn = (root: unknown, given: Partial<Options> | null, context: RulesetFunctionContext): RuleResult[] => {
    if (!isObject(root)) return findings(root, given, context);
    let byOptions = known.get(root);
    if (byOptions === undefined) known.set(root, (byOptions = new Map<unknown, RuleResult[]>()));
    let results = byOptions.get(given);
    if (results === undefined) byOptions.set(given, (results = findings(root, given, context)));
    return results;
  };
  const guarded = (root: unknown, given: Partial<Options> | null, context: RulesetFunctionContext) => findingsOn(root, given, context);
  // Spectral names the function in option errors ("operationSecurity" function does not support...).
  Object.defineProperty(guarded, 'name', { value: name });
  const optionsSchema = { type: ['object', 'null'], properties: definition.options, additionalProperties: false } as OptionsSchema;
  const fn = lazilyValidated(name, optionsSchema, guarded);
  const rule: Rule = { ...(definition as RuleDefinition), functionName: name, formats: definition.formats ?? DEFAULT_FORMATS };
  return Object.assign(fn, { rule, findingsOn });
}

type SpectralFunction<O> = RulesetFunctionWithValidator<unknown, O | null>;

/**
 * Spectral's function for `check`, as createRulesetFunction makes it, but its options schema is
 * compiled (by ajv, a few ms a rule, for every rule on every run) only for options a ruleset gives.
 * Spectral passes null when it gives none, as the bundled rulesets do, and null is valid for
 * every rule's schema (`type: ['object', 'null']`), so it needs no validator.
 */
function lazilyValidated<O>(name: string, options: OptionsSchema, check: RulesetFunction<unknown, O | null>): SpectralFunction<O> {
  let compiled: SpectralFunction<O> | undefined;
  const spectralFunction = () => (compiled ??= createRulesetFunction<unknown, O | null>({ input: null, options }, check));
  const fn = ((input, given, context) =>
    given === null ? check(input, null, context) : spectralFunction()(input, given, context)) as SpectralFunction<O>;
  fn.validator = (given: unknown) => {
    if (given === null) return;
    const validated: SpectralFunction<O> = spectralFunction();
    validated.validator(given);
  };
  Object.defineProperty(fn, 'name', { value: name });
  Object.defineProperty(fn, 'schemas', { enumerable: false, value: { input: null, options } });
  return fn;
}

/** The places (see placeOf) where the rules this one defers to report, each rule as the running ruleset configures it. */
function ownedPlaces(deferrals: ReadonlyArray<Deferral> | undefined, root: unknown, context: RulesetFunctionContext): Set<string> {
  const places = new Set<string>();
  if (deferrals === undefined) return places;
  // Spectral's rules share one object per rule across extending rulesets, so the ruleset that
  // declared this rule sees the owner's severity and options as the user's ruleset set them.
  const rules = (context.rule as { owner?: { rules?: Record<string, SpectralRule | undefined> } } | undefined)?.owner?.rules;
  for (const deferral of deferrals) {
    const owner = deferral.owner();
    const configured = rules?.[owner.rule.code];
    if (configured === undefined || !configured.enabled) continue;
    const then = configured.then.find(t => (t.function as { name?: string }).name === owner.rule.functionName) ?? configured.then[0];
    for (const result of owner.findingsOn(root, then?.functionOptions ?? null, context)) places.add(placeOf(result.path ?? []));
  }
  return places;
}

/** How Spectral holds a rule in a ruleset: enabled or not, and its functions with their options. */
interface SpectralRule {
  enabled: boolean;
  then: Array<{ function: unknown; functionOptions?: unknown }>;
}

/** A finding's place: its path, where a parameter, its name and its (OAS3) schema are one place. */
function placeOf(path: ReadonlyArray<string | number>): string {
  const last = path[path.length - 1];
  const inParameter = path[path.length - 3] === 'parameters' && (last === 'schema' || last === 'name');
  return (inParameter ? path.slice(0, -1) : path).join('\u0000');
}

/**
 * Spectral never returns from locating a path that runs into a `$ref` its resolver left in place
 * (a chain of `$ref`s that loops back on itself): such a path is cut to the object holding that
 * `$ref`, which Spectral locates at once. `root` is the resolved document the rule read.
 */
export function locatablePath(root: unknown, path: ReadonlyArray<string | number>): Array<string | number> {
  let value: unknown = root;
  for (let i = 0; i < path.length; i++) {
    // No own-key check first: a missing or inherited key gives undefined or a function, and the
    // walk ends there as it would (two proxy operations a level on Spectral's documents, not three).
    if (!isContainer(value)) break;
    value = value[path[i]];
    if (isObject(value) && typeof value.$ref === 'string') return path.slice(0, i);
  }
  return [...path];
}

/**
 * The same place, named where it is written: each local `$ref` the path passes through (the
 * unresolved document's) replaced by the path of its target. Spectral maps a path through a
 * `$ref` the same way, but it percent-encodes the keys after the `$ref` and never decodes them,
 * so a key such as `track[title]`, `first name` or `é` is lost and the finding lands on its parent
 * (where several then share one place). A path that leaves the document (a `$ref` to another
 * file) or does not match it is returned as given, for Spectral to map.
 */
export function pastLocalRefs(unresolved: unknown, path: ReadonlyArray<string | number>): Array<string | number> {
  let written: Array<string | number> = [];
  let value = unresolved;
  // The target of each $ref on the way, including one at the path's end (Spectral reports that at its target too).
  const follow = () => {
    for (let hops = 0; isObject(value) && typeof value.$ref === 'string'; hops++) {
      const target = localPointer(value.$ref);
      if (target === undefined || hops > 64) return false;
      written = target;
      value = valueAt(unresolved, target);
    }
    return true;
  };
  for (const segment of path) {
    if (!follow() || !isContainer(value) || !Object.hasOwn(value, segment)) return [...path];
    value = value[segment];
    written.push(segment);
  }
  return follow() ? written : [...path];
}

/** `#/components/schemas/A%20B` -> ['components', 'schemas', 'A B']; undefined for a reference to another file. */
function localPointer(ref: string): string[] | undefined {
  if (!ref.startsWith('#')) return undefined;
  if (ref === '#' || ref === '#/') return [];
  if (!ref.startsWith('#/')) return undefined;
  try {
    return ref
      .slice(2)
      .split('/')
      .map(token => decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~'));
  } catch {
    return undefined; // a malformed percent-escape
  }
}

function valueAt(root: unknown, path: ReadonlyArray<string>): unknown {
  let value = root;
  for (const segment of path) {
    if (!isContainer(value) || !Object.hasOwn(value, segment)) return undefined;
    value = value[segment];
  }
  return value;
}

/**
 * Spectral decodes each result path segment as a JSON pointer fragment (`~1` to `/`, `~0` to
 * `~`), so a key like `/a~1b` would be reported at its parent. Escaping `~` undoes exactly that.
 */
function encodePathSegment(segment: string | number): string | number {
  return typeof segment === 'string' && segment.includes('~') ? segment.replace(/~/g, '~0') : segment;
}

/** `Operation GET /users/{id}`: how every message names an operation. */
export function describeOperation(op: OperationEntry): string {
  return `Operation ${op.method.toUpperCase()} ${op.pathKey}`;
}

/**
 * The `unreachedSchemas` option every input-schema rule shares (see isJudgedInput), so a team
 * sets it the same way for each.
 */
export const UNREACHED_SCHEMAS_OPTION: OptionSchema = {
  type: 'string',
  enum: ['auto', 'judge', 'ignore'],
  default: 'auto',
  description:
    "Schemas no operation uses (reached through no request, response, parameter or header, `$ref` cycles followed): `auto` judges them as possible inputs, reported once at the definition, only in a document that describes no operations (a components-only schema library, a spec still being designed), since in an API with operations such a model is no one's input; `judge` always; `ignore` never.",
};
