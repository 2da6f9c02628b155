import serverInternalHost from '../../functions/serverInternalHost.js';
import type { DocumentIndex, JsonPath } from '../document-index/index.js';
import type { Finding } from '../findings/findings.js';
import { nameHasPhrase, nameWords } from '../rule-helpers/naming.js';
import { expandServerUrl, hostOf, INTERNAL_SUFFIXES, isInternal } from '../rule-helpers/server-urls.js';
import type { DiffDocument } from './document.js';
import { REGRESSION_KINDS } from './kinds.js';
import { regression } from './regression.js';

/*
 * Servers that moved to plain http or to an internal host. A server of NEW is compared with the
 * server of OLD at the same place (same list, same position), or, for the scheme, with the one
 * that had the same URL over https. OAS 2.0's `schemes` and `host` are read as its servers.
 */

interface Server {
  /** Every URL it can be, its variables expanded. */
  urls: string[];
  path: JsonPath;
  description: unknown;
}

/** specguard-server-internal-host's words for a server that is not production, where an internal host is expected. */
const NON_PRODUCTION = serverInternalHost.rule.options.nonProductionWords.default as string[];

export function serverRegressions(old: DiffDocument, current: DiffDocument): Finding[] {
  const before = serversOf(old.index);
  const found: Finding[] = [];
  for (const server of serversOf(current.index)) {
    const samePlace = before.find(s => JSON.stringify(s.path) === JSON.stringify(server.path));
    // A plain URL OLD already served (anywhere: a variable may offer both schemes) is not a move.
    const plain = server.urls.find(
      url => /^(http|ws):\/\//i.test(url) && !before.some(s => s.urls.some(u => u.toLowerCase() === url.toLowerCase())),
    );
    if (plain !== undefined) {
      const secure = `${plain.toLowerCase().startsWith('ws') ? 'wss' : 'https'}${plain.slice(plain.indexOf(':'))}`.toLowerCase();
      const was =
        before.find(s => s.urls.some(url => url.toLowerCase() === secure)) ??
        (samePlace !== undefined && samePlace.urls.every(url => /^(https|wss):\/\//i.test(url)) ? samePlace : undefined);
      if (was !== undefined)
        found.push(
          regression(
            REGRESSION_KINDS.serverHttp,
            `Server "${plain}" uses plain ${plain.slice(0, plain.indexOf(':')).toLowerCase()}, where it used TLS before ("${was.urls[0]}"): serve it over https only.`,
            old.locate(was.path),
            current.locate(server.path),
          ),
        );
    }
    const host = server.urls.map(hostOf).find(h => h !== null && isInternal(h, INTERNAL_SUFFIXES));
    const wasPublic = samePlace?.urls.map(hostOf).every(h => h !== null && !isInternal(h, INTERNAL_SUFFIXES)) === true;
    if (host !== undefined && samePlace !== undefined && wasPublic && !isNonProduction(server.description))
      found.push(
        regression(
          REGRESSION_KINDS.serverInternal,
          `Server "${server.urls[0]}" moved to the internal host ${host}, where it was "${samePlace.urls[0]}": publish the public server, or describe this one as not production.`,
          old.locate(samePlace.path),
          current.locate(server.path),
        ),
      );
  }
  return found;
}

function serversOf(index: DocumentIndex): Server[] {
  if (index.version !== '2.0')
    return index.servers.map(s => ({ urls: expandServerUrl(s.url, s.variables), path: s.path, description: s.server.description }));
  const { host, basePath, schemes } = index.root;
  if (typeof host !== 'string') return [];
  const rest = `${host}${typeof basePath === 'string' ? basePath : ''}`;
  if (!Array.isArray(schemes)) return [{ urls: [`https://${rest}`], path: ['host'], description: undefined }];
  return schemes.flatMap((scheme, i) =>
    typeof scheme === 'string' ? [{ urls: [`${scheme.toLowerCase()}://${rest}`], path: ['schemes', i], description: undefined }] : [],
  );
}

function isNonProduction(description: unknown): boolean {
  if (typeof description !== 'string') return false;
  const words = nameWords(description);
  return NON_PRODUCTION.some(word => nameHasPhrase(words, word));
}
