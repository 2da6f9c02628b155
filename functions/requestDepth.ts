import { inputScope } from '../src/document-index/inputs.js';
import { isObject } from '../src/document-index/json.js';
import { measureNesting } from '../src/document-index/nesting.js';
import type { DocumentIndex, JsonObject, JsonPath, UnreachedSchemas } from '../src/document-index/index.js';
import { defineRule, UNREACHED_SCHEMAS_OPTION } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  maxDepth: number;
  depthExtension: string;
  unreachedSchemas: UnreachedSchemas;
}

export default defineRule<Options>(
  {
    code: 'specguard-request-depth',
    description: 'Request bodies should not nest objects without a bound: recursive request schemas, or nesting deeper than maxDepth.',
    severity: { recommended: 'info', strict: 'warn' },
    owasp: ['API4:2023'],
    owasp2019: ['API4:2019'],
    cwe: ['CWE-674', 'CWE-770'],
    controls: { nist80053: ['SC-5', 'SI-10'], soc2: ['A1.1'], hipaa: ['164.312(c)(1)'] },
    securitySeverity: 3.5,
    options: {
      maxDepth: {
        type: 'integer',
        minimum: 1,
        default: 6,
        description: 'How many object levels a request body may nest before it is reported (a flat object is 1).',
      },
      depthExtension: {
        type: 'string',
        default: 'x-max-depth',
        description:
          'Extension that documents the nesting limit the server enforces (a positive integer), on the recursive schema or the request body schema; it silences the finding there.',
      },
      unreachedSchemas: UNREACHED_SCHEMAS_OPTION,
    },
    messages: {
      recursive: ({ name, extension }) =>
        `${name} contains itself, so a request can nest it without limit: enforce a depth limit in the parser and document it in ${extension}, or unroll the recursion to a fixed depth, so deeply nested input cannot exhaust the stack or CPU.`,
      deep: ({ name, depth, max }) =>
        `${name} nests objects ${depth} levels deep (more than ${max}): flatten the request, or enforce and document a depth limit, so deeply nested input cannot exhaust the stack or CPU.`,
    },
  },
  (index, { maxDepth, depthExtension, unreachedSchemas }, messages) => {
    const documented = (schema: JsonObject) => {
      const value = schema[depthExtension];
      return typeof value === 'number' && value > 0;
    };
    const roots = requestRoots(index, inputScope(index, unreachedSchemas).unreached);
    const { depthOf, recursive } = measureNesting(roots, index.root);
    const results: Array<{ message: string; path: JsonPath }> = [];
    for (const schema of recursive) {
      const entry = index.schemas.get(schema);
      if (entry === undefined || documented(schema)) continue;
      results.push({ message: messages.recursive({ name: entry.label ?? 'Request schema', extension: depthExtension }), path: entry.path });
    }
    const reported = new Set<JsonObject>();
    for (const root of roots) {
      const depth = depthOf.get(root) ?? 0;
      // Unbounded roots are explained by their recursion's finding.
      if (depth <= maxDepth || depth === Infinity || reported.has(root) || documented(root)) continue;
      reported.add(root);
      const entry = index.schemas.get(root);
      if (entry === undefined) continue;
      results.push({
        message: messages.deep({ name: entry.label ?? 'Request body', depth: String(depth), max: String(maxDepth) }),
        path: entry.path,
      });
    }
    return results;
  },
);

/** The request body schemas of the API's operations (OAS2 body parameters included), then unreached definitions when judged. */
function requestRoots(index: DocumentIndex, withUnreached: boolean): JsonObject[] {
  const roots: JsonObject[] = [];
  for (const op of index.operations) {
    if (index.version === '2.0') {
      for (const { parameter } of op.parameters) if (parameter.in === 'body' && isObject(parameter.schema)) roots.push(parameter.schema);
      continue;
    }
    const body = op.operation.requestBody;
    const content = isObject(body) && isObject(body.content) ? Object.values(body.content) : [];
    for (const media of content) if (isObject(media) && isObject(media.schema)) roots.push(media.schema);
  }
  if (withUnreached) for (const entry of index.schemas.values()) if (entry.unreached && entry.path.length <= 3) roots.push(entry.schema);
  return roots;
}
