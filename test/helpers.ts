import { lintOne } from '../src/engine/lint.js';
import type { Finding, LintOptions } from '../src/engine/lint.js';

/** Lints an in-memory YAML/JSON document with the bundled recommended ruleset (or `options.ruleset`). */
export async function lintText(content: string, options: LintOptions & { source?: string } = {}): Promise<Finding[]> {
  const { source, ...rest } = options;
  return lintOne({ content, source: source ?? 'spec.yaml' }, rest);
}

/** Only the findings of one rule, as {code, message, path, severity} for exact comparison. */
export async function findingsOf(code: string, content: string, options: LintOptions = {}) {
  return (await lintText(content, options))
    .filter(f => f.code === code)
    .map(({ code, message, path, severity }) => ({ code, message, path, severity }));
}

/** A document header for each OpenAPI version, so one case can be written once per version. */
export const HEADERS = {
  '2.0': "swagger: '2.0'\ninfo: {title: t, version: '1'}\n",
  '3.0': "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n",
  '3.1': "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n",
} as const;
