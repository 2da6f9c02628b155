import { RegExpParser } from '@eslint-community/regexpp';
import type { AST } from '@eslint-community/regexpp';
import { analyse } from 'scslre';
import type { Report } from 'scslre';

/*
 * What the rules know about a schema `pattern`: whether it compiles, whether it is anchored, and
 * whether it is open to catastrophic backtracking. Patterns are parsed and analysed, never run,
 * so a hostile pattern costs the linter its length, not its worst case.
 */

/**
 * Why `pattern` does not compile as a Unicode-mode (ECMA-262 `u` flag) regular expression, or
 * undefined when it does. Compiling is linear in the pattern's length and never runs it.
 */
export function patternCompileError(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (error) {
    // "Invalid regular expression: /[a/u: Unterminated character class" -> "Unterminated character class"
    const message = error instanceof Error ? error.message : String(error);
    return message.slice(message.lastIndexOf(': ') + 2) || 'invalid';
  }
}

/**
 * The flags of a pattern written as a Perl/PHP/JavaScript regex literal, delimiters and all
 * (`/^[a-z]+$/i`: flags `i`, or `''` for `/^\d+$/`), or undefined for any other pattern. ECMA-262
 * patterns have no delimiters: the slashes and flags are text a value must contain, so with an
 * anchor inside them (`/^`, `$/`) no value can ever match. Only anchored bodies or written flags
 * count, so a path check such as `/v1/` is left alone.
 */
export function delimiterFlags(pattern: string): string | undefined {
  const literal = /^\/(.+)\/([gimsuyxnADJSUX]{0,8})$/s.exec(pattern);
  if (literal === null) return undefined;
  const [, body, flags] = literal;
  return flags !== '' || body.startsWith('^') || (body.endsWith('$') && !body.endsWith('\\$')) ? flags : undefined;
}

const parser = new RegExpParser({ ecmaVersion: 2025 });
const UNICODE_FLAGS = parser.parseFlags('u');

/**
 * The pattern's syntax tree in Unicode mode, or undefined when it does not parse or is a
 * delimited literal (pattern-syntax reports those: their anchors and repetitions mean nothing).
 */
function parse(pattern: string): AST.Pattern | undefined {
  if (patternCompileError(pattern) !== undefined || delimiterFlags(pattern) !== undefined) return undefined;
  try {
    return parser.parsePattern(pattern, 0, pattern.length, { unicode: true });
  } catch {
    return undefined; // a syntax newer than the parser knows: judge nothing
  }
}

/**
 * How a pattern fails to restrict the whole value, or undefined when it does or never meant to:
 * - `alternatives`: `^a|b$` reads as `(^a)|(b$)`, so each alternative is anchored at one end only;
 * - `start`, `end`, `both`: the ends where a value may carry anything around a match.
 * An end that is literal text or `.*` is open by design (a prefix check `^https://`, a substring
 * check `github`), so only an end made of a character class, a set or a repetition counts: that
 * is a whole-value format with its anchor forgotten (`^[a-z]+`, `\d{3}-\d{4}`).
 */
export type AnchorGap = 'alternatives' | 'start' | 'end' | 'both';

export function anchorGap(pattern: string): AnchorGap | undefined {
  const ast = parse(pattern);
  if (ast === undefined) return undefined;
  const alternatives = wholeValueAlternatives(ast.alternatives).filter(({ elements }) => elements.length > 0);
  const starts = alternatives.map(({ elements }) => isAnchor(elements[0], 'start'));
  const ends = alternatives.map(({ elements }) => isAnchor(elements[elements.length - 1], 'end'));
  // Anchors on some alternatives and not on others: the author meant them for all (`^a|b$`).
  if (isMixed(starts) || isMixed(ends)) return 'alternatives';
  const start = alternatives.some(({ elements }, i) => !starts[i] && !isOpenByDesign(elements[0], 'start'));
  const end = alternatives.some(({ elements }, i) => !ends[i] && !isOpenByDesign(elements[elements.length - 1], 'end'));
  if (!start && !end) return undefined;
  return start && end ? 'both' : start ? 'start' : 'end';
}

/** The alternatives that each must match the whole value: a group spanning a whole alternative is opened up. */
function wholeValueAlternatives(alternatives: readonly AST.Alternative[]): AST.Alternative[] {
  const out: AST.Alternative[] = [];
  for (const alternative of alternatives) {
    const [only] = alternative.elements;
    if (alternative.elements.length === 1 && (only.type === 'Group' || only.type === 'CapturingGroup'))
      out.push(...wholeValueAlternatives(only.alternatives));
    else out.push(alternative);
  }
  return out;
}

const isMixed = (flags: boolean[]) => flags.includes(true) && flags.includes(false);

const isAnchor = (element: AST.Element, kind: 'start' | 'end') => element.type === 'Assertion' && element.kind === kind;

/**
 * Literal text, an unbounded run of any character (`.*`, `.+`: it reaches the end of the value
 * anyway, so an anchor would add nothing), or a group of alternatives each open so at that end:
 * an end left open on purpose.
 */
function isOpenByDesign(element: AST.Element, side: 'start' | 'end'): boolean {
  if (element.type === 'Character') return true;
  if (element.type === 'Quantifier') return element.max === Infinity && matchesAnyCharacter(element.element);
  if (element.type !== 'Group' && element.type !== 'CapturingGroup') return false;
  return element.alternatives.every(({ elements }) => {
    const edge = side === 'start' ? elements[0] : elements[elements.length - 1];
    return edge !== undefined && isOpenByDesign(edge, side);
  });
}

/** `.`, `[^]`, or a class of a set and its complement (`[\s\S]`, `[\d\D]`, `[\w\W]`). */
function matchesAnyCharacter(element: AST.QuantifiableElement): boolean {
  if (element.type === 'CharacterSet') return element.kind === 'any';
  if (element.type !== 'CharacterClass' || element.unicodeSets) return false;
  if (element.negate) return element.elements.length === 0;
  const escapes = element.elements.filter((e): e is AST.EscapeCharacterSet => e.type === 'CharacterSet' && e.kind !== 'property');
  return escapes.some(a => escapes.some(b => a.kind === b.kind && a.negate !== b.negate));
}

/**
 * The backtracking risk of a pattern: exponential, or polynomial of a degree (2: the work grows
 * with the square of the value's length). Undefined for none found.
 */
export type BacktrackingRisk = { kind: 'exponential' } | { kind: 'polynomial'; degree: number };

/**
 * The shortest value length at which a crafted value can make a pattern of this risk take
 * `steps` backtracking steps: n^degree for a polynomial, 2^n for an exponential one. At 1e8
 * steps (a tenth of a second or more on V8): quadratic 10,000 characters, cubic 465,
 * exponential 27.
 */
export function harmfulLength(risk: BacktrackingRisk, steps: number): number {
  return Math.ceil(risk.kind === 'exponential' ? Math.log2(steps) : steps ** (1 / risk.degree) - 1e-9);
}

/** Analysed patterns, by text: specs repeat the same patterns across schemas and files. */
const risks = new Map<string, BacktrackingRisk | null>();
const MAX_CACHED = 10_000;
/** Longer patterns are not analysed: the analysis grows with the automaton, and such patterns are rare. */
const MAX_ANALYSED_LENGTH = 2_000;

/**
 * Whether `pattern`, as a validator runs it (an unanchored search with the `u` flag), can take
 * super-linear time on crafted input, decided by scslre (see README, dependencies). Patterns that do not compile, or that the
 * analysis cannot finish, have no known risk.
 */
export function backtrackingRisk(pattern: string): BacktrackingRisk | undefined {
  let risk = risks.get(pattern);
  if (risk === undefined) {
    risk = analyseBacktracking(pattern);
    if (risks.size >= MAX_CACHED) risks.clear();
    risks.set(pattern, risk);
  }
  return risk ?? undefined;
}

function analyseBacktracking(pattern: string): BacktrackingRisk | null {
  if (pattern.length > MAX_ANALYSED_LENGTH) return null;
  const ast = parse(pattern);
  if (ast === undefined) return null;
  let reports: Report[];
  try {
    reports = analyse({ pattern: ast, flags: UNICODE_FLAGS }).reports;
  } catch {
    return null; // the automaton grew past the analysis's limits
  }
  if (reports.length === 0) return null;
  if (reports.some(report => report.exponential)) return { kind: 'exponential' };
  return { kind: 'polynomial', degree: polynomialDegree(reports) };
}

/**
 * The degree of the polynomial backtracking scslre found. Quantifiers that trade characters
 * (`^a*a*b`) split a run between them: k of them chained give n^k. A quantifier that reaches
 * itself inside a parent repeated at most m times (`^(a+){0,3}$`) gives n^m. An unanchored
 * search retries from every position (scslre's Move reports), one more factor n for the
 * quantifiers it restarts: `.*\S.*` is quadratic, `\d*\w+x` cubic.
 */
function polynomialDegree(reports: readonly Report[]): number {
  const chains = new Map<AST.Quantifier, Set<AST.Quantifier>>();
  const chainOf = (quantifier: AST.Quantifier) => {
    let chain = chains.get(quantifier);
    if (chain === undefined) chains.set(quantifier, (chain = new Set([quantifier])));
    return chain;
  };
  const join = (a: AST.Quantifier, b: AST.Quantifier) => {
    const [chainA, chainB] = [chainOf(a), chainOf(b)];
    if (chainA === chainB) return;
    for (const quantifier of chainB) {
      chainA.add(quantifier);
      chains.set(quantifier, chainA);
    }
  };
  const restarted = new Set<AST.Quantifier>();
  let degree = 2;
  for (const report of reports) {
    if (report.type === 'Trade') join(report.startQuant, report.endQuant);
    else if (report.type === 'Move') restarted.add(report.quant);
    else degree = Math.max(degree, report.parentQuant.max);
  }
  for (const quantifier of restarted) chainOf(quantifier);
  for (const chain of new Set(chains.values())) {
    const restarts = [...chain].some(quantifier => restarted.has(quantifier)) ? 1 : 0;
    degree = Math.max(degree, chain.size + restarts);
  }
  return degree;
}
