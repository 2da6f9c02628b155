import { defineIndexRule, describeOperation } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  /** Extension that marks an operation as intentionally public; its value must say why. */
  publicExtension: string;
  /** Methods that cannot carry credentials by design (a CORS preflight is an OPTIONS request). */
  ignoreMethods: string[];
}

export default defineIndexRule<Options>(
  'operationSecurityDefined',
  {
    type: 'object',
    properties: {
      publicExtension: { type: 'string', pattern: '^x-' },
      ignoreMethods: { type: 'array', items: { type: 'string' } },
    },
    additionalProperties: false,
  },
  { publicExtension: 'x-specguard-public', ignoreMethods: ['options'] },
  (index, { publicExtension, ignoreMethods }) => {
    const ignored = new Set(ignoreMethods.map(m => m.toLowerCase()));
    const results: RuleResult[] = [];
    // Path operations only: a callback or webhook is a request the API sends, and its `security`
    // says how the API authenticates to the receiver, not who may call the API.
    for (const op of index.operations) {
      if (ignored.has(op.method) || !op.security.allowsAnonymous) continue;
      const reason = op.operation[publicExtension];
      const name = describeOperation(op);
      if (typeof reason === 'string' && reason.trim() !== '') continue;
      // `false` says "not public": the operation is then judged like an unmarked one.
      if (reason !== undefined && reason !== false) {
        results.push({
          message: `${name} is marked ${publicExtension} without a reason: give a non-empty string that says why it is public.`,
          path: [...op.path, publicExtension],
        });
        continue;
      }
      const hint = `, or mark it ${publicExtension}: "<why it is public>"`;
      const { security } = op;
      const anonymous = security.requirements.find(r => Object.keys(r.requirement).length === 0);
      if (security.source === 'none') {
        results.push({
          message: `${name} has no security requirement and no root default applies: add a "security" requirement${hint}.`,
          path: op.path,
        });
      } else if (security.source === 'root') {
        // Reported at the operation, so each inheriting operation gets its own location.
        const how =
          security.requirements.length === 0
            ? 'inherits the root "security" list, which is empty'
            : 'inherits a root "security" list that accepts anonymous callers through an empty requirement ({})';
        results.push({
          message: `${name} ${how}: add a requirement to the operation${hint}.`,
          path: op.path,
        });
      } else if (anonymous === undefined) {
        results.push({
          message: `${name} turns authentication off with an empty "security" list: add a requirement${hint}.`,
          path: security.path ?? op.path,
        });
      } else {
        results.push({
          message: `${name} accepts anonymous callers through an empty requirement ({}) in "security": remove it${hint}.`,
          path: anonymous.path,
        });
      }
    }
    return results;
  },
);
