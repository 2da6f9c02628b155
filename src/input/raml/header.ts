/*
 * A RAML file's first line, `#%RAML <version> [<kind>]`: a fragment names its kind after the
 * version (`DataType`, `Library`, `Trait`...); an API description names none, or is a RAML 1.0
 * `Overlay` or `Extension` of another API.
 */

const HEADER = /^#%RAML(?:[ \t]+(\S+))?(?:[ \t]+(\S+))?/;

export interface RamlHeader {
  version?: string;
  kind?: string;
}

/** The header of a RAML file, or undefined for text that is not RAML. */
export function ramlHeader(text: string): RamlHeader | undefined {
  const header = HEADER.exec(text);
  return header ? { version: header[1], kind: header[2] } : undefined;
}

/** A RAML 1.0 overlay or extension: a root file that `extends` another API. */
export function isExtension(header: RamlHeader | undefined): boolean {
  return header?.version === '1.0' && (header.kind === 'Overlay' || header.kind === 'Extension');
}

/** A file linted as an API: a RAML 0.8 or 1.0 API description, or an overlay or extension of one. */
export function isRootApi(header: RamlHeader | undefined): boolean {
  return ((header?.version === '0.8' || header?.version === '1.0') && header.kind === undefined) || isExtension(header);
}
