/**
 * Property-based tests: random but valid OpenAPI 2.0, 3.0 and 3.1 documents, with the odd shapes
 * real specs have (keyword-named properties, boolean and circular schemas, empty objects, odd
 * casing, extensions everywhere, unicode, very long and numeric-looking keys), serialized as
 * JSON and YAML and linted with the whole recommended ruleset; and the document index on random
 * (also cyclic and malformed) object graphs.
 *
 * Per linted document: lintOne does not throw (an InputError on these valid documents is a
 * failure too); no rule threw; every finding has a path of strings and indices and a 0-based range
 * inside the text; every path resolves in the parsed document and points at the finding's subject
 * (where Spectral can report exact paths, see spectralBlursPaths); the same text lints to the
 * same JSON twice; JSON and YAML give the same findings; so does the document without extensions.
 *
 * Deterministic: a fixed seed. To explore, run with SPECGUARD_PROPERTY_SEED=<n> and
 * SPECGUARD_PROPERTY_SCALE=<factor> (multiplies the number of runs); SPECGUARD_PROPERTY_STATS=1
 * prints what the generators cover. A failure prints the seed, the shrink path and the smallest
 * counterexample fast-check found.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDocumentIndex } from '../src/document-index/index.js';
import type { DocumentIndex, JsonPath } from '../src/document-index/index.js';
import { InputError } from '../src/parse/errors.js';
import { lintOne } from '../src/run/lint.js';
import type { Finding } from '../src/findings/findings.js';
import { parseSpec } from '../src/input/index.js';
import { RULE_CODES } from './helpers.js';
import {
  EXT_PREFIX,
  KEYWORDS,
  METHODS,
  VERSIONS,
  anyDocument,
  anyName,
  decodePointer,
  dict,
  hasOwn,
  isObj,
  mutate,
  mutations,
  serialize,
  styleArb,
  text,
} from './property/generators.js';
import type { Obj, Style } from './property/generators.js';

const SEED = Number(process.env.SPECGUARD_PROPERTY_SEED ?? 20_240_611);
const SCALE = Number(process.env.SPECGUARD_PROPERTY_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
/** SPECGUARD_PROPERTY_PATH=<path from a failure report> (with its seed) replays that one case. */
const REPLAY = process.env.SPECGUARD_PROPERTY_PATH;
const params = (numRuns: number): fc.Parameters<unknown> => ({
  seed: SEED,
  numRuns: runs(numRuns),
  ...(REPLAY ? { path: REPLAY, endOnFailure: true } : {}),
});
/** Generous: the file takes about 10 s; these only stop a hung run. */
const LINT_TIMEOUT = 120_000 * Math.max(1, SCALE);
const INDEX_TIMEOUT = 60_000 * Math.max(1, SCALE);

// ---------------------------------------------------------------------------------------------
// Checks on findings
// ---------------------------------------------------------------------------------------------

const RULE_THREW = 'specguard rule function "';
const INDEX_FAILED = 'specguard index failed';

/** Walks a finding path through parsed data, following a local $ref only where the path goes through one. */
function resolvePath(root: unknown, path: JsonPath): { ok: true; viaRef: boolean; node: unknown } | { ok: false; at: number } {
  let node = root;
  let viaRef = false;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    for (let hops = 0; ; hops++) {
      if (Array.isArray(node)) {
        const index = typeof seg === 'number' ? seg : /^(0|[1-9][0-9]*)$/.test(seg) ? Number(seg) : -1;
        if (index < 0 || index >= node.length) return { ok: false, at: i };
        node = node[index];
        break;
      }
      if (isObj(node) && hasOwn(node, String(seg))) {
        node = node[String(seg)];
        break;
      }
      const target = isObj(node) && typeof node.$ref === 'string' ? decodePointer(node.$ref) : null;
      if (target === null || hops > 20) return { ok: false, at: i };
      viaRef = true;
      let next: unknown = root;
      for (const key of target) next = Array.isArray(next) ? next[Number(key)] : isObj(next) && hasOwn(next, key) ? next[key] : undefined;
      if (next === undefined) return { ok: false, at: i };
      node = next;
    }
  }
  return { ok: true, viaRef, node };
}

/** Line lengths as Spectral counts them: lines end at `\n`, so a CRLF line's `\r` is part of it. */
function lineLengths(text: string): number[] {
  return text.split('\n').map(line => line.length);
}

/** Assertions (2), (3), (4) on one run's findings. Returns the number of paths that went through a $ref. */
function checkFindings(findings: Finding[], text: string, data: unknown): number {
  const lines = lineLengths(text);
  let viaRefs = 0;
  for (const f of findings) {
    const where = `${f.code} ${JSON.stringify(f.path)}: ${f.message}`;
    expect(f.message.startsWith(RULE_THREW) || f.message.startsWith(INDEX_FAILED), `a rule threw: ${where}`).toBe(false);
    expect(typeof f.code).toBe('string');
    expect([0, 1, 2, 3]).toContain(f.severity);
    expect(Array.isArray(f.path), where).toBe(true);
    for (const seg of f.path) {
      expect(
        typeof seg === 'string' || (typeof seg === 'number' && Number.isInteger(seg) && seg >= 0),
        `path segment ${String(seg)} in ${where}`,
      ).toBe(true);
    }
    const { start, end } = f.range;
    for (const n of [start.line, start.character, end.line, end.character]) {
      expect(Number.isInteger(n) && n >= 0, `range ${JSON.stringify(f.range)} in ${where}`).toBe(true);
    }
    expect(
      start.line < end.line || (start.line === end.line && start.character <= end.character),
      `start after end: ${JSON.stringify(f.range)} in ${where}`,
    ).toBe(true);
    expect(end.line, `range past the last line (${lines.length} lines): ${JSON.stringify(f.range)} in ${where}`).toBeLessThan(lines.length);
    expect(start.character, `start past the end of line ${start.line}: ${JSON.stringify(f.range)} in ${where}`).toBeLessThanOrEqual(
      lines[start.line],
    );
    expect(end.character, `end past the end of line ${end.line}: ${JSON.stringify(f.range)} in ${where}`).toBeLessThanOrEqual(
      lines[end.line],
    );
    const resolved = resolvePath(data, f.path);
    expect(resolved.ok, `path does not resolve in the document (segment ${resolved.ok ? '' : resolved.at}): ${where}`).toBe(true);
    if (resolved.ok && resolved.viaRef) viaRefs++;
  }
  return viaRefs;
}

async function lintChecked(text: string, source: string): Promise<Finding[]> {
  try {
    return await lintOne({ content: text, source });
  } catch (error) {
    if (error instanceof InputError) throw new Error(`InputError on a valid generated document: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * True when Spectral cannot report exact paths in this document, and reports the closest existing
 * ancestor instead (still a valid path): a $ref pointer with a percent-escape or `~` is not
 * decoded by its resolver. (Keys after a $ref that Spectral percent-encodes when it maps a result
 * to the $ref's target are exact: rule-kit maps local $refs itself, see pastLocalRefs.)
 */
function spectralBlursPaths(doc: unknown): boolean {
  const seen = new Set<unknown>();
  const walk = (node: unknown): boolean => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return false;
    seen.add(node);
    for (const [key, child] of Object.entries(node)) {
      if (key === '$ref' && typeof child === 'string' && /[%~]/.test(child)) return true;
      if (walk(child)) return true;
    }
    return false;
  };
  return walk(doc);
}

const isStringSchema = (node: unknown) =>
  isObj(node) && (node.type === 'string' || (Array.isArray(node.type) && node.type.includes('string')));

/**
 * Each rule's finding must point at the thing its message is about, not at an ancestor. Rules
 * without a precise predicate here must at least point below the document root.
 */
const PRECISE_SUBJECT: Record<string, (node: unknown, path: JsonPath) => boolean> = {
  'specguard-string-max-length': node => isStringSchema(node),
  'specguard-operation-security': (node, path) => {
    const last = String(path[path.length - 1]);
    return (isObj(node) && METHODS['3.1'].includes(last)) || path.map(String).includes('security') || last === 'x-specguard-public';
  },
  'specguard-server-https': (node, path) => typeof node === 'string' && ['url', 'schemes'].some(k => path.map(String).includes(k)),
  'specguard-no-http-basic': (node, path) => typeof node === 'string' && ['type', 'scheme'].includes(String(path[path.length - 1])),
  'specguard-no-api-key-in-url': (node, path) => typeof node === 'string' && path[path.length - 1] === 'in',
};
const SUBJECT: Record<string, (node: unknown, path: JsonPath) => boolean> = Object.fromEntries(
  RULE_CODES.map(code => [code, PRECISE_SUBJECT[code] ?? ((_: unknown, path: JsonPath) => path.length > 0)]),
);

/** Valid documents get only specguard findings, each at its subject (where Spectral can report exact paths). */
function checkSubjects(findings: Finding[], data: unknown, doc: Obj): number {
  const exact = !spectralBlursPaths(doc);
  let checked = 0;
  for (const f of findings) {
    const where = `${f.code} ${JSON.stringify(f.path)}: ${f.message}`;
    expect(Object.keys(SUBJECT), `unexpected finding on a valid document: ${where}`).toContain(f.code);
    const resolved = resolvePath(data, f.path);
    if (exact && resolved.ok) {
      expect(SUBJECT[f.code](resolved.node, f.path), `finding does not point at its subject: ${where}`).toBe(true);
      checked++;
    }
  }
  return checked;
}

/** The document without its generated extensions (`x-ext-` keys), or the document itself when it has none. */
function stripExtensions(doc: Obj): Obj {
  let found = false;
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (!isObj(value)) return value;
    const entries = Object.entries(value).filter(([key]) => !(key.startsWith(EXT_PREFIX) && (found = true)));
    return Object.fromEntries(entries.map(([key, child]) => [key, strip(child)]));
  };
  const plain = strip(doc) as Obj;
  return found ? plain : doc;
}

/** What must not depend on how the document is written: everything but the range. */
const essence = (findings: Finding[]) =>
  findings.map(({ code, message, path, severity }) => JSON.stringify({ code, message, path: path.map(String), severity })).sort();

// ---------------------------------------------------------------------------------------------
// Document index helpers
// ---------------------------------------------------------------------------------------------

/** Replaces every local $ref object by its target, in place on a fresh copy: shared and cyclic, as Spectral resolves. */
function resolveInMemory(doc: Obj): Obj {
  const root = structuredClone(doc);
  const lookup = (ref: string): unknown => {
    const path = decodePointer(ref);
    if (path === null) return undefined;
    let node: unknown = root;
    for (const key of path) node = isObj(node) && hasOwn(node, key) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined;
    return node;
  };
  // Follow chains of $ref-only objects to a real target; a pure $ref cycle stays as it is.
  const target = (value: unknown): unknown => {
    const seen = new Set<unknown>();
    let node = value;
    while (isObj(node) && typeof node.$ref === 'string' && !seen.has(node)) {
      seen.add(node);
      const next = lookup(node.$ref);
      if (next === undefined) return node;
      node = next;
    }
    return node;
  };
  const visited = new Set<unknown>();
  const walk = (node: unknown) => {
    if (typeof node !== 'object' || node === null || visited.has(node)) return;
    visited.add(node);
    const container = node as Record<string, unknown>;
    for (const key of Object.keys(container)) {
      const child = container[key];
      if (isObj(child) && typeof child.$ref === 'string') container[key] = target(child);
      walk(container[key]);
    }
  };
  walk(root);
  return root;
}

/** The objects local `$ref`s of the document name (`#/a/b`, unescaped), by identity. */
function localRefTargets(root: Obj): Set<unknown> {
  const targets = new Set<unknown>();
  const seen = new Set<unknown>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    if (isObj(node) && typeof node.$ref === 'string') {
      const target = refTarget(root, node.$ref);
      if (target !== MISSING) targets.add(target);
    }
    const children: unknown[] = Array.isArray(node) ? node : Object.values(node);
    stack.push(...children);
  }
  return targets;
}

/** What a local `$ref` names in the document, or MISSING. */
function refTarget(root: Obj, ref: string): unknown {
  if (!ref.startsWith('#/')) return MISSING;
  return at(
    root,
    ref
      .slice(2)
      .split('/')
      .map(key => decodePointerKey(key).replace(/~1/g, '/').replace(/~0/g, '~')),
  );
}

function decodePointerKey(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

/** The value at a path, by identity, or a marker when the path does not exist. */
const MISSING = Symbol('missing');
function at(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === 'number' && key >= 0 && key < node.length) node = node[key];
    else if (isObj(node) && typeof key === 'string' && hasOwn(node, key)) node = node[key];
    else return MISSING;
  }
  return node;
}

const ROLES = new Set(['request-body', 'response-body', 'parameter', 'header']);

/**
 * Invariants of the index of `root`. With `extensionsStayPut` (no mutation moved an object that has
 * generated `x-ext-` keys into a name map such as `properties`), also: the index reads nothing
 * inside a specification extension.
 */
function checkIndex(root: Obj, index: DocumentIndex, extensionsStayPut = true): void {
  // Plain checks, not expect(): the values are cyclic graphs, which assertion messages cannot print.
  const check = (ok: boolean, message: () => string) => {
    if (!ok) throw new Error(`document index: ${message()}`);
  };
  const show = (p: JsonPath) => JSON.stringify(p);
  const checkPath = (p: JsonPath, what: string, expected: unknown) => {
    check(at(root, p) === expected, () => `${what} path ${show(p)} does not lead to its object`);
    if (extensionsStayPut) {
      const extension = p.find(seg => typeof seg === 'string' && seg.startsWith(EXT_PREFIX));
      check(extension === undefined, () => `${what} path ${show(p)} goes into the extension ${String(extension)}`);
    }
  };
  for (const op of index.operations) {
    check(
      op.kind === 'path' && op.path.length === 3 && op.path[0] === 'paths' && op.path[1] === op.pathKey && op.path[2] === op.method,
      () => `operation path ${show(op.path)}`,
    );
  }
  for (const op of index.outboundOperations) {
    const [last, secondLast] = [op.path[op.path.length - 1], op.path[op.path.length - 2]];
    check(last === op.method && secondLast === op.pathKey, () => `outbound operation path ${show(op.path)}`);
    if (op.kind === 'webhook')
      check(op.path.length === 3 && op.path[0] === 'webhooks' && op.callback === undefined, () => `webhook path ${show(op.path)}`);
    else {
      const callback = op.callback;
      check(op.kind === 'callback' && callback !== undefined && callback.expression === op.pathKey, () => `callback ${show(op.path)}`);
      const parentPath = callback?.parent?.path ?? ['components'];
      check(
        show(op.path.slice(0, parentPath.length + 2)) === show([...parentPath, 'callbacks', callback?.name ?? '']),
        () => `callback path ${show(op.path)} is not under its parent`,
      );
    }
  }
  for (const op of [...index.operations, ...index.outboundOperations]) {
    checkPath(op.path, 'operation', op.operation);
    for (const { parameter, path } of op.parameters) checkPath(path, 'parameter', parameter);
    if (op.security.path !== null) {
      const list = at(root, op.security.path);
      checkPath(op.security.path, 'security list', list);
      check(Array.isArray(list), () => `security path ${show(op.security.path as JsonPath)} is no list`);
    }
    for (const { requirement, path, schemes } of op.security.requirements) {
      checkPath(path, 'security requirement', requirement);
      check(schemes.length === Object.keys(requirement).length, () => `schemes of requirement ${show(path)}`);
      for (const scheme of schemes) {
        checkPath(scheme.path, 'required scheme', requirement[scheme.name]);
        check(
          scheme.scheme === undefined || scheme.scheme.name === scheme.name,
          () => `required scheme ${show(scheme.path)} resolved to another name`,
        );
      }
    }
    const anonymous = op.security.requirements.length === 0 || op.security.requirements.some(r => Object.keys(r.requirement).length === 0);
    check(op.security.allowsAnonymous === anonymous, () => `allowsAnonymous of ${show(op.path)}`);
    for (const response of op.responses) {
      checkPath(response.path, 'response', response.response);
      check(!response.status.startsWith('x-'), () => `response ${show(response.path)} is an extension`);
      for (const { path, header } of response.headers) checkPath(path, 'response header', header);
      for (const { path, schema } of response.content) if (schema !== undefined) checkPath([...path, 'schema'], 'response schema', schema);
    }
  }
  for (const { scopes } of index.securitySchemes)
    for (const { path, description } of scopes) checkPath(path, 'declared scope', description);
  for (const { scheme, path } of index.securitySchemes) checkPath(path, 'security scheme', scheme);
  for (const server of index.servers) {
    const found = at(root, server.path);
    checkPath(server.path, 'server', found);
    check(isObj(found) && found.url === server.url, () => `server ${show(server.path)} has another url`);
  }
  const refTargets = localRefTargets(root);
  for (const [schema, entry] of index.schemas) {
    const path = entry.path;
    check(entry.schema === schema, () => `schema entry ${show(path)} keyed by another schema`);
    checkPath(path, 'schema entry', schema);
    const outboundRoles = entry.outboundRoles ?? new Set();
    check(
      (entry.roles.size + outboundRoles.size > 0 || entry.unreached === true) &&
        [...entry.roles, ...outboundRoles].every(role => ROLES.has(role)),
      () => `roles of ${show(path)}: ${[...entry.roles].join()}`,
    );
    // Every role comes with a usage of that role, and every usage starts at an indexed schema that lists it.
    const usages = entry.usages;
    for (const role of entry.roles)
      check(
        usages.some(u => u.role === role && u.operation.kind === 'path'),
        () => `no ${role} usage of ${show(path)}`,
      );
    for (const role of outboundRoles)
      check(
        usages.some(u => u.role === role && u.operation.kind !== 'path'),
        () => `no outbound ${role} usage of ${show(path)}`,
      );
    for (const usage of usages) {
      check(
        (usage.operation.kind === 'path' ? entry.roles : outboundRoles).has(usage.role),
        () => `usage role ${usage.role} of ${show(path)} is not among its roles`,
      );
      // A usage written as a $ref the resolver left in place starts at the schema the $ref names.
      const written = at(root, usage.path);
      check(
        written === usage.schema || (isObj(written) && typeof written.$ref === 'string' && refTargets.has(usage.schema)),
        () => `usage path ${show(usage.path)} leads neither to its schema nor to a $ref naming it`,
      );
      check(
        index.schemas.get(usage.schema)?.usages.includes(usage) === true,
        () => `usage of ${show(path)} is not a usage of the schema it starts at`,
      );
    }
    check(entry.label === undefined || typeof entry.label === 'string', () => `label of ${show(path)}`);
    // A property's schema is placed where it is written: under `properties`, or (a $ref the resolver left in place) where the $ref points.
    check(
      entry.propertyName === undefined ||
        (path[path.length - 2] === 'properties' && path[path.length - 1] === entry.propertyName) ||
        refTargets.has(schema),
      () => `propertyName ${entry.propertyName} at ${show(path)}`,
    );
    const group = index.allOfPeers.group(schema);
    if (group !== undefined) {
      check(group.includes(schema) && group.length >= 2, () => `allOf group of ${show(path)} lacks the schema or is a single`);
      check(
        group.every(member => index.allOfPeers.group(member) === group),
        () => `allOf group of ${show(path)} differs between its members`,
      );
    }
    if (Array.isArray(schema.allOf)) {
      const branches: unknown[] = schema.allOf;
      for (const branch of branches) {
        // A branch that is a $ref the resolver left in place stands for the schema it names.
        const peer = isObj(branch) && typeof branch.$ref === 'string' ? refTarget(root, branch.$ref) : branch;
        if (isObj(peer) && peer !== schema && typeof peer.$ref !== 'string')
          check(group?.includes(peer) === true, () => `an allOf branch of ${show(path)} is not its peer`);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('property: the recommended ruleset on random valid documents', () => {
  it(
    'never throws or lets a rule throw; findings have valid paths and ranges; the same text lints identically; JSON and YAML agree',
    async () => {
      const codes = new Map<string, number>();
      let viaRefs = 0;
      let documents = 0;
      let subjectsChecked = 0;
      await fc.assert(
        fc.asyncProperty(anyDocument, styleArb, async ({ version, doc }, style) => {
          const other: Style = { ...style, format: style.format === 'json' ? 'yaml' : 'json' };
          const text = serialize(doc, style);
          const source = style.format === 'json' ? 'spec.json' : 'spec.yaml';
          const first = await lintChecked(text, source);
          const data = parseSpec(text, source).document.data;
          viaRefs += checkFindings(first, text, data);
          subjectsChecked += checkSubjects(first, data, doc);
          // (5) the same text twice: identical results.
          const second = await lintChecked(text, source);
          expect(JSON.stringify(second)).toBe(JSON.stringify(first));
          // The other serialization of the same document: the same findings, at its own positions.
          const otherText = serialize(doc, other);
          const otherSource = other.format === 'json' ? 'spec.json' : 'spec.yaml';
          const otherFindings = await lintChecked(otherText, otherSource);
          checkFindings(otherFindings, otherText, parseSpec(otherText, otherSource).document.data);
          expect(essence(otherFindings), `${version}: ${style.format} and ${other.format} disagree`).toEqual(essence(first));
          // Specification extensions change nothing: the same findings without them.
          const plain = stripExtensions(doc);
          if (plain !== doc) {
            const plainFindings = await lintChecked(serialize(plain, style), source);
            expect(essence(plainFindings), `${version}: extensions changed the findings`).toEqual(essence(first));
          }
          documents++;
          for (const f of first) codes.set(f.code, (codes.get(f.code) ?? 0) + 1);
        }),
        params(100),
      );
      if (process.env.SPECGUARD_PROPERTY_STATS) console.log({ documents, viaRefs, subjectsChecked, codes: Object.fromEntries(codes) });
      // The generators must reach every rule, or the property proves little about it.
      for (const code of [
        'specguard-server-https',
        'specguard-no-http-basic',
        'specguard-no-api-key-in-url',
        'specguard-operation-security',
        'specguard-string-max-length',
      ]) {
        expect(codes.get(code) ?? 0, `no ${code} finding in ${documents} documents`).toBeGreaterThan(0);
      }
      // Spectral maps a result reached through a $ref to the $ref's target: paths never need one.
      expect(viaRefs).toBe(0);
    },
    LINT_TIMEOUT,
  );

  it(
    'odd but lintable documents (values replaced by junk) never make a rule throw, and findings still point into the document',
    async () => {
      let linted = 0;
      await fc.assert(
        fc.asyncProperty(anyDocument, mutations, fc.constantFrom<'json' | 'yaml'>('json', 'yaml'), async ({ doc }, plan, format) => {
          const mutated = mutate(doc, plan, false);
          fc.pre(typeof mutated.openapi === 'string' || typeof mutated.swagger === 'string');
          const text = serialize(mutated, {
            format,
            indent: 2,
            flowDepth: 6,
            compactSequences: false,
            crlf: false,
            bom: false,
            preamble: false,
          });
          const source = format === 'json' ? 'spec.json' : 'spec.yaml';
          let findings: Finding[];
          try {
            findings = await lintOne({ content: text, source });
          } catch (error) {
            if (error instanceof InputError) return; // e.g. the version field was replaced
            throw error;
          }
          // Broken $refs are Spectral's invalid-ref findings; they must still be well-formed.
          checkFindings(findings, text, parseSpec(text, source).document.data);
          linted++;
        }),
        params(60),
      );
      if (process.env.SPECGUARD_PROPERTY_STATS) console.log({ linted });
      expect(linted).toBeGreaterThan(runs(60) / 2);
    },
    LINT_TIMEOUT,
  );
});

describe('property: the document index', () => {
  it(
    'on generated documents, unresolved: never throws; every entry path leads to its object',
    () => {
      fc.assert(
        fc.property(anyDocument, ({ doc }) => {
          checkIndex(doc, getDocumentIndex(doc));
        }),
        params(500),
      );
    },
    INDEX_TIMEOUT,
  );

  it(
    'on generated documents with $refs resolved in memory (shared and circular objects): every entry path leads to its object',
    () => {
      fc.assert(
        fc.property(anyDocument, ({ doc }) => {
          const resolved = resolveInMemory(doc);
          checkIndex(resolved, getDocumentIndex(resolved));
        }),
        params(500),
      );
    },
    INDEX_TIMEOUT,
  );

  it(
    'on mutated documents (junk values, random links making cycles and sharing): never throws; every entry path leads to its object',
    () => {
      fc.assert(
        fc.property(anyDocument, mutations, fc.boolean(), ({ doc }, plan, resolveFirst) => {
          const mutated = mutate(resolveFirst ? resolveInMemory(doc) : doc, plan, true);
          checkIndex(mutated, getDocumentIndex(mutated), !plan.some(([, , change]) => 'link' in change));
        }),
        params(600),
      );
    },
    INDEX_TIMEOUT,
  );

  it(
    'on arbitrary values: never throws',
    () => {
      const key = fc.oneof(
        fc.constantFrom(
          ...KEYWORDS,
          ...METHODS['3.1'],
          '/a',
          '/{id}',
          '200',
          'default',
          'application/json',
          'x-specguard-public',
          '$ref',
          'hasOwnProperty',
          '__proto__',
        ),
        anyName,
      );
      const value = fc.letrec<{ value: unknown }>(tie => ({
        value: fc.oneof(
          { depthSize: 'small', maxDepth: 6 },
          fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), text),
          fc.array(tie('value'), { maxLength: 4 }),
          dict(key, tie('value'), 5),
        ),
      })).value;
      const root = fc.tuple(
        fc.constantFrom({ openapi: '3.0.3' }, { openapi: '3.1.0' }, { swagger: '2.0' }, { openapi: 3.1 }, { swagger: 2 }, {}),
        dict(key, value, 8),
      );
      fc.assert(
        fc.property(root, ([header, body]) => {
          const doc = { ...body, ...header } as Obj;
          checkIndex(doc, getDocumentIndex(doc));
        }),
        params(600),
      );
    },
    INDEX_TIMEOUT,
  );
});

/**
 * Problems the properties found outside specguard's rule code, written as the smallest documents
 * that show them. Each test asserts the correct behaviour and is marked `.fails` while the problem
 * lasts: when one starts failing, the problem is fixed; drop its `.fails` and widen the generators
 * (see the notes on KEYWORDS and ODD above).
 */
describe('known problems found by the properties', () => {
  const lintJson = (doc: Obj) => lintOne({ content: JSON.stringify(doc), source: 'spec.json' });
  const HEAD = { openapi: '3.0.3', info: { title: 't', version: '1' } };
  const secured = { security: [{ key: [] }], components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } } };

  it('an object key named "hasOwnProperty" is refused with a clear, located message (it breaks @stoplight/json-ref-resolver)', async () => {
    // crawler.js: `for (const key in target) if (!target.hasOwnProperty(key))`
    await expect(lintJson({ ...HEAD, paths: {}, 'x-a': { hasOwnProperty: 1 } })).rejects.toThrow(
      /^.*spec\.json:1:\d+: a key named "hasOwnProperty" breaks Spectral's \$ref resolver \(an upstream limitation\); rename it to lint this file$/,
    );
  });

  it.fails(
    'a key with a percent-escape (/%41) in a document with a $ref is reported twice, once under a path that does not exist (/A)',
    async () => {
      const doc = {
        swagger: '2.0',
        info: { title: 't', version: '1' },
        paths: { '/%41': { get: { responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/A' } } } } } },
        definitions: { A: {} },
      };
      const findings = (await lintJson(doc)).filter(f => f.code === 'specguard-operation-security');
      expect(findings.map(f => f.path)).toEqual([['paths', '/%41', 'get']]);
    },
  );

  it('a finding under a $ref, at a key Spectral percent-encodes (a space, {, é...), keeps its exact path (rule-kit maps local $refs itself)', async () => {
    const doc = {
      ...HEAD,
      ...secured,
      paths: { '/a': { post: { requestBody: { $ref: '#/components/requestBodies/B' }, responses: {} } } },
      components: {
        ...secured.components,
        requestBodies: { B: { content: { 'application/json': { schema: { properties: { 'first name': { type: 'string' } } } } } } },
      },
    };
    const findings = (await lintJson(doc)).filter(f => f.code === 'specguard-string-max-length');
    expect(findings.map(f => f.path)).toEqual([
      ['components', 'requestBodies', 'B', 'content', 'application/json', 'schema', 'properties', 'first name'],
    ]);
  });

  it('a finding at a key containing "~1" or "~0" keeps its exact path (Spectral decodes result path segments; rule-kit escapes them)', async () => {
    const doc = { ...HEAD, paths: { '/a~1b': { get: { responses: {} } } } };
    const findings = (await lintJson(doc)).filter(f => f.code === 'specguard-operation-security');
    expect(findings.map(f => f.path)).toEqual([['paths', '/a~1b', 'get']]);
  });
});

describe.runIf(process.env.SPECGUARD_PROPERTY_STATS)('generator statistics (SPECGUARD_PROPERTY_STATS=1)', () => {
  it('prints document sizes and generation time', () => {
    const t0 = performance.now();
    const docs = fc.sample(anyDocument, { seed: SEED, numRuns: 100 });
    const t1 = performance.now();
    const sizes = docs.map(({ doc }) => JSON.stringify(doc).length).sort((a, b) => a - b);
    console.log(`generated 100 documents in ${Math.round(t1 - t0)} ms; JSON size median ${sizes[50]}, p90 ${sizes[90]}, max ${sizes[99]}`);
    const cyclic = (root: unknown): boolean => {
      const onPath = new Set<unknown>();
      const done = new Set<unknown>();
      const visit = (node: unknown): boolean => {
        if (typeof node !== 'object' || node === null || done.has(node)) return false;
        if (onPath.has(node)) return true;
        onPath.add(node);
        const found = Object.values(node).some(visit);
        onPath.delete(node);
        done.add(node);
        return found;
      };
      return visit(root);
    };
    const count = (pred: (doc: Obj, text: string) => boolean) => docs.filter(({ doc }) => pred(doc, JSON.stringify(doc))).length;
    console.log({
      versions: Object.fromEntries(VERSIONS.map(v => [v, docs.filter(d => d.version === v).length])),
      withRefs: count((_, t) => t.includes('"$ref":"#')),
      circular: count(doc => cyclic(resolveInMemory(doc))),
      booleanSchemas: count((_, t) => /"(schema|items|additionalProperties|not)":(true|false)/.test(t)),
      typeArrays: count((_, t) => /"type":\[/.test(t)),
      emptySecurity: count((_, t) => t.includes('"security":[]')),
      anonymousSecurity: count((_, t) => t.includes('"security":[{}')),
      serverVariables: count((_, t) => t.includes('"variables":{"')),
      extensions: count((_, t) => t.includes(`"${EXT_PREFIX}`)),
      longKeys: count((_, t) => /"[^"]{1001,}":/.test(t)),
      callbacks: count((_, t) => t.includes('"callbacks":{"')),
      webhooks: count((_, t) => t.includes('"webhooks":{"')),
    });
  }, 600_000);
});
