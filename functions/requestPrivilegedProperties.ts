import { inputsLacking } from '../src/document-index/index.js';
import type { SchemaRole, UnreachedSchemas } from '../src/document-index/index.js';
import { nameWords } from '../src/naming.js';
import { defineRule, UNREACHED_SCHEMAS_OPTION } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  properties: Record<string, string>;
  unreachedSchemas: UnreachedSchemas;
}

const REQUEST_BODY: ReadonlySet<SchemaRole> = new Set(['request-body']);
const PRIVILEGE = 'it grants privileges';
const MONEY = 'it holds money or credit';
const OWNERSHIP = 'it decides who owns the record';
const SERVER = 'the server assigns it';

export default defineRule<Options>(
  {
    code: 'specguard-request-privileged-properties',
    description:
      'Request bodies must not accept server-owned or privileged properties (role, isAdmin, balance, ownerId, createdAt, id...) unless readOnly.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API3:2023'],
    owasp2019: ['API6:2019'],
    cwe: ['CWE-915'],
    controls: { nist80053: ['AC-3', 'SI-10'], soc2: ['CC6.1'], hipaa: ['164.312(a)(1)'] },
    securitySeverity: 6.5,
    options: {
      properties: {
        type: 'object',
        additionalProperties: { type: 'string' },
        default: {
          role: PRIVILEGE,
          roles: PRIVILEGE,
          isAdmin: PRIVILEGE,
          admin: PRIVILEGE,
          superuser: PRIVILEGE,
          permissions: PRIVILEGE,
          scopes: PRIVILEGE,
          balance: MONEY,
          accountBalance: MONEY,
          credit: MONEY,
          credits: MONEY,
          owner: OWNERSHIP,
          ownerId: OWNERSHIP,
          userId: OWNERSHIP,
          createdAt: SERVER,
          updatedAt: SERVER,
          createdBy: SERVER,
          id: SERVER,
          status: SERVER,
          isVerified: SERVER,
          emailVerified: SERVER,
        },
        description:
          'Property names a client must not set, each with why (shown in the message). A name matches in any case style (`owner_id`, `OwnerId`, `owner-id`) but only as the whole name: `productId` is not `id`. The map replaces the default.',
      },
      // Most unreached definitions with an `id` are response models: judging them as requests would drown the real findings.
      unreachedSchemas: {
        ...UNREACHED_SCHEMAS_OPTION,
        default: 'ignore',
        description:
          'Schemas no operation uses: `judge` them as possible request bodies, or `ignore` them (the default here: a schema library is mostly response models, whose `id` and `createdAt` are expected).',
      },
    },
    messages: {
      privileged: ({ name, why }) =>
        `${name} is accepted in a request body, but ${why}: mark it readOnly (or remove it from the request schema) so a client cannot set it by mass assignment.`,
    },
  },
  (index, { properties, unreachedSchemas }, messages) => {
    const reasons = new Map(Object.entries(properties).map(([name, why]) => [nameWords(name).join(' '), why]));
    const reasonFor = (name: string | undefined) => (name === undefined ? undefined : reasons.get(nameWords(name).join(' ')));
    // The index leaves readOnly properties out of requests, so every property it reaches in one is accepted;
    // a readOnly given by an allOf peer drops the request role from that value's group.
    return inputsLacking(index, {
      unreachedSchemas,
      roles: REQUEST_BODY,
      where: (_, entry) => reasonFor(entry.propertyName) !== undefined,
      holds: () => false,
    }).map(entry => ({
      message: messages.privileged({ name: entry.label ?? `Property "${entry.propertyName}"`, why: reasonFor(entry.propertyName) ?? '' }),
      path: entry.path,
    }));
  },
);
