/*
 * Smoke tests on real specs nobody on this project wrote (../shared/corpus, see its README).
 * Each spec must lint without a crash, with valid, sorted, deterministic results, and a few
 * facts read from the specs themselves must show up in the findings. The facts are about the
 * specs (no security, plain http, ...), so they fail when a rule breaks, not when a rule
 * legitimately learns something new about other parts of the spec.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ruleCatalog } from '../src/catalog/catalog.js';
import { run } from '../src/cli/main.js';
import { lintOne } from '../src/run/lint.js';
import type { Finding } from '../src/findings/findings.js';
import { RULES } from './helpers.js';
import { CORPUS, HAS_CORPUS } from './corpus-location.js';

const SMALL = [
  'oas/juice-shop.swagger.yml',
  'oas/pixi.swagger2.json',
  'oas/pixi-42crunch-original.json',
  'oas/pixi-42crunch-v2-hardened.json',
] as const;
const GITHUB = 'perf/api.github.com.json';
/** GitHub's 13 MB spec takes about 12 s to lint on a developer machine; leave room for slow CI. */
const GITHUB_TIMEOUT_MS = 120_000;

const CATALOGUED = new Set(ruleCatalog().map(entry => entry.code));
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const corpusPath = (rel: string) => path.join(CORPUS, rel);
const readJson = (rel: string) =>
  JSON.parse(fs.readFileSync(corpusPath(rel), 'utf8')) as { paths: Record<string, Record<string, unknown>> };

/** Each file is linted once (and the small ones a second time, for the determinism check). */
const cache = new Map<string, Promise<Finding[]>>();
function lintCorpus(rel: string): Promise<Finding[]> {
  let result = cache.get(rel);
  if (!result) {
    result = lintOne(corpusPath(rel));
    cache.set(rel, result);
  }
  return result;
}

const ofCode = (findings: Finding[], code: string) => findings.filter(f => f.code === code);
const errors = (findings: Finding[]) => findings.filter(f => f.severity === 0);
const pathKey = (p: Finding['path']) => JSON.stringify(p.map(String));

/** Every (METHOD, path) of a spec's paths object, as the finding path of the operation. */
function operationsOf(doc: { paths: Record<string, Record<string, unknown>> }): string[][] {
  return Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.keys(item)
      .filter(k => HTTP_METHODS.includes(k))
      .map(method => ['paths', p, method]),
  );
}

/** Checks that hold for any spec: no crashed rule, known codes, valid ranges, sorted order. */
function expectWellFormed(rel: string, findings: Finding[]): void {
  const lines = fs.readFileSync(corpusPath(rel), 'utf8').split('\n');
  const source = corpusPath(rel);

  const crashed = findings.filter(f => f.message.startsWith('specguard rule function "') || f.message.startsWith('specguard index failed'));
  expect(
    crashed.map(f => f.message),
    `${rel}: a rule function failed`,
  ).toEqual([]);

  const unknown = findings.filter(f => !CATALOGUED.has(f.code));
  expect(
    unknown.map(f => `${f.code}: ${f.message}`),
    `${rel}: findings that are not specguard rules (parser or $ref problems?)`,
  ).toEqual([]);

  for (const f of findings) {
    const { start, end } = f.range;
    const where = `${rel}: ${f.code} at ${pathKey(f.path)} has range ${JSON.stringify(f.range)} (file has ${lines.length} lines)`;
    expect(f.source, where).toBe(source);
    expect(Number.isInteger(start.line) && Number.isInteger(end.line), where).toBe(true);
    expect(start.line >= 0 && end.line < lines.length, where).toBe(true);
    expect(start.character >= 0 && start.character <= lines[start.line].length, where).toBe(true);
    expect(end.character >= 0 && end.character <= lines[end.line].length, where).toBe(true);
    expect(start.line < end.line || (start.line === end.line && start.character <= end.character), where).toBe(true);
  }

  // Sorted by file, position, code, message (the documented order), checked pair by pair.
  for (let i = 1; i < findings.length; i++) {
    const a = findings[i - 1];
    const b = findings[i];
    const order =
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
    expect(order <= 0, `${rel}: findings ${i - 1} and ${i} are out of order`).toBe(true);
  }
}

function summary(rel: string, findings: Finding[]): string {
  const byCode: Record<string, number> = {};
  for (const f of findings) byCode[`${f.code}@${f.severity}`] = (byCode[`${f.code}@${f.severity}`] ?? 0) + 1;
  return `${rel}: ${findings.length} findings, ${errors(findings).length} errors ${JSON.stringify(byCode)}`;
}

beforeAll(() => {
  if (!HAS_CORPUS) return;
  const missing = [...SMALL, GITHUB].map(corpusPath).filter(file => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `The corpus smoke test needs the shared corpus at ${CORPUS} (../shared/corpus from the repo root, beside the clone); missing: ${missing.join(', ')}`,
    );
  }
});

describe.skipIf(!HAS_CORPUS)('corpus: every spec lints cleanly', () => {
  it.each(SMALL)('%s: no crash, valid sorted ranges, same result twice', async rel => {
    const first = await lintCorpus(rel);
    console.log(summary(rel, first));
    expectWellFormed(rel, first);
    const second = await lintOne(corpusPath(rel));
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it(
    `${GITHUB}: no crash, valid sorted ranges`,
    async () => {
      const started = Date.now();
      const findings = await lintCorpus(GITHUB);
      console.log(`${summary(GITHUB, findings)} in ${Date.now() - started} ms`);
      expectWellFormed(GITHUB, findings);
    },
    GITHUB_TIMEOUT_MS,
  );
});

describe.skipIf(!HAS_CORPUS)('corpus: facts read from the specs', () => {
  it('Juice Shop (OAS 3.0, root bearer security, relative server URL): no errors, only input-constraint and 429 warnings (and error-contract infos)', async () => {
    const findings = await lintCorpus('oas/juice-shop.swagger.yml');
    // Root `security: [bearerAuth]` covers its one operation; `/b2b/v2` is a relative URL.
    expect(errors(findings)).toEqual([]);
    expect(ofCode(findings, RULES.operationSecurity)).toEqual([]);
    expect(ofCode(findings, RULES.serverHttps)).toEqual([]);
    // Order.cid is a request-body string without maxLength (POST /orders takes an Order).
    expect(ofCode(findings, RULES.stringMaxLength).map(f => pathKey(f.path))).toContain(
      pathKey(['components', 'schemas', 'Order', 'properties', 'cid']),
    );
    const inputConstraints = new Set([
      RULES.stringMaxLength,
      RULES.numberRange,
      RULES.integerFormat,
      RULES.arrayMaxItems,
      RULES.requestAdditionalProperties,
      RULES.stringContent,
    ]);
    // Its one operation documents no 429 (nor does any other, so nothing to read a limit from).
    expect(ofCode(findings, RULES.rateLimitResponse).map(f => pathKey(f.path))).toEqual([
      pathKey(['paths', '/orders', 'post', 'responses']),
    ]);
    // It documents no error response at all: the error-contract rule says so once, at info.
    expect(ofCode(findings, RULES.errorResponses).map(f => f.severity)).toEqual([2]);
    expect(
      findings.every(
        f => (inputConstraints.has(f.code) || f.code === RULES.rateLimitResponse || f.code === RULES.errorResponses) && f.severity >= 1,
      ),
    ).toBe(true);
  });

  it('Pixi (Swagger 2.0, no securityDefinitions, schemes: [http]): no operation declares security, the scheme is plain HTTP', async () => {
    const rel = 'oas/pixi.swagger2.json';
    const doc = readJson(rel) as ReturnType<typeof readJson> & { securityDefinitions?: unknown; schemes: string[] };
    const findings = await lintCorpus(rel);
    expect(doc.securityDefinitions).toBeUndefined();
    expect(doc.schemes).toEqual(['http']);

    const operations = operationsOf(doc);
    expect(operations).toHaveLength(21);
    // Every operation is reported at error: the three that take no credential parameter as open, the others
    // (a token query parameter, an x-access-token header) as needing that credential declared as a scheme.
    const opFindings = ofCode(findings, RULES.operationSecurity);
    expect(opFindings.map(f => pathKey(f.path)).sort()).toEqual(operations.map(pathKey).sort());
    expect(opFindings.every(f => f.severity === 0)).toBe(true);
    const open = opFindings.filter(f => f.message.includes('has no security requirement and no root default applies'));
    const undeclared = opFindings.filter(f =>
      /requires a credential in its (query|header) parameter ".*" but no security scheme/.test(f.message),
    );
    expect(open.map(f => f.path[1]).sort()).toEqual(['/api/login', '/api/register', '/api/user/edit_info']);
    expect(undeclared).toHaveLength(operations.length - open.length);

    expect(ofCode(findings, RULES.serverHttps).map(({ path, severity, message }) => ({ path, severity, message }))).toEqual([
      {
        path: ['schemes', '0'],
        severity: 0,
        message: 'Scheme "http" lets clients call the API without TLS: list only "https" in schemes.',
      },
    ]);
    // No security definitions, so nothing for the scheme-level rules to report.
    expect(ofCode(findings, RULES.noHttpBasic)).toEqual([]);
    expect(ofCode(findings, RULES.noApiKeyInUrl)).toEqual([]);
    // The admin search parameter is an unbounded string input.
    expect(ofCode(findings, RULES.stringMaxLength).map(f => f.message)).toContain(
      'Parameter "search" is a string without maxLength: add maxLength (or an enum or a fully anchored, bounded pattern) so oversized input is rejected at the edge.',
    );
  });

  it('Pixi by 42Crunch: the hardened version has far fewer findings than the original', async () => {
    const original = await lintCorpus('oas/pixi-42crunch-original.json');
    const hardened = await lintCorpus('oas/pixi-42crunch-v2-hardened.json');
    console.log(
      `pixi-42crunch: original ${original.length} findings (${errors(original).length} errors), hardened ${hardened.length} findings (${errors(hardened).length} errors)`,
    );

    // Measured: 31 findings (8 errors) before, 23 (7 errors) after. The hardening pass bounds the
    // inputs and moves to https; it leaves the authorization, mass-assignment, anchoring and
    // rate-limit flaws, whose findings stay (asserted below).
    expect(hardened.length).toBeLessThan(original.length);
    expect(errors(hardened).length).toBeLessThan(errors(original).length);
    for (const fixed of [RULES.stringMaxLength, RULES.numberRange, RULES.serverHttps, RULES.pageSize]) {
      expect(ofCode(original, fixed).length, fixed).toBeGreaterThan(0);
      expect(ofCode(hardened, fixed), fixed).toEqual([]);
    }

    // Original: schemes [http], and login/register switch the root apiKey requirement off with `security: []`.
    expect(ofCode(original, RULES.serverHttps).map(f => f.path)).toEqual([['schemes', '0']]);
    expect(ofCode(original, RULES.operationSecurity).map(f => f.path)).toEqual([
      ['paths', '/api/login', 'post', 'security'],
      ['paths', '/api/register', 'post', 'security'],
    ]);
    expect(ofCode(original, RULES.stringMaxLength).length).toBeGreaterThan(0);

    // Hardened: schemes [https], every string input bounded, and only login/register (public by
    // design, marked with 42Crunch's own x-42c-no-authentication, not x-specguard-public) stay open.
    // Neither version fixes function-level authorization: the /api/admin/ operations accept the
    // same user token (apiKey x-access-token) as every other operation.
    expect(ofCode(hardened, RULES.serverHttps)).toEqual([]);
    expect(ofCode(hardened, RULES.stringMaxLength)).toEqual([]);
    const adminOperations = [
      [RULES.adminAuthorization, ['paths', '/api/admin/users/search', 'get', 'security', '0']],
      [RULES.adminAuthorization, ['paths', '/api/admin/all_users', 'get', 'security', '0']],
    ];
    // Both still return the user's password in the users list (Pixi's deliberate data exposure).
    const assertedApart = new Set([RULES.requestPrivilegedProperties, RULES.requestAdditionalProperties, RULES.patternAnchors]);
    // Neither version documents a 429: each of the 6 operations is reported (too few to report
    // once for the API), and login and register, the brute-force and fake-signup targets, are errors.
    const rateLimit = new Set([RULES.rateLimitResponse, RULES.sensitiveFlowRateLimit]);
    const no429 = (p: string, method: string) => [RULES.rateLimitResponse, ['paths', p, method, 'responses']];
    for (const findings of [original, hardened]) {
      expect(findings.filter(f => rateLimit.has(f.code)).map(f => [f.code, f.path])).toEqual([
        no429('/api/login', 'post'),
        [RULES.sensitiveFlowRateLimit, ['paths', '/api/login', 'post', 'responses']],
        no429('/api/register', 'post'),
        [RULES.sensitiveFlowRateLimit, ['paths', '/api/register', 'post', 'responses']],
        no429('/api/user/info', 'get'),
        no429('/api/user/edit_info', 'put'),
        no429('/api/admin/users/search', 'get'),
        no429('/api/admin/all_users', 'get'),
      ]);
    }
    // The error-contract and versioning rules' infos (no correlation id, no version scheme) are the design card's, not the hardening's.
    const designCard = new Set([RULES.errorSchema, RULES.versioningStrategy]);
    expect(
      hardened.filter(f => !assertedApart.has(f.code) && !rateLimit.has(f.code) && !designCard.has(f.code)).map(f => [f.code, f.path]),
    ).toEqual([
      [RULES.operationSecurity, ['paths', '/api/login', 'post']],
      [RULES.operationSecurity, ['paths', '/api/register', 'post']],
      ...adminOperations,
      [RULES.noSecretsInResponses, ['definitions', 'UsersItem', 'properties', 'password']],
      // ...with `p@ssword1` as its example.
      [RULES.sensitiveDataInExamples, ['definitions', 'UsersItem', 'properties', 'password', 'example']],
    ]);
    // The x-access-token pattern (three JWT segments) ends without $ in both versions: anything may follow the token.
    const tokenParameters = [
      ['/api/user/info', 'get', '0'],
      ['/api/user/edit_info', 'put', '1'],
      ['/api/admin/users/search', 'get', '0'],
      ['/api/admin/all_users', 'get', '0'],
    ].map(([p, method, i]) => ['paths', p, method, 'parameters', i, 'pattern']);
    for (const findings of [original, hardened]) expect(ofCode(findings, RULES.patternAnchors).map(f => f.path)).toEqual(tokenParameters);
    expect(ofCode(original, RULES.adminAuthorization).map(f => [f.code, f.path])).toEqual(adminOperations);
    // Both still let a client register with is_admin and an account balance (Pixi's mass-assignment flaw).
    for (const findings of [original, hardened]) {
      expect(ofCode(findings, RULES.requestPrivilegedProperties).map(f => f.path.slice(-3).join('.'))).toEqual(
        expect.arrayContaining(['UserRegistrationData.properties.is_admin', 'UserRegistrationData.properties.account_balance']),
      );
    }
  });

  it(
    'GitHub REST API (no security schemes at all): one operation-security finding per operation, no invalid-ref',
    async () => {
      const doc = readJson(GITHUB) as ReturnType<typeof readJson> & { security?: unknown; components: { securitySchemes?: unknown } };
      expect(doc.security).toBeUndefined();
      expect(doc.components.securitySchemes).toBeUndefined();
      const findings = await lintCorpus(GITHUB);

      // OPTIONS is exempt by default (CORS preflight); GitHub's spec has none, but count it right anyway.
      const operations = operationsOf(doc).filter(([, , method]) => method !== 'options');
      const opFindings = ofCode(findings, RULES.operationSecurity);
      console.log(`${GITHUB}: ${operations.length} operations (without OPTIONS), ${opFindings.length} operation-security findings`);
      expect(operations.length).toBeGreaterThan(1000);
      expect(opFindings).toHaveLength(operations.length);
      expect(new Set(opFindings.map(f => pathKey(f.path)))).toEqual(new Set(operations.map(pathKey)));
      expect(opFindings.every(f => f.severity === 0)).toBe(true);

      expect(findings.filter(f => f.code === 'invalid-ref')).toEqual([]);
      // Its only server is https://api.github.com.
      expect(ofCode(findings, RULES.serverHttps)).toEqual([]);
      // 2 of its operations document a 429 (neither with Retry-After) and one a 403 "if rate limit
      // is exceeded": the 1,220 without either are reported once for the API, since one shared
      // response fixes them all.
      expect(ofCode(findings, RULES.rateLimitResponse).map(f => [pathKey(f.path), f.message.split(':')[0]])).toEqual([
        [
          pathKey(['paths']),
          `${operations.length - 3} of the ${operations.length} operations declare no 429 response (GET /, GET /advisories/{ghsa_id}, GET /agents/repos/{owner}/{repo}/tasks and ${operations.length - 6} more)`,
        ],
        [
          pathKey(['paths', '/advisories', 'get', 'responses', '429']),
          'The 429 response of Operation GET /advisories has no Retry-After header',
        ],
        [
          pathKey(['paths', '/orgs/{org}/campaigns', 'post', 'responses', '429']),
          'The 429 response of Operation POST /orgs/{org}/campaigns has no Retry-After header',
        ],
      ]);
    },
    GITHUB_TIMEOUT_MS,
  );
});

describe.skipIf(!HAS_CORPUS)('corpus: the CLI on the oas folder', () => {
  it('lint <corpus>/oas -f json finds every spec in it and exits 1', async () => {
    let stdout = '';
    let stderr = '';
    const folder = corpusPath('oas');
    const code = await run(['lint', folder, '-f', 'json'], { stdout: t => (stdout += t), stderr: t => (stderr += t) });
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as Finding[];
    // The LICENSE files are not API descriptions; every .json/.yml in the folder is one.
    const specs = fs
      .readdirSync(folder)
      .filter(name => /\.(json|ya?ml)$/.test(name))
      .map(name => path.join(folder, name))
      .sort();
    expect(specs).toEqual(SMALL.map(corpusPath).sort());
    // Every spec in the folder has at least one finding (juice-shop only warnings), so each appears.
    expect([...new Set(results.map(r => r.source))].sort()).toEqual(specs);
    // Same findings as linting each file on its own.
    for (const rel of SMALL) {
      const own = results.filter(r => r.source === corpusPath(rel));
      expect(JSON.stringify(own), rel).toBe(JSON.stringify(await lintCorpus(rel)));
    }
  });
});
