import { decodeEscapes } from './escapes';

/**
 * Words that make a name secret-bearing. A name is split into its words (see {@link nameWords})
 * and is secret when one of them is here: `api_key`, `accessKeyId` and `X-Amz-Signature` are
 * secret; `keyframe_interval`, `design`, `monkey` and `signal` are not, because no word of theirs
 * is `key` or `sign`. Every word is lower case.
 */
const SECRET_WORDS: ReadonlySet<string> = new Set([
  'secret',
  'secrets',
  'txsecret', // Tencent's push secret, written `txSecret` and `txsecret`
  'token',
  'tokens',
  'sign',
  'signature',
  'signatures',
  'sig', // Azure SAS, Tencent TRTC's UserSig
  'password',
  'passwords',
  'passwd',
  'pwd',
  'passphrase',
  'key',
  'keys',
  'credential',
  'credentials',
  'auth',
  'authorization', // the HTTP header that carries credentials
  // Compounds written as one lower-case word, which have no boundary to split at.
  'accesskey',
  'accesstoken',
  'apikey',
  'authtoken',
  'privatekey',
  'refreshtoken',
  'secretid',
  'secretkey',
  'sessiontoken',
  'streamkey',
  'usersig',
]);

/**
 * A secret word that is harmless when the next word follows it: `key_frame_interval` and
 * `keyFrameInterval` mean `keyframe_interval`, the distance between video key frames.
 */
const HARMLESS_PAIRS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['key', new Set(['frame', 'frames'])],
]);

const OTHER = 0;
const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;

function classAt(name: string, at: number): number {
  const code = name.charCodeAt(at); // NaN past the end: OTHER
  if (code >= 97 && code <= 122) return LOWER;
  if (code >= 65 && code <= 90) return UPPER;
  if (code >= 48 && code <= 57) return DIGIT;
  return OTHER;
}

/**
 * The lower-cased words of a name: split at every character that is not an ASCII letter or
 * digit (`snake_case`, `kebab-case`, `dotted.names`), where lower case meets upper case
 * (`txSecret`), at the end of an acronym (`APIKey`: `api`, `key`) and where letters meet digits
 * (`md5sign`: `md`, `5`, `sign`). One pass over the name.
 */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  let start = -1;
  let previous = OTHER;
  for (let at = 0; at <= name.length; at++) {
    const current = at < name.length ? classAt(name, at) : OTHER;
    const startsWord =
      current !== OTHER &&
      (previous === OTHER ||
        (previous === LOWER && current === UPPER) ||
        (previous === UPPER && current === UPPER && classAt(name, at + 1) === LOWER) ||
        (previous === DIGIT) !== (current === DIGIT));
    if ((startsWord || current === OTHER) && start >= 0) {
      words.push(name.slice(start, at).toLowerCase());
      start = -1;
    }
    if (startsWord) start = at;
    previous = current;
  }
  return words;
}

/*
 * Every record repeats the same few dozen names, and every key of every record is checked:
 * remembering the answers keeps that cheap. Bounded in count and length, since names are the
 * sender's to choose.
 */
const REMEMBERED_NAMES = 1024;
const REMEMBERED_NAME_LENGTH = 64;
const remembered = new Map<string, boolean>();

/**
 * Whether a name (a JSON key, a query parameter's name) says that its value is a secret: one of
 * its words, after percent- and backslash-escapes are decoded, names a secret, token,
 * signature, password, key, credential or authorisation. Whole words only: `design`, `monkey`,
 * `keyframe_interval` and `tokenizer` are harmless.
 *
 * @example
 * isSecretName('txSecret'); // true
 * isSecretName('accessKeyId'); // true
 * isSecretName('keyframe_interval'); // false
 */
export function isSecretName(name: string): boolean {
  let secret = remembered.get(name);
  if (secret === undefined) {
    const words = nameWords(decodeEscapes(name));
    secret = words.some(
      (word, at) => SECRET_WORDS.has(word) && !HARMLESS_PAIRS.get(word)?.has(words[at + 1] ?? ''),
    );
    if (name.length <= REMEMBERED_NAME_LENGTH) {
      if (remembered.size >= REMEMBERED_NAMES) remembered.clear();
      remembered.set(name, secret);
    }
  }
  return secret;
}
