/**
 * Known advisories in packages raml-1-parser asks for, with the first version that fixes each.
 * raml-1-parser pins or allows the vulnerable versions; specguard vendors it with fixed ones
 * (scripts/vendor-raml.mjs), and the tests check that no copy below these versions reaches a user.
 */
export const FIRST_FIXED: Record<string, { version: string; advisory: string }> = {
  // ts-model pins 1.9.1: code injection through _.template (CVE-2021-23358).
  underscore: { version: '1.12.1', advisory: 'CVE-2021-23358' },
  // z-schema 3 pins 10.x: ReDoS in trim functions (CVE-2021-3765) and later fixes in 13.x.
  validator: { version: '13.7.0', advisory: 'CVE-2021-3765' },
  // raml-typesystem allows 0.4.x: prototype pollution through element names (CVE-2023-0842).
  xml2js: { version: '0.5.0', advisory: 'CVE-2023-0842' },
};

/**
 * Bundled packages whose version has an advisory that no compatible release fixes, each with why
 * it cannot reach a user; the README names each (a test checks).
 */
export const KNOWN_REMAINING: Record<string, { version: string; advisory: string }> = {
  // ReDoS when compiling a date *format* string; raml-typesystem passes only its own constant
  // formats, and only in RAML validation, which specguard never runs. 0.14.2 rejects valid times.
  'date-and-time': { version: '0.11.1', advisory: 'CVE-2020-26289' },
  // Prototype pollution through set(); json-path only reads. 3.x drops the create() json-path calls.
  'json-ptr': { version: '0.1.1', advisory: 'prototype pollution through set()' },
};
