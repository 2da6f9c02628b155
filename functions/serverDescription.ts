import { nameHasPhrase, nameWords } from '../src/rule-helpers/naming.js';
import { defineRule } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  environmentWords: string[];
}

export default defineRule<Options>(
  {
    code: 'specguard-server-description',
    description: 'Every server must have a description that names its environment (production, staging, sandbox, development...).',
    severity: { recommended: 'off', strict: 'warn' },
    formats: ['oas3'],
    owasp: ['API9:2023'],
    owasp2019: ['API9:2019'],
    cwe: ['CWE-1059'],
    controls: { nist80053: ['CM-8'], soc2: ['CC6.1'], hipaa: ['164.308(a)(1)(ii)(A)'] },
    securitySeverity: 2.0,
    options: {
      environmentWords: {
        type: 'array',
        items: { type: 'string' },
        default: [
          'production',
          'prod',
          'live',
          'staging',
          'stage',
          'sandbox',
          'development',
          'dev',
          'local',
          'test',
          'testing',
          'qa',
          'uat',
          'preview',
          'demo',
          'mock',
          'beta',
        ],
        description: 'Words (whole words, any case) that name an environment in a server description. Replaces the default.',
      },
    },
    messages: {
      missing: ({ url }) =>
        `Server URL "${url}" has no description: say which environment it is (production, staging, sandbox...), so nobody points a client or a test at production by mistake.`,
      noEnvironment: ({ url }) =>
        `Server URL "${url}" has a description that names no environment: say whether it is production, staging, sandbox or development, so the API inventory is clear.`,
    },
  },
  (index, { environmentWords }, messages) =>
    index.servers.flatMap(({ url, path, server }) => {
      const description = server.description;
      if (typeof description !== 'string' || description.trim() === '') return [{ message: messages.missing({ url }), path }];
      const words = nameWords(description);
      if (environmentWords.some(word => nameHasPhrase(words, word))) return [];
      return [{ message: messages.noEnvironment({ url }), path: [...path, 'description'] }];
    }),
);
