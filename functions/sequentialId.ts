import { isObject } from '../src/document-index/index.js';
import type { JsonObject, JsonPath } from '../src/document-index/index.js';
import { IDENTIFIER_OPTIONS, objectIdentifiers } from '../src/object-identifiers.js';
import type { IdentifierOptions } from '../src/object-identifiers.js';
import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

const isInteger = (type: unknown) => type === 'integer' || (Array.isArray(type) && type.includes('integer'));

export default defineRule<IdentifierOptions>(
  {
    code: 'specguard-sequential-id',
    description: 'Path parameters that identify an object should not be sequential integers; use UUIDs or other unguessable identifiers.',
    severity: { recommended: 'warn', strict: 'warn' },
    owasp: ['API1:2023'],
    owasp2019: ['API1:2019'],
    cwe: ['CWE-639'],
    controls: { nist80053: ['AC-3'], soc2: ['CC6.1'], hipaa: ['164.312(a)(1)'] },
    securitySeverity: 4.0,
    options: IDENTIFIER_OPTIONS,
    messages: {
      integerId: ({ parameter }) =>
        `Path parameter "${parameter}" identifies an object by an integer, which callers can count through to find other objects: use a UUID (type string, format uuid) or another unguessable identifier, and check access to every object.`,
    },
  },
  (index, options, messages) => {
    const results: RuleResult[] = [];
    // A parameter or schema shared through $ref is reported once, where it is defined.
    const seen = new Set<JsonObject>();
    for (const op of index.operations) {
      for (const { name, parameter } of objectIdentifiers(op, options)) {
        if (parameter === undefined) continue;
        // OAS3 types the parameter's schema; OAS2 the parameter itself.
        const typed = isObject(parameter.parameter.schema) ? parameter.parameter.schema : parameter.parameter;
        const at: JsonPath = typed === parameter.parameter ? parameter.path : [...parameter.path, 'schema'];
        if (seen.has(typed) || !isInteger(typed.type)) continue;
        seen.add(typed);
        results.push({ message: messages.integerId({ parameter: name }), path: [...at, 'type'] });
      }
    }
    return results;
  },
);
