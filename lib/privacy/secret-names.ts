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

type CharClass = 'lower' | 'upper' | 'digit' | 'other';

function classOf(char: string | undefined): CharClass {
  if (char === undefined) return 'other';
  if (char >= 'a' && char <= 'z') return 'lower';
  if (char >= 'A' && char <= 'Z') return 'upper';
  if (char >= '0' && char <= '9') return 'digit';
  return 'other';
}

/**
 * The lower-cased words of a name: split at every character that is not an ASCII letter or
 * digit (`snake_case`, `kebab-case`, `dotted.names`), where lower case meets upper case
 * (`txSecret`), at the end of an acronym (`APIKey`: `api`, `key`) and where letters meet digits
 * (`md5sign`: `md`, `5`, `sign`). One pass over the name.
 */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  let word = '';
  let previous: CharClass = 'other';
  for (let at = 0; at < name.length; at++) {
    const char = name.charAt(at);
    const current = classOf(char);
    if (current === 'other') {
      if (word !== '') words.push(word);
      word = '';
    } else {
      const startsWord =
        (previous === 'lower' && current === 'upper') ||
        (previous === 'upper' && current === 'upper' && classOf(name[at + 1]) === 'lower') ||
        ((previous === 'digit') !== (current === 'digit') && previous !== 'other');
      if (startsWord && word !== '') {
        words.push(word);
        word = '';
      }
      word += char.toLowerCase();
    }
    previous = current;
  }
  if (word !== '') words.push(word);
  return words;
}

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
  const words = nameWords(decodeEscapes(name));
  return words.some(
    (word, at) => SECRET_WORDS.has(word) && !HARMLESS_PAIRS.get(word)?.has(words[at + 1] ?? ''),
  );
}
