import { InputError } from '../../parse/errors.js';
import { parseSafely } from '../../parse/load.js';
import { inRamlWords } from './advice.js';
import { convertRaml } from './convert.js';
import { isRootApi, ramlHeader } from './header.js';
import { loadRaml } from './load.js';
import type { Finding } from '../../findings/findings.js';
import type { Detection, InputAdapter, LoadOptions } from '../adapter.js';

/** RAML by its first line (src/input/raml/header.ts): a root API, an overlay or extension, or a fragment. */
export function detectRaml(text: string): Detection {
  const header = ramlHeader(text);
  if (!header) return undefined;
  return isRootApi(header) ? 'root' : 'part';
}

/** The RAML root file's OpenAPI 3.0 equivalent as text, with where each of its nodes came from. */
export function ramlToOpenApi(text: string, source: string, options: LoadOptions) {
  const { version, tree, problems } = loadRaml(text, source, options);
  return { ...convertRaml(tree, version), problems };
}

/**
 * RAML 0.8 and 1.0 (src/input/raml/): converted to one OpenAPI 3.0 document, whose findings are
 * mapped back to the RAML file and line each node came from (root, include, library, trait).
 */
export const ramlAdapter: InputAdapter = {
  name: 'RAML',
  label: 'RAML 0.8/1.0',
  extensions: ['raml'],
  detect: detectRaml,
  load(text, source, options) {
    if (detectRaml(text) !== 'root') {
      throw new InputError(source, 'is a RAML fragment or library, not an API: lint the root API file that uses it');
    }
    const { openapi, sourceMap, problems } = ramlToOpenApi(text, source, options);
    // The document the rules lint: its own positions are never shown, the source map's are.
    const document = parseSafely(JSON.stringify(openapi), source);
    // Load problems are placed in their RAML file already: the mapper leaves those findings be.
    const placed = new WeakSet<object>();
    const findings = problems.map(({ loc, message }) => {
      const finding: Finding = { code: 'parser', message, path: [], severity: 0, range: loc.range, source: loc.file };
      placed.add(finding);
      return finding;
    });
    return {
      document,
      version: '3.0',
      findings,
      inOwnWords: inRamlWords,
      mapLocation: at => {
        if (placed.has(at)) return { source: at.source, range: at.range };
        const loc = sourceMap.locate(at.path);
        return loc ? { source: loc.file, range: loc.range } : { source: at.source, range: at.range };
      },
    };
  },
};
