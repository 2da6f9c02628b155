/*
 * Field and parameter names as words, whatever their case style, so a rule's name lists say
 * `password` once and still match `newPassword`, `new_password`, `new-password`, `NEW_PASSWORD`
 * and `userPasswordHash`, without matching `passwordless`-style substrings inside other words.
 */

/** `contactEmailAddress` / `contact_email-address` / `HTTPServerURL2` -> ['contact', 'email', 'address'] / ['http', 'server', 'url', '2']. */
export function nameWords(name: string): readonly string[] {
  // Rules ask about the same few thousand names again and again (`id`, `url`, `node_id`...).
  let words = knownWords.get(name);
  if (words === undefined) {
    if (knownWords.size >= KNOWN_WORDS_LIMIT) knownWords.clear();
    knownWords.set(name, (words = splitWords(name)));
  }
  return words;
}

const knownWords = new Map<string, readonly string[]>();
const KNOWN_WORDS_LIMIT = 100_000;

function splitWords(name: string): readonly string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2') // camelCase boundary
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2') // acronym followed by a word: HTTPServer
    .replace(/([a-zA-Z])([0-9])|([0-9])([a-zA-Z])/g, (_, a, b, c, d) => (a ? `${a} ${b}` : `${c} ${d}`))
    .split(/[^A-Za-z0-9]+/)
    .filter(word => word !== '')
    .map(word => word.toLowerCase());
}

/**
 * Whether `name` contains `phrase` as whole consecutive words: `apiKey` and `x-api-key` contain
 * `api key`; `apikey` contains `apikey`; `pinned` does not contain `pin`.
 */
export function nameHasPhrase(name: string | readonly string[], phrase: string | readonly string[]): boolean {
  const words = typeof name === 'string' ? nameWords(name) : name;
  const wanted = typeof phrase === 'string' ? nameWords(phrase) : phrase;
  if (wanted.length === 0 || wanted.length > words.length) return false;
  // Plain loops: this runs for every name against every phrase of a list.
  outer: for (let start = 0; start + wanted.length <= words.length; start++) {
    for (let i = 0; i < wanted.length; i++) if (words[start + i] !== wanted[i]) continue outer;
    return true;
  }
  return false;
}

/** The first phrase of `phrases` that `name` contains (see nameHasPhrase), or undefined. */
export function matchingPhrase(name: string, phrases: readonly string[]): string | undefined {
  const words = nameWords(name);
  return phrases.find(phrase => nameHasPhrase(words, phrase));
}

/**
 * matchingPhrase for one fixed list, for rules that test many names: the phrases are split into
 * words once, and each distinct name is looked up once (operations share path segments and tags).
 */
export function phraseMatcher(phrases: readonly string[]): (name: string) => string | undefined {
  return cachedMatcher(phrases, nameHasPhrase);
}

/**
 * phraseMatcher for names whose last words must be the phrase: the field the name is about. So
 * `contactEmail`, `phone_number`, `imageUrl` and `redirect_uri` match `email`, `phone number`,
 * `url` and `uri`, while `emailVerified`, `passwordPolicy`, `passwordUpdatedAt`, `urlPath` and
 * `targetId` (a flag, a policy, a time, a part or an id about the field) do not.
 */
export function suffixMatcher(phrases: readonly string[]): (name: string) => string | undefined {
  return cachedMatcher(phrases, endsWithWords);
}

/** Whether `words` ends with the words `wanted`. */
function endsWithWords(words: readonly string[], wanted: readonly string[]): boolean {
  if (wanted.length > words.length) return false;
  const offset = words.length - wanted.length;
  for (let i = 0; i < wanted.length; i++) if (words[offset + i] !== wanted[i]) return false;
  return true;
}

/**
 * The first phrase of a fixed list whose words `matches` a name's, with the phrases split once
 * and each distinct name decided once. A phrase with no words matches nothing.
 */
function cachedMatcher(
  phrases: readonly string[],
  matches: (words: readonly string[], wanted: readonly string[]) => boolean,
): (name: string) => string | undefined {
  const split = phrases.map(phrase => [phrase, nameWords(phrase)] as const).filter(([, wanted]) => wanted.length > 0);
  const known = new Map<string, string | undefined>();
  return name => {
    if (known.has(name)) return known.get(name);
    const words = nameWords(name);
    let found: string | undefined;
    for (const [phrase, wanted] of split) {
      if (!matches(words, wanted)) continue;
      found = phrase;
      break;
    }
    known.set(name, found);
    return found;
  };
}
