import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { InputError } from '../../parse/errors.js';
import { checkAliasExpansion, decodeText, MAX_NESTING_DEPTH } from '../../parse/input-guards.js';
import type { GuardProblem } from '../../parse/input-guards.js';
import { refuseAliasBomb, tooLarge } from '../../parse/load.js';
import { PACKAGE_ROOT } from '../../package/package-root.js';
import { isExtension, isRootApi, ramlHeader } from './header.js';
import { mergeExtension } from './merge.js';
import { entriesOf, get, scalar } from './tree.js';
import type { Loc, RNode } from './tree.js';

/*
 * Loading RAML with raml-1-parser under the same guards as OpenAPI: every file it reads goes
 * through our resolver (size, encoding, alias bombs, the API's folder), http(s) is refused unless
 * allowed, and the expanded model (traits, resource types and libraries applied) is copied into a
 * plain located tree. Full validation (`errors()`) and `toJSON()` are super-linear and never run.
 */

export interface RamlLoadOptions {
  maxFileBytes: number;
  /** Fetch http(s) includes with raml-1-parser's own resolver. Default: refuse them. */
  allowRemoteRefs?: boolean;
  /** Folder that `!include` may not leave. Default: the root file's folder. */
  includeRoot?: string;
}

export interface LoadedRaml {
  version: '0.8' | '1.0';
  tree: RNode;
  /** Includes and libraries that were not read (missing, refused), where they are named. */
  problems: Array<{ loc: Loc; message: string }>;
}

/* Minimal shapes of raml-1-parser's low-level model (its own typings pull in the whole parser). */
interface LowLevelNode {
  key(): string | null;
  value(): unknown;
  kind(): number;
  valueKind(): number | null;
  children(): LowLevelNode[];
  includePath(): string | null;
  optional?(): boolean;
  start(): number;
  end(): number;
  unit(): Unit;
}
interface Unit {
  absolutePath(): string;
  lineMapper(): { position(offset: number): { line: number; column: number } };
  ast(): { errors(): Array<{ message: string; mark?: { line: number; column: number } }>; children(): LowLevelNode[] } | null;
  resolve(path: string): Unit | null;
}
interface RamlParser {
  loadApiSync(file: string, extensions: string[], options: object): { expand?(libraries: boolean): RamlApi } & RamlApi;
}
interface RamlApi {
  highLevel(): { lowLevel(): LowLevelNode };
}

const require = createRequire(import.meta.url);
let parser: RamlParser | undefined;
/**
 * raml-1-parser is vendored: one file bundled at build time (scripts/vendor-raml.mjs) with the
 * fixed versions of its dependencies, so installing specguard brings none of the vulnerable ones
 * raml-1-parser asks for. It takes most of a second to load: only RAML users pay for it.
 */
const ramlParser = () => (parser ??= require(path.join(PACKAGE_ROOT, 'dist', 'vendor', 'raml-1-parser.cjs')) as RamlParser);

const YAML_SEQ = 3;
const YAML_MAP = 2;
const YAML_MAPPING = 1;

export function loadRaml(text: string, source: string, options: RamlLoadOptions): LoadedRaml {
  const guarded = { ...options, includeRoot: path.resolve(options.includeRoot ?? path.dirname(source)) };
  checkExtendsChain(text, source, guarded);
  return load(text, source, guarded);
}

type GuardedOptions = RamlLoadOptions & { includeRoot: string };

/** One root file (an API, or an overlay or extension merged into the API it extends). */
function load(text: string, source: string, options: GuardedOptions): LoadedRaml {
  refuseAliasBomb(text, source);
  refuseDeepNesting(text, source);
  const version = /^#%RAML[ \t]+0\.8/.test(text) ? '0.8' : '1.0';
  const { includeRoot } = options;
  /** Files and URLs the resolver refused, with why. */
  const refused = new Map<string, string>();
  const read = (file: string): string | null => {
    const absolute = path.resolve(file);
    if (absolute === source) return text;
    if (!isInside(absolute, includeRoot)) {
      refused.set(absolute, `leaves the API's folder (${includeRoot}); refused`);
      return null;
    }
    const result = readGuarded(absolute, options.maxFileBytes);
    if (typeof result === 'string') return result;
    refused.set(absolute, result.reason);
    return null;
  };
  const fsResolver = { content: read, contentAsync: (file: string) => Promise.resolve(read(file)) };
  const refuseRemote = (url: string) => {
    refused.set(url, 'is remote; specguard reads only local files unless --allow-remote-refs is given');
    return { content: null };
  };
  const httpResolver = options.allowRemoteRefs
    ? undefined
    : { getResource: refuseRemote, getResourceAsync: (url: string) => Promise.resolve(refuseRemote(url)) };

  let root: LowLevelNode;
  try {
    const api = ramlParser().loadApiSync(source, [], { fsResolver, httpResolver, rejectOnErrors: false });
    if (!api) throw new InputError(source, 'cannot be read as a RAML API');
    // expand() gives null for an extension of something that is not an API (reported by withMaster).
    root = ((api.expand ? api.expand(true) : undefined) ?? api).highLevel().lowLevel();
  } catch (error) {
    throw asInputError(error, source);
  }
  try {
    const builder = new TreeBuilder(refused, includeRoot);
    const tree = builder.build(root);
    const loaded: LoadedRaml = { version, tree, problems: builder.problems };
    return isExtension(ramlHeader(text)) ? withMaster(loaded, source, options, refused) : loaded;
  } catch (error) {
    throw asInputError(error, source);
  }
}

/**
 * An overlay or extension merged into the API it `extends`, which is loaded as a root file of its
 * own under the same guards. A master that was not read is reported at the `extends` line (by
 * the tree builder, as for libraries) and the extension is linted alone.
 */
function withMaster(extension: LoadedRaml, source: string, options: GuardedOptions, refused: Map<string, string>): LoadedRaml {
  const extendsNode = get(extension.tree, 'extends');
  const name = scalar(extendsNode);
  if (extendsNode === undefined || typeof name !== 'string') return extension;
  const masterFile = resolveReference(name, source, options.includeRoot);
  if (refused.has(masterFile)) return extension;
  const unmerged = (why: string) => ({
    ...extension,
    problems: [...extension.problems, { loc: extendsNode.loc, message: `extends ${name}: ${why}` }],
  });
  if (/^https?:\/\//i.test(masterFile)) return unmerged("a remote API is not merged; only this file's own nodes are linted");
  const read = readGuarded(masterFile, options.maxFileBytes);
  if (typeof read !== 'string') return unmerged(read.reason);
  // checkExtendsChain has read it already: an API, overlay or extension.
  const masterText = read.replace(/^\uFEFF/, '');
  const master = load(masterText, masterFile, options);
  return { version: '1.0', tree: mergeExtension(master.tree, extension.tree), problems: [...master.problems, ...extension.problems] };
}

/**
 * The `extends` chain, walked in the text (top-level `extends:` lines) before raml-1-parser reads
 * it: the parser follows a cycle without end and fails on a master that is not an API, so
 * either ends in exit 2 at the `extends` line.
 */
function checkExtendsChain(text: string, source: string, options: GuardedOptions): void {
  const chain = [source];
  let [file, content] = [source, text];
  while (isExtension(ramlHeader(content))) {
    const line = /^extends:[ \t]*['"]?([^'"#\r\n]*?)['"]?[ \t]*(?:#.*)?$/m.exec(content);
    if (!line) return;
    const master = resolveReference(line[1], file, options.includeRoot);
    const refuse = (why: string) =>
      new InputError(`${file}:${content.slice(0, line.index).split('\n').length}:1`, `extends ${line[1]}, ${why}; refused`);
    if (chain.includes(master)) throw refuse('which leads back to this file (an extends cycle)');
    // What is not read here is refused (and reported) when raml-1-parser asks for it.
    if (/^https?:\/\//i.test(master) || !isInside(master, options.includeRoot)) return;
    const read = readGuarded(master, options.maxFileBytes);
    if (typeof read !== 'string') return;
    const next = read.replace(/^\uFEFF/, '');
    const header = ramlHeader(next);
    if (header?.version !== '1.0' || !isRootApi(header)) throw refuse('which is not a RAML 1.0 API, overlay or extension');
    chain.push(master);
    [file, content] = [master, next];
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The file (or URL) an `!include`, library or `extends` names; an absolute path starts at the API's root folder. */
function resolveReference(reference: string, from: string, includeRoot: string): string {
  if (/^https?:\/\//i.test(reference)) return reference;
  return reference.startsWith('/') ? path.join(includeRoot, reference) : path.resolve(path.dirname(from), reference);
}

function asInputError(error: unknown, source: string): InputError {
  if (error instanceof InputError) return error;
  if (error instanceof RangeError) return new InputError(source, tooDeep);
  return new InputError(source, `cannot be read as RAML: ${error instanceof Error ? error.message : String(error)}`);
}

const tooDeep = `nests more than ${MAX_NESTING_DEPTH} levels deep; refused`;

/** One included file, under the same guards as the root file; a reason when refused. */
function readGuarded(file: string, maxBytes: number): string | { reason: string } {
  let bytes: Buffer;
  try {
    const { size } = statSync(file);
    if (size > maxBytes) return { reason: tooLarge(size, maxBytes) };
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      reason: code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? String(error)})`,
    };
  }
  const decoded = decodeText(bytes);
  if ('reason' in decoded) return { reason: decoded.reason };
  const problem = checkAliasExpansion(decoded.text) ?? nestingProblem(decoded.text);
  return problem ? { reason: problem.at ? `line ${problem.at.line + 1}: ${problem.reason}` : problem.reason } : decoded.text;
}

function refuseDeepNesting(text: string, source: string): void {
  const problem = nestingProblem(text);
  if (problem?.at) throw new InputError(`${source}:${problem.at.line + 1}:${problem.at.character + 1}`, problem.reason);
}

/**
 * Nesting too deep for raml-1-parser's recursive YAML reader, found in the text before it reads
 * it: open flow brackets plus indentation bound the depth from above, and real files stay far
 * below the limit either way.
 */
function nestingProblem(text: string): GuardProblem | undefined {
  let line = 0;
  let lineStart = 0;
  let indent = 0;
  let inIndent = true;
  let brackets = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      lineStart = i + 1;
      indent = 0;
      inIndent = true;
      quote = '';
      continue;
    }
    if (inIndent && c === ' ') {
      indent++;
      continue;
    }
    inIndent = false;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || (c === "'" && /[\s[{,:]/.test(text[i - 1] ?? ' '))) {
      quote = c;
    } else if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
    } else if (c === '[' || c === '{') {
      brackets++;
      if (brackets + indent > MAX_NESTING_DEPTH) return { at: { line, character: i - lineStart }, reason: tooDeep };
    } else if (c === ']' || c === '}') {
      brackets = Math.max(0, brackets - 1);
    }
    if (indent > MAX_NESTING_DEPTH) return { at: { line, character: 0 }, reason: tooDeep };
  }
  return undefined;
}

/** Copies the expanded low-level model into a located tree, checking each include and file it meets. */
class TreeBuilder {
  private readonly checkedUnits = new Set<string>();
  readonly problems: LoadedRaml['problems'] = [];
  private readonly explained = new Set<string>();

  constructor(
    private readonly refused: Map<string, string>,
    private readonly includeRoot: string,
  ) {}

  build(root: LowLevelNode): RNode {
    const tree = this.node(root, undefined, 0, []);
    // A library that could not be read is named at its `uses` line.
    for (const [, library] of entriesOf(get(tree, 'uses'))) {
      const target = this.targetOf(String(scalar(library)), library.loc.file);
      const reason = this.refused.get(target);
      if (reason) this.problem(library.loc, target, `library ${String(scalar(library))}: ${reason}`);
    }
    // So is an API an overlay or extension `extends`.
    const master = get(tree, 'extends');
    if (master && typeof scalar(master) === 'string') {
      const target = this.targetOf(String(scalar(master)), master.loc.file);
      const reason = this.refused.get(target);
      if (reason) this.problem(master.loc, target, `extends ${String(scalar(master))}: ${reason}`);
    }
    // Any other refused read (a file some fragment names) is reported at the root.
    for (const [file, reason] of this.refused) if (!this.explained.has(file)) this.problem(tree.loc, file, `${file}: ${reason}`);
    return tree;
  }

  private problem(loc: Loc, target: string, message: string): void {
    this.explained.add(target);
    this.problems.push({ loc, message });
  }

  private node(ll: LowLevelNode, parent: Loc | undefined, depth: number, includes: string[]): RNode {
    if (depth > MAX_NESTING_DEPTH) throw new InputError(parent ? located(parent) : ll.unit().absolutePath(), tooDeep);
    const loc = this.locOf(ll, parent);
    const include = ll.includePath();
    let chain = includes;
    if (include) {
      const target = this.targetOf(include, loc.file);
      // A cycle re-enters a file from inside it; the same fragment twice down one branch (a
      // resource type used at two levels) is no cycle.
      if (target === loc.file || (includes.includes(target) && includes.includes(loc.file))) {
        throw new InputError(located(loc), `!include ${include} includes itself (an include cycle); refused`);
      }
      const reason = this.refused.get(target) ?? (/^Can not resolve /.test(String(ll.value())) ? 'cannot be resolved' : undefined);
      if (reason) {
        // Not read: reported where it is named, and linted as if absent.
        if (!this.explained.has(`${located(loc)} ${target}`))
          this.problem(loc, `${located(loc)} ${target}`, `!include ${include}: ${reason}`);
        this.explained.add(target);
        return { kind: 'scalar', loc, value: null };
      }
      chain = [...includes, target];
    }
    const children = include ? this.includedChildren(ll, include) : ll.children();
    const shape = ll.kind() === YAML_MAPPING ? ll.valueKind() : ll.kind();
    const isSeq = shape === YAML_SEQ || (children.length > 0 && children.every(child => child.key() === null));
    if (isSeq) return { kind: 'seq', loc, items: children.map(child => this.node(child, loc, depth + 1, chain)) };
    if (children.length > 0 || shape === YAML_MAP) {
      // The parser strips an optional key's `?` (`name?: string`); the converter reads it back.
      return {
        kind: 'map',
        loc,
        entries: children.map(child => [`${String(child.key())}${child.optional?.() ? '?' : ''}`, this.node(child, loc, depth + 1, chain)]),
      };
    }
    const value = ll.value();
    return {
      kind: 'scalar',
      loc,
      value: value === null || ['string', 'number', 'boolean'].includes(typeof value) ? (value as string | number | boolean | null) : null,
    };
  }

  /**
   * An included node's children. raml-1-parser's library expansion (an API with `uses`) leaves a
   * map included whole, as in `types: !include types.raml`, empty: its children are then read from
   * the included file's own tree.
   */
  private includedChildren(ll: LowLevelNode, include: string): LowLevelNode[] {
    const children = ll.children();
    if (children.length > 0 || ['string', 'number', 'boolean'].includes(typeof ll.value())) return children;
    return ll.unit().resolve(include)?.ast()?.children() ?? children;
  }

  private targetOf(include: string, from: string): string {
    return resolveReference(include, from, this.includeRoot);
  }

  /** Where a node was written; generated nodes without a place of their own take their parent's. */
  private locOf(ll: LowLevelNode, parent: Loc | undefined): Loc {
    const unit = ll.unit();
    const start = ll.start();
    if (!unit || start < 0) return parent ?? { file: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    const file = unit.absolutePath();
    this.checkSyntax(unit, file);
    const lines = unit.lineMapper();
    const from = lines.position(start);
    const to = lines.position(Math.max(start, ll.end()));
    return { file, range: { start: { line: from.line, character: from.column }, end: { line: to.line, character: to.column } } };
  }

  /** The YAML errors raml-1-parser found while reading a file (cheap, unlike full validation). */
  private checkSyntax(unit: Unit, file: string): void {
    if (this.checkedUnits.has(file)) return;
    this.checkedUnits.add(file);
    const error = unit.ast()?.errors()[0];
    if (!error) return;
    const at = error.mark ? `${file}:${error.mark.line + 1}:${error.mark.column + 1}` : file;
    throw new InputError(at, `invalid YAML: ${error.message.replace(/^JS-YAML: /, '').replace(/ at line \d+, column \d+$/, '')}`);
  }
}

const located = (loc: Loc) => `${loc.file}:${loc.range.start.line + 1}:${loc.range.start.character + 1}`;
