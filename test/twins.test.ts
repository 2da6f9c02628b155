import { describe, expect, it } from 'vitest';
import { getDocumentIndex } from '../src/document-index/index.js';
import type { JsonObject } from '../src/document-index/index.js';
import { isTwin } from '../src/document-index/twins.js';

describe('isTwin: the same schema written out twice', () => {
  const shared = { type: 'object', properties: { id: { type: 'string' } } };
  it('is equal JSON, with shared objects equal at once', () => {
    expect(isTwin({ type: 'string', enum: ['a', 'b'] }, { type: 'string', enum: ['a', 'b'] })).toBe(true);
    expect(isTwin({ items: shared, type: 'array' }, { type: 'array', items: shared })).toBe(true);
    expect(isTwin({ type: 'string', maxLength: 5 }, { type: 'string', maxLength: 6 })).toBe(false);
    expect(isTwin({ type: 'string' }, { type: 'string', format: 'email' })).toBe(false);
    expect(isTwin({ enum: ['a', 'b'] }, { enum: ['a'] })).toBe(false);
    expect(isTwin({ a: [1] }, { a: { 0: 1 } })).toBe(false);
    expect(isTwin({ a: null }, { a: {} })).toBe(false);
  });
  it('gives up on a schema larger than its budget', () => {
    const big = (): JsonObject => ({
      properties: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`p${i}`, { type: 'string' }])),
    });
    expect(isTwin(big(), big())).toBe(true);
    expect(isTwin(big(), big(), 50)).toBe(false);
  });
});

describe('the index walks one of each set of twin media types', () => {
  const body = () => ({ type: 'object', properties: { name: { type: 'string' } } });
  const doc = (xml: JsonObject) => ({
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: {
      '/a': {
        post: {
          requestBody: { content: { 'application/json': { schema: body() }, 'application/xml': { schema: xml } } },
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: body() }, 'text/xml': { schema: body() } } } },
        },
      },
    },
  });
  const mediaTypesWalked = (document: JsonObject) =>
    [...getDocumentIndex(document).schemas.values()].flatMap(e =>
      e.usages.filter(u => u.schema === e.schema).map(u => `${u.role} ${u.mediaType}`),
    );
  it('a body written out again under application/xml is described once, under the first media type', () => {
    expect(mediaTypesWalked(doc(body()))).toEqual(['request-body application/json', 'response-body application/json']);
  });
  it('a different XML body is its own value', () => {
    expect(mediaTypesWalked(doc({ type: 'object', properties: { name: { type: 'string', maxLength: 5 } } }))).toEqual([
      'request-body application/json',
      'request-body application/xml',
      'response-body application/json',
    ]);
  });
});
