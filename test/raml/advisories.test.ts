import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The advisories under raml-1-parser (validator's ReDoS through z-schema, xml2js prototype
 * pollution) are closed by package.json `overrides` to fixed versions; these tests prove the
 * versions raml-1-parser's own modules load, and that those modules still work with them.
 */

const fromParser = createRequire(require.resolve('raml-1-parser'));
const fromTypesystem = createRequire(
  fromParser.resolve('raml-definition-system').replace(/raml-definition-system.*$/, 'raml-typesystem/package.json'),
);
const fromJsonValidation = createRequire(fromTypesystem.resolve('raml-json-validation/package.json'));
const versionOf = (req: NodeRequire, name: string) =>
  (req(path.join(path.dirname(req.resolve(name)).replace(/(node_modules[\\/][^\\/]+).*$/, '$1'), 'package.json')) as { version: string })
    .version;

describe('raml-1-parser advisories, overridden', () => {
  it('z-schema (both copies) loads validator 13.15.35, and its format checks still work', () => {
    const zSchema3 = createRequire(fromJsonValidation.resolve('z-schema'));
    expect(versionOf(zSchema3, 'validator')).toBe('13.15.35');
    expect(versionOf(createRequire(fromParser.resolve('z-schema')), 'validator')).toBe('13.15.35');
    const ZSchema = fromJsonValidation('z-schema') as new () => { validate(data: unknown, schema: object): boolean };
    const validator = new ZSchema();
    expect(validator.validate('a@example.com', { type: 'string', format: 'email' })).toBe(true);
    expect(validator.validate('not an email', { type: 'string', format: 'email' })).toBe(false);
  });

  it('raml-typesystem loads xml2js 0.6.2, which does not pollute Object.prototype', async () => {
    expect(versionOf(fromTypesystem, 'xml2js')).toBe('0.6.2');
    const xml2js = fromTypesystem('xml2js') as { parseStringPromise(xml: string): Promise<unknown> };
    await xml2js.parseStringPromise('<__proto__><polluted>yes</polluted></__proto__>');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
