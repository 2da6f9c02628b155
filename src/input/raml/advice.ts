/*
 * Rules speak OpenAPI: they read the OpenAPI document a RAML API is converted to, and their
 * messages say what to write there (`x-specguard-public`, a "security" requirement, writeOnly).
 * A RAML user writes something else: the annotation `(specguard-public)`, `securedBy`, the
 * `(writeOnly)` annotation. This is the one place that says each fix in RAML's words, for the
 * messages of RAML findings and for the RAML notes of the rules' docs pages.
 */

/** An OpenAPI term in rule advice and how a RAML API says it. */
export interface RamlWording {
  /** What the advice says, as a regular expression over the message. */
  openapi: RegExp;
  /** The RAML words (a replacement string: `$1` is the first group). */
  raml: string;
  /** How the docs pages show the pair. */
  shown: [openapi: string, raml: string];
}

export const RAML_WORDINGS: readonly RamlWording[] = [
  {
    // An extension named in advice (not a quoted header name such as "x-access-token").
    openapi: /(?<!["\w-])x-([a-z][a-z0-9-]*)/g,
    raml: '($1)',
    shown: ['x-<name> extensions', 'the annotation (<name>), declared in annotationTypes'],
  },
  { openapi: /"security"/g, raml: 'securedBy', shown: ['"security"', 'securedBy'] },
  { openapi: /\bwriteOnly: true\b/g, raml: '(writeOnly): true', shown: ['writeOnly: true', 'the annotation (writeOnly): true'] },
  { openapi: /\bmark it readOnly\b/g, raml: 'mark it (readOnly)', shown: ['readOnly', 'the annotation (readOnly)'] },
  {
    openapi: / \(components\.responses; responses in OAS 2\.0\)/g,
    raml: ' (a trait applied to every method)',
    shown: ['a shared response (components.responses)', 'a trait applied to every method'],
  },
  { openapi: /shared response components/g, raml: 'a trait applied to every method', shown: ['shared response components', 'a trait'] },
  {
    openapi: / \(in OpenAPI 3\.1, unevaluatedProperties: false when composing with allOf\)/g,
    raml: '',
    shown: ['unevaluatedProperties (OpenAPI 3.1)', 'additionalProperties: false on the type'],
  },
  { openapi: /\binfo\.version\b/g, raml: 'version', shown: ['info.version', 'version'] },
  { openapi: /\bServer URL "/g, raml: 'baseUri "', shown: ['a server URL', 'baseUri (one server per protocol)'] },
  {
    openapi: /\(an apiKey in the (\w+), or http bearer for Authorization\)/g,
    raml: '(a Pass Through scheme that describes the $1, or an x-{other} scheme, under securitySchemes)',
    shown: ['an apiKey or http bearer scheme', 'a Pass Through or x-{other} scheme under securitySchemes'],
  },
  {
    // RAML strings have no format facet: a pattern or an enum restricts them.
    openapi: /add a pattern, a format \(uuid, date-time, email, uri\.\.\.\) or an enum/g,
    raml: 'add a pattern or an enum (RAML strings have no format facet)',
    shown: ['a string format (uuid, email...)', 'a pattern (RAML strings have no format facet)'],
  },
  { openapi: /\(type string, format uuid\)/g, raml: '(a string with a UUID pattern)', shown: ['format: uuid', 'a UUID pattern'] },
];

/** A rule's advice in RAML's words, for a finding in a RAML API. */
export function inRamlWords(message: string): string {
  let said = message;
  for (const { openapi, raml } of RAML_WORDINGS) said = said.replace(openapi, raml);
  return said;
}

/** The pairs of RAML_WORDINGS a text uses (a rule's messages and page), for that page's RAML note. */
export function ramlWordingsIn(text: string): Array<[string, string]> {
  return RAML_WORDINGS.filter(({ openapi }) => new RegExp(openapi.source).test(text)).map(({ shown }) => shown);
}
