import type { OperationEntry } from '../document-index/index.js';
import { isObject, memoizedPerObject } from '../document-index/json.js';
import { OAS2_METHODS } from '../document-index/operations.js';
import { nameWords } from './naming.js';
import type { OptionSchema } from '../rule-kit.js';

/*
 * What an operation does, as its names say: a POST is a write by its method, but RPC-style APIs
 * POST their reads too (`POST /journals/get`, `calculateRoute`, `{resource}:testIamPermissions`,
 * a search whose criteria fill a body). The rules about writes and sensitive flows share this one
 * reading, so `POST /route` is a read for all of them or for none.
 */

export interface ActionOptions extends Record<string, unknown> {
  readActions: string[];
  writeActions: string[];
}

/** The options every rule that asks "does it only read?" takes, with the same defaults and meaning. */
export const ACTION_OPTIONS: Record<keyof ActionOptions & string, OptionSchema> = {
  readActions: {
    type: 'array',
    items: { type: 'string' },
    default: [
      'get',
      'retrieve',
      'fetch',
      'list',
      'search',
      'filter',
      'query',
      'find',
      'match',
      'lookup',
      'look up',
      'calculate',
      'compute',
      'estimate',
      'validate',
      'check',
      'test',
      'preview',
      'count',
      'export',
      'download',
      'watch',
      'inspect',
      'resolve',
      'aggregate',
      'recommend',
      'simulate',
      'evaluate',
      'describe',
      'view',
      'show',
      'analyze',
      'analyse',
      'predict',
      'return',
      'quote',
      'translate',
      'convert',
      'transform',
      'render',
      'detect',
      'extract',
      'parse',
      'hash',
      'rewrite',
      'paraphrase',
      'summarize',
      'classify',
      'recognize',
      'tail',
      'route',
      'solve',
      'optimize',
      'is',
      'has',
      'can',
    ],
    description:
      "Verbs (and the predicates `is`, `has`, `can`: `isRoutingValid`) that, as an operation's action, say it only reads or computes, so a POST named so is not judged as a write (`POST /journals/get`, `calculateRoute`, `{resource}:testIamPermissions`, summary `Lists metadata for metrics`). The action is the first verb found, in this order, in the operationId (its last dotted part), the summary's first word, the last literal path segment and the description's first word; `readActions` and `writeActions` are looked up together and the first source that names either decides. Summaries and descriptions may inflect the verb (`Gets`, `Calculating`). A write verb followed by an export, report or download (`createExport`, `runReport`) reads too. The list replaces the default; `[]` judges every POST as a write.",
  },
  writeActions: {
    type: 'array',
    items: { type: 'string' },
    default: [
      'create',
      'add',
      'insert',
      'attach',
      'update',
      'set',
      'save',
      'store',
      'upload',
      'import',
      'delete',
      'remove',
      'cancel',
      'submit',
      'send',
      'publish',
      'register',
      'assign',
      'mark',
      'move',
      'copy',
      'reset',
      'change',
      'modify',
      'edit',
      'replace',
      'enable',
      'disable',
      'start',
      'stop',
      'run',
      'execute',
      'approve',
      'reject',
      'grant',
      'revoke',
      'invite',
      'subscribe',
      'unsubscribe',
      'apply',
      'issue',
      'void',
      'refund',
      'charge',
      'pay',
      'order',
      'book',
      'transfer',
      'upsert',
      'merge',
      'archive',
      'restore',
      'lock',
      'unlock',
      'link',
      'unlink',
      'rename',
      'trigger',
      'activate',
      'deactivate',
      'provision',
      'generate',
      'initiate',
      'request',
      'renew',
      'lease',
      'launch',
      'close',
      'open',
      'accept',
      'decline',
      'confirm',
      'complete',
      'capture',
      'process',
      'write',
      'make',
      'build',
      'claim',
      'redeem',
      'release',
      'sync',
      'schedule',
      'check in',
      'check out',
    ],
    description:
      "Verbs that, as an operation's action (see readActions), say it changes data (`createPromoCredit`, summary `Add event`, description `Marks all events as seen`), so a later source that reads (`POST /lists/{id}/search`) does not decide. A multi-word verb (`check in`) wins over a read verb it starts with (`check`). The list replaces the default.",
  },
};

export type ActionKind = 'read' | 'write';

/** The action an operation's names give it, and the verb that says so. */
export interface Action {
  kind: ActionKind;
  verb: string;
}

/**
 * The action an operation's names give it: the first source (operationId, summary, last literal
 * path segment, description) whose leading words are a known verb decides, so a structured name
 * outranks prose. Undefined when none names a known verb.
 */
export function actionOf(op: OperationEntry, options: ActionOptions): Action | undefined {
  const verbs = vocabulary(options);
  for (const [words, inflected] of actionSources(op)) {
    const action = leadingAction(words, verbs, inflected);
    if (action !== undefined) return action;
  }
  return undefined;
}

/** Methods that change state on the server, by HTTP's definition. */
export const WRITE_METHODS: ReadonlySet<string> = new Set(['post', 'put', 'patch', 'delete']);

export const isWriteOperation = (op: OperationEntry): boolean => WRITE_METHODS.has(op.method);

/** A write method whose names say it only reads or computes: `POST /journals/get`, `POST /route`. PUT, PATCH and DELETE always write. */
export function onlyReads(op: OperationEntry, options: ActionOptions): boolean {
  if (op.method !== 'post') return false;
  const action = actionOf(op, options);
  return action === undefined ? twinOfGet(op) : action.kind === 'read';
}

/**
 * A POST summarized like the GET on its path but for the method (`POST Matrix Endpoint` / `GET
 * Matrix Endpoint`) is the same read with its input in a body. A create beside a list (`POST
 * /users` + `GET /users`) is summarized differently.
 */
function twinOfGet(op: OperationEntry): boolean {
  const get = op.pathItem.get;
  if (!isObject(get)) return false;
  // Summaries only: generated operationIds (`postAgent` / `getAgent`) name a create and a read alike.
  const [mine, theirs] = [op.operation.summary, get.summary];
  if (typeof mine !== 'string' || typeof theirs !== 'string') return false;
  const name = (text: string) =>
    nameWords(text)
      .filter((word, i) => i > 0 || !OAS2_METHODS.has(word))
      .join(' ');
  return name(mine) !== '' && name(mine) === name(theirs);
}

/** POST, PUT, PATCH and DELETE, unless a POST's names say it only reads or computes (see onlyReads). */
export function changesData(op: OperationEntry, options: ActionOptions): boolean {
  return isWriteOperation(op) && !onlyReads(op, options);
}

/**
 * The literal names of a path: its segments without parameters, and of the `#k=v` / `?k=v`
 * suffix some converted specs add to tell operations apart (`/#Action=GetSessionToken`,
 * `/request/{id}?cmd=diff`) the values, which name the action. A bare name there
 * (`/profilingGroups#clientToken`) is a parameter's, not the operation's, and is left out.
 */
export function literalSegments(pathKey: string): string[] {
  const [path, ...suffixes] = pathKey.split(/[#?]/);
  const segments = path.split('/').flatMap(segment => {
    // `{resource}:testIamPermissions`: the custom method after the colon is literal.
    const literal = segment.replace(/\{[^{}]*\}/g, ' ').trim();
    // `{query}.{ext}` leaves only punctuation: no name.
    return /[A-Za-z0-9]/.test(literal) ? [literal] : [];
  });
  const values = suffixes
    .join('&')
    .split('&')
    .flatMap(pair => {
      const equals = pair.indexOf('=');
      const value = equals < 0 ? '' : pair.slice(equals + 1);
      // `X-Amz-Target=Service_20150101.GetSessionToken`: the action is the last dotted part.
      const action = value.split('.').pop() ?? '';
      return action === '' ? [] : [action];
    });
  return [...segments, ...values];
}

/** The last literal name of a path: the action of an RPC-style path, or the collection it acts on. */
export function lastLiteralSegment(pathKey: string): string {
  const segments = literalSegments(pathKey);
  const last = segments[segments.length - 1] ?? '';
  // `{resource}:testIamPermissions` and `/files/{id}:copy` name their action after the colon.
  return last.includes(':') ? last.slice(last.lastIndexOf(':') + 1) : last;
}

/** An operationId's own name: its last dotted or slashed part (`compute.instances.testIamPermissions`). */
export function operationIdName(op: OperationEntry): { name: string; owner: string } | undefined {
  const id = op.operation.operationId;
  if (typeof id !== 'string') return undefined;
  const parts = id.split(/[./]/).filter(part => part !== '');
  if (parts.length === 0) return undefined;
  return { name: parts[parts.length - 1], owner: parts[parts.length - 2] ?? '' };
}

/** Each source of an operation's action, in the order they decide, as words; prose may inflect its verb. */
function actionSources(op: OperationEntry): Array<[readonly string[], boolean]> {
  const sources: Array<[readonly string[], boolean]> = [];
  const id = operationIdName(op);
  if (id !== undefined) {
    const words = nameWords(id.name);
    // `postListMemberEvents` names the resource after the method: its "list" is a noun.
    if (!HTTP_METHOD_PREFIXES.has(words[0] ?? '')) sources.push([withOwner(words, id.owner), false]);
  }
  const { summary, description } = op.operation;
  // `/par/1/0/getPaymentAccountReference`: a camelCase last segment is a method name, as structured as an operationId.
  const last = lastLiteralSegment(op.pathKey);
  const methodName = /^[a-z]+[A-Z]/.test(last);
  if (methodName) sources.push([nameWords(last), false]);
  if (typeof summary === 'string') sources.push([proseWords(summary), true]);
  if (!methodName) sources.push([nameWords(last), false]);
  if (typeof description === 'string') sources.push([proseWords(description), true]);
  return sources;
}

/** `audienceExports.create`: the operationId's verb acts on its owner's noun, so the noun counts as its object. */
function withOwner(words: readonly string[], owner: string): readonly string[] {
  return owner === '' ? words : [...words, ...nameWords(owner)];
}

/** The first few words of prose, without markup: only the leading verb matters. */
function proseWords(text: string): readonly string[] {
  return nameWords(text.slice(0, 200).replace(/<[^>]*>/g, ' '));
}

const HTTP_METHOD_PREFIXES: ReadonlySet<string> = new Set(['post', 'put', 'patch']);
/** Words that may come before the verb without being it: `POST Route Endpoint`, `BatchRetrieveOrders`, `DeprecatedBatch...`. */
const LEADING_MODIFIERS: ReadonlySet<string> = new Set(['post', 'put', 'patch', 'http', 'do', 'batch', 'bulk', 'deprecated', 'async']);
/** Verbs that make something (`createExport`, `runReport`, `requestDownload`)... */
const PRODUCING_VERBS: ReadonlySet<string> = new Set([
  'create',
  'initiate',
  'start',
  'request',
  'run',
  'generate',
  'schedule',
  'submit',
  'trigger',
]);
/** ...which reads when what it makes is a copy of data for the caller. */
const READ_ARTEFACTS: ReadonlySet<string> = new Set(['export', 'exports', 'download', 'downloads', 'report', 'reports']);

interface Vocabulary {
  read: ReadonlyArray<readonly string[]>;
  write: ReadonlyArray<readonly string[]>;
}

/** The option lists as word sequences, made once per list pair: rules ask for every operation with the same options. */
const vocabulary = memoizedPerObject((options: ActionOptions): Vocabulary => ({
  read: options.readActions.map(verb => nameWords(verb)).filter(words => words.length > 0),
  write: options.writeActions.map(verb => nameWords(verb)).filter(words => words.length > 0),
}));

/** The action the words start with (after modifiers such as `Batch`), or undefined when they start with no known verb. */
function leadingAction(words: readonly string[], verbs: Vocabulary, inflected: boolean): Action | undefined {
  let start = 0;
  while (start < words.length && LEADING_MODIFIERS.has(words[start])) start++;
  if (start >= words.length) return undefined;
  const forms = inflected ? baseForms(words[start]) : [words[start]];
  const startsWith = (verb: readonly string[]) =>
    forms.some(form => form === verb[0] && verb.every((word, i) => i === 0 || words[start + i] === word));
  // Write first: `check in` is a write though `check` reads.
  const write = verbs.write.filter(startsWith).sort((a, b) => b.length - a.length)[0];
  if (write !== undefined) {
    const verb = write.join(' ');
    const makesArtefact = PRODUCING_VERBS.has(verb) && words.slice(start + write.length).some(word => READ_ARTEFACTS.has(word));
    return { kind: makesArtefact ? 'read' : 'write', verb };
  }
  const read = verbs.read.find(startsWith);
  return read === undefined ? undefined : { kind: 'read', verb: read.join(' ') };
}

/** The forms an inflected verb in prose may come from: `gets` -> get, `calculates` -> calculate, `rewriting` -> rewrite. */
function baseForms(word: string): string[] {
  const forms = [word];
  const strip = (suffix: string, add = '') => {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) forms.push(word.slice(0, -suffix.length) + add);
  };
  strip('s');
  strip('es');
  strip('ies', 'y');
  strip('ed');
  strip('d');
  strip('ied', 'y');
  strip('ing');
  strip('ing', 'e');
  return forms;
}
