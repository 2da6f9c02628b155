import { createRulesetFunction } from '@stoplight/spectral-core';
import type { IFunctionResult, RulesetFunctionContext } from '@stoplight/spectral-core';
import { getDocumentIndex, IndexBuildError } from './document-index/index.js';
import type { DocumentIndex, OperationEntry } from './document-index/index.js';
import { escapeTemplate } from './message-escape.js';

/** JSON Schema for a rule's options, in the dialect Spectral validates them with. */
export type OptionsSchema = NonNullable<Parameters<typeof createRulesetFunction>[0]['options']>;

export type RuleResult = IFunctionResult;

/**
 * Builds a Spectral rule function that reads the document index. Its options are validated
 * against `options` (a bad override is a clear ruleset error), anything it throws becomes one
 * error result naming the rule instead of aborting the whole run, and its messages are kept
 * safe from Spectral's message templating. When the index itself cannot be built, the first
 * rule to read it reports that once for the document and every index rule returns nothing.
 */
export function defineIndexRule<Options extends Record<string, unknown>>(
  name: string,
  options: OptionsSchema,
  defaults: Options,
  check: (index: DocumentIndex, options: Options, context: RulesetFunctionContext) => RuleResult[],
) {
  const guarded = (root: unknown, given: Partial<Options> | null, context: RulesetFunctionContext): RuleResult[] => {
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
      const results = check(index, { ...defaults, ...(given ?? {}) } as Options, context);
      for (const result of results) {
        result.message = escapeTemplate(result.message);
        if (result.path) result.path = result.path.map(encodePathSegment);
      }
      return results;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return [{ message: escapeTemplate(`specguard rule function "${name}" failed on this document (${reason}); please report it. Other rules still ran.`), path: [] }];
    }
  };
  // Spectral names the function in option errors ("operationSecurityDefined" function does not support...).
  Object.defineProperty(guarded, 'name', { value: name });
  return createRulesetFunction<unknown, Partial<Options> | null>(
    // Spectral passes null when a ruleset gives no options.
    { input: null, options: { ...options, type: ['object', 'null'] } as OptionsSchema },
    guarded,
  );
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
