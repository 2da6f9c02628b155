import type { Loc } from './tree.js';

/** A JSON path in the OpenAPI document a RAML API converts to. */
export type Path = Array<string | number>;
/** An object of that document (a schema, an examples map, ...). */
export type Schema = Record<string, unknown>;

/**
 * Where each node of the produced OpenAPI document came from in the RAML files, by JSON path.
 * A path without an entry of its own takes its nearest mapped ancestor's place.
 */
export class SourceMap {
  private readonly places = new Map<string, Loc>();

  set(path: ReadonlyArray<string | number>, loc: Loc): void {
    this.places.set(key(path), loc);
  }

  locate(path: ReadonlyArray<string | number>): Loc | undefined {
    for (let length = path.length; length >= 0; length--) {
      const loc = this.places.get(key(path.slice(0, length)));
      if (loc) return loc;
    }
    return undefined;
  }

  get size(): number {
    return this.places.size;
  }
}

const key = (path: ReadonlyArray<string | number>) => path.map(part => String(part).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
