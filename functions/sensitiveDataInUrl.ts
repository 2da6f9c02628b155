import { isObject } from '../src/document-index/json.js';
import type { JsonObject, OperationEntry } from '../src/document-index/index.js';
import { nameWords } from '../src/rule-helpers/naming.js';
import { defineRule, describeOperation } from '../src/rule-kit.js';
import credentialInUrl from './credentialInUrl.js';
import { parameterGroups } from '../src/rule-helpers/repeated-parameters.js';
import { canHoldValue, CLASS_SCHEMA, PERSONAL_CLASSES, SECRET_CLASS, sensitiveReason } from '../src/rule-helpers/sensitive-data.js';
import type { SensitiveClass } from '../src/rule-helpers/sensitive-data.js';

interface Options extends Record<string, unknown> {
  classes: Record<string, SensitiveClass>;
}

const URL_PLACES: Record<string, string> = { query: 'query string', path: 'URL path' };

export default defineRule<Options>(
  {
    code: 'specguard-sensitive-data-in-url',
    description:
      'Passwords, secrets and personal data must not travel in query or path parameters, where logs and browser history keep them.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API3:2023'],
    owasp2019: ['API3:2019'],
    cwe: ['CWE-598'],
    controls: { nist80053: ['SC-8', 'AU-9'], soc2: ['CC6.1', 'CC6.7'], hipaa: ['164.312(e)(1)'] },
    securitySeverity: 5.5,
    defersTo: [{ owner: () => credentialInUrl, why: 'a credential in the URL is its concern' }],
    options: {
      classes: {
        type: 'object',
        additionalProperties: CLASS_SCHEMA,
        default: { secret: SECRET_CLASS, ...PERSONAL_CLASSES },
        description:
          'The classes of sensitive data, by class name (used in messages): `names` are parameter name phrases matched on whole words in any case style, followed by nothing or by value words such as `number`, `hash`; `formats` are string formats. Replaces the default.',
      },
    },
    messages: {
      inUrl: ({ name, operation, reason, cls, place }) =>
        `Parameter "${name}" of ${operation}${reason} looks like ${cls} data sent in the ${place}, which proxies, server logs and browser history keep: send it in the request body or a header.`,
    },
  },
  (index, { classes }, messages) => {
    const classList = Object.entries(classes);
    const sensitiveIn = (parameter: JsonObject, op: OperationEntry) => {
      const place = typeof parameter.in === 'string' ? URL_PLACES[parameter.in] : undefined;
      if (place === undefined || typeof parameter.name !== 'string') return undefined;
      // OAS2 puts a non-body parameter's schema keywords on the parameter itself.
      const schema = isObject(parameter.schema) ? parameter.schema : parameter;
      if (!canHoldValue(schema)) return undefined;
      const field = {
        schema,
        description: parameter.description ?? schema.description,
        neighbours: () => [op.pathKey, ...op.parameters.map(({ parameter: other }) => other.name).filter(isString)],
      };
      for (const [cls, definition] of classList) {
        const reason = sensitiveReason(parameter.name, schema.format, definition, field);
        if (reason !== undefined && !isPublicPart(cls, parameter.name, field.description)) return { cls, reason, place };
      }
      return undefined;
    };
    // The same parameter written into many operations is one flaw: reported once, where first declared
    // (where specguard-credential-in-url reports it too, when it is a credential).
    return parameterGroups(index.operations, sensitiveIn).map(({ first, operation, found, declarations, operations }) => ({
      message: messages.inUrl({
        name: String(first.parameter.name),
        operation:
          declarations > 1
            ? `${describeOperation(operation)} and ${plural(operations - 1, 'more operation')}`
            : describeOperation(operation),
        ...found,
      }),
      path: [...first.path, 'name'],
    }));
  },
);

/**
 * Not the personal value its class names: a business's VAT or MOSS registration number (Taxamo's
 * `tax_id`, "MOSS-assigned tax ID"), which is public, or the first six or last four digits of a
 * card (`first_digits_card_number`), which PCI DSS lets anyone see.
 */
function isPublicPart(cls: string, name: string, description: unknown): boolean {
  const words = nameWords(name);
  const text = typeof description === 'string' ? description : '';
  if (cls === 'national id' && words.includes('tax')) return words.some(word => BUSINESS_TAX_WORDS.has(word)) || BUSINESS_TAX.test(text);
  if (cls !== 'payment' || !(words.includes('card') || words.includes('pan'))) return false;
  const cut = words.some(word => word === 'first' || word === 'last') && words.some(word => CUT_WORDS.has(word));
  return cut || CARD_PART.test(text);
}

const CUT_WORDS: ReadonlySet<string> = new Set(['digits', '4', '6', 'four', 'six']);
const BUSINESS_TAX_WORDS: ReadonlySet<string> = new Set(['vat', 'moss', 'merchant', 'company', 'business', 'seller', 'vendor']);
const BUSINESS_TAX = /\b(?:VAT|MOSS|merchant|company|business|seller|vendor)\b/i;
const CARD_PART = /^\s*(?:the )?(?:first|last) (?:six|four|6|4) digits\b/i;

const isString = (value: unknown): value is string => typeof value === 'string';

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
