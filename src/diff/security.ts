import { DEFAULT_PUBLIC_EXTENSION, weaknessOf } from '../rule-helpers/auth-facts.js';
import type { EffectiveSecurity, RequiredSchemeEntry, SecurityRequirementEntry } from '../document-index/index.js';
import type { Finding } from '../findings/findings.js';
import { nameWords } from '../rule-helpers/naming.js';
import { describeOperation } from '../rule-kit.js';
import type { DiffDocument } from './document.js';
import { REGRESSION_KINDS } from './kinds.js';
import type { OperationPair } from './match.js';
import { regression } from './regression.js';

/*
 * What an operation's effective security (the index's, root default applied) lost between two
 * versions: all of it, to `{}`, to a public mark; a scope; a weak alternative gained.
 */

export function securityRegressions(pairs: readonly OperationPair[], old: DiffDocument, current: DiffDocument): Finding[] {
  const found: Finding[] = [];
  for (const pair of pairs) {
    const before = pair.old.security;
    const after = pair.new.security;
    const operation = describeOperation(pair.new);
    const wasAt = old.locate(before.path ?? pair.old.path);
    if (before.allowsAnonymous) continue;
    if (after.allowsAnonymous) {
      found.push(lostAuthentication(pair, operation, describeSecurity(before), wasAt, current));
      continue;
    }
    for (const requirement of after.requirements) {
      const earlier = before.requirements.find(r => sameSchemes(r, requirement));
      if (earlier === undefined) {
        const weak = requirement.schemes.map(s => weaknessOf(s.scheme));
        // An alternative of weak schemes only lets a caller skip the strong ones; AND-ing a strong one keeps it strong.
        if (weak.every(w => w !== undefined) && !before.requirements.every(isWeakOnly))
          found.push(
            regression(
              REGRESSION_KINDS.weakSchemeAdded,
              `${operation} now also accepts ${weak.join(' and ')}, where it required ${describeSecurity(before)}: callers can skip the stronger credential. Remove the alternative.`,
              wasAt,
              current.locate(requirement.path),
            ),
          );
        continue;
      }
      for (const scheme of requirement.schemes) {
        const was = earlier.schemes.find(s => s.name === scheme.name)!;
        if (weaknessOf(scheme.scheme) !== undefined && weaknessOf(was.scheme) === undefined)
          found.push(
            regression(
              REGRESSION_KINDS.weakSchemeAdded,
              `${operation} now accepts ${weaknessOf(scheme.scheme)}, where the scheme of that name was not weak before: callers send a weaker credential. Keep the stronger scheme.`,
              old.locate(was.scheme?.path ?? was.path),
              current.locate(scheme.scheme?.path ?? scheme.path),
            ),
          );
        found.push(...scopeRegressions(operation, was, scheme, old, current));
      }
    }
  }
  return found;
}

function lostAuthentication(
  pair: OperationPair,
  operation: string,
  required: string,
  wasAt: ReturnType<DiffDocument['locate']>,
  current: DiffDocument,
): Finding {
  const after = pair.new.security;
  const mark = pair.new.operation[DEFAULT_PUBLIC_EXTENSION];
  if (typeof mark === 'string' && mark.trim() !== '')
    return regression(
      REGRESSION_KINDS.madePublic,
      `${operation} is now public ("${mark.trim()}"), where it required ${required}: confirm that anonymous callers may use it.`,
      wasAt,
      current.locate([...pair.new.path, DEFAULT_PUBLIC_EXTENSION]),
    );
  const empty = after.requirements.find(r => r.schemes.length === 0);
  if (empty !== undefined && after.requirements.length > 1)
    return regression(
      REGRESSION_KINDS.anonymousAllowed,
      `${operation} now accepts anonymous callers ({} was added to its security), where it required ${required}: remove {} unless anyone may call it.`,
      wasAt,
      current.locate(empty.path),
    );
  return regression(
    REGRESSION_KINDS.securityRemoved,
    `${operation} no longer requires authentication, where it required ${required}: restore its security requirement, or mark it public with ${DEFAULT_PUBLIC_EXTENSION}: "<reason>".`,
    wasAt,
    current.locate(after.path ?? pair.new.path),
  );
}

/** A scope the old requirement asked for and the new one does not: dropped, or replaced by a broader one (a narrower one is fine). */
function scopeRegressions(
  operation: string,
  was: RequiredSchemeEntry,
  now: RequiredSchemeEntry,
  old: DiffDocument,
  current: DiffDocument,
): Finding[] {
  const added = now.scopes.filter(scope => !was.scopes.includes(scope));
  const found: Finding[] = [];
  for (const scope of was.scopes.filter(s => !now.scopes.includes(s))) {
    if (added.some(a => isNarrower(a, scope))) continue;
    const broader = added.find(a => isBroader(a, scope));
    found.push(
      broader === undefined
        ? regression(
            REGRESSION_KINDS.scopeDropped,
            `${operation} no longer requires scope "${scope}" of "${now.name}": check that callers without it may use the operation.`,
            old.locate(was.path),
            current.locate(now.path),
          )
        : regression(
            REGRESSION_KINDS.scopeWidened,
            `${operation} now requires scope "${broader}" of "${now.name}" where it required "${scope}": a broader grant than before; require the narrowest scope that allows the operation.`,
            old.locate(was.path),
            current.locate(now.path),
          ),
    );
  }
  return found;
}

const SEPARATORS = [':', '.', '/'];

/** `repo:read` is narrower than `repo`. */
const isNarrower = (scope: string, than: string) => SEPARATORS.some(sep => scope.startsWith(than + sep));

/** `repo` is broader than `repo:read`; an admin, all or `*` scope is broader than one that is not. */
function isBroader(scope: string, than: string): boolean {
  return isNarrower(than, scope) || (isSweeping(scope) && !isSweeping(than));
}

const SWEEPING_WORDS = new Set(['admin', 'administrator', 'all', 'full', 'root', 'superuser', 'owner']);
const isSweeping = (scope: string) => scope === '*' || nameWords(scope).some(word => SWEEPING_WORDS.has(word));

function sameSchemes(a: SecurityRequirementEntry, b: SecurityRequirementEntry): boolean {
  const names = (r: SecurityRequirementEntry) =>
    r.schemes
      .map(s => s.name)
      .sort()
      .join('\u0000');
  return a.schemes.length > 0 && names(a) === names(b);
}

const isWeakOnly = (r: SecurityRequirementEntry) => r.schemes.length > 0 && r.schemes.every(s => weaknessOf(s.scheme) !== undefined);

/** `oauth (repo:read) or apiKey`: the alternatives an operation accepted. */
function describeSecurity(security: EffectiveSecurity): string {
  return security.requirements
    .map(r => r.schemes.map(s => (s.scopes.length > 0 ? `${s.name} (${s.scopes.join(', ')})` : s.name)).join(' and '))
    .join(' or ');
}
