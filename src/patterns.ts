import { RegExpParser } from '@eslint-community/regexpp';
import type { AST } from '@eslint-community/regexpp';
import { analyse } from 'scslre';

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

const parser = new RegExpParser({ ecmaVersion: 2025 });
const UNICODE_FLAGS = parser.parseFlags('u');

/** The pattern's syntax tree in Unicode mode, or undefined when it does not parse (pattern-syntax reports those). */
function parse(pattern: string): AST.Pattern | undefined {
  if (patternCompileError(pattern) !== undefined) return undefined;
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

/** Literal text, `.*`, or a group of alternatives each open so at that end: an end left open on purpose. */
function isOpenByDesign(element: AST.Element, side: 'start' | 'end'): boolean {
  if (element.type === 'Character') return true;
  if (element.type === 'Quantifier')
    return element.min === 0 && element.max === Infinity && element.element.type === 'CharacterSet' && element.element.kind === 'any';
  if (element.type !== 'Group' && element.type !== 'CapturingGroup') return false;
  return element.alternatives.every(({ elements }) => {
    const edge = side === 'start' ? elements[0] : elements[elements.length - 1];
    return edge !== undefined && isOpenByDesign(edge, side);
  });
}

/** The backtracking risk of a pattern: `exponential`, `polynomial`, or undefined for none found. */
export type BacktrackingRisk = 'exponential' | 'polynomial';

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
  try {
    const { reports } = analyse({ pattern: ast, flags: UNICODE_FLAGS });
    if (reports.length === 0) return null;
    return reports.some(report => report.exponential) ? 'exponential' : 'polynomial';
  } catch {
    return null; // the automaton grew past the analysis's limits
  }
}
