import { InputError } from '../engine/errors.js';
import type { Detection, InputAdapter } from './adapter.js';

/**
 * RAML by its first line: `#%RAML 0.8` or `#%RAML 1.0` alone heads an API description; a
 * fragment names its kind after the version (`#%RAML 1.0 DataType`, `Library`, `Trait`...).
 */
const HEADER = /^#%RAML(?:[ \t]+(\S+))?(?:[ \t]+(\S+))?/;

export function detectRaml(text: string): Detection {
  const header = HEADER.exec(text);
  if (!header) return undefined;
  const [, version, kind] = header;
  return (version === '0.8' || version === '1.0') && kind === undefined ? 'root' : 'part';
}

/**
 * RAML is recognised but not read yet: its files are refused with the message users see today.
 * The RAML adapter replaces this entry in the registry.
 */
export const ramlNotSupportedYet: InputAdapter = {
  name: 'RAML',
  extensions: ['raml'],
  detect: detectRaml,
  load(_text, source) {
    throw new InputError(source, 'RAML is not supported yet (it is planned); convert it to OpenAPI to lint it today');
  },
};
