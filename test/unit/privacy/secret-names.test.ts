import { isSecretName, nameWords } from '../../../lib/privacy/secret-names';

describe('isSecretName', () => {
  it.each([
    'txSecret',
    'TXSECRET',
    'secret',
    'token',
    'access_token',
    'sign',
    'txSign',
    'signature',
    'key',
    'apiKey',
    'password',
    'passwd',
    'pwd',
  ])('treats %s as holding a secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each(['txTime', 'txFrom', 'bizid', 'record', 'record_interval', 'stream_param', 'txHost'])(
    'treats %s as harmless',
    (name) => {
      expect(isSecretName(name)).toBe(false);
    },
  );

  // Every naming decision, both ways: a name is secret when one of its words is a secret word.
  it.each<[string, boolean, string]>([
    // Tencent's push secret and signature, as Tencent writes them
    ['txSecret', true, 'tx + secret'],
    ['txsecret', true, 'Tencent also writes it in lower case: a secret word of its own'],
    ['TxSecret', true, 'tx + secret'],
    ['TX_SECRET', true, 'tx + secret'],
    ['txSign', true, 'tx + sign'],
    ['sign', true, 'the callback signature'],
    ['usersig', true, "Tencent TRTC's UserSig, written as one word"],
    ['UserSig', true, 'user + sig'],
    // secret, token, signature, password
    ['client_secret', true, 'client + secret'],
    ['push_secret', true, 'push + secret'],
    ['secrets', true, 'plural'],
    ['secret_id', true, "Tencent's SecretId identifies a key pair: kept out too"],
    ['SecretId', true, 'secret + id'],
    ['accessToken', true, 'access + token'],
    ['X-Amz-Security-Token', true, 'x + amz + security + token'],
    ['refresh-token', true, 'refresh + token'],
    ['tokens', true, 'plural'],
    ['signature', true, 'a signature'],
    ['X-Amz-Signature', true, 'x + amz + signature'],
    ['sig', true, "Azure SAS's signature parameter"],
    ['md5sign', true, 'md + 5 + sign: digits end words'],
    ['sign_type', true, 'sign + type: the whole-word rule accepts this false positive'],
    ['Password', true, 'password'],
    ['db_passwd', true, 'db + passwd'],
    ['PWD', true, 'pwd'],
    ['passphrase', true, 'a password by another name'],
    // key as a whole word
    ['key', true, 'key'],
    ['api_key', true, 'api + key'],
    ['APIKey', true, 'api + key: an acronym ends before a capitalised word'],
    ['apikey', true, 'a compound written as one word'],
    ['accessKeyId', true, 'access + key + id'],
    ['AccessKey', true, 'access + key'],
    ['stream-key', true, 'an RTMP stream key is the push secret of other platforms'],
    ['streamkey', true, 'a compound written as one word'],
    ['private.key', true, 'dots separate words'],
    ['keys', true, 'plural'],
    ['key2', true, 'key + 2'],
    ['primary_key', true, 'primary + key: the whole-word rule accepts this false positive'],
    // credential, auth
    ['credential', true, 'credential'],
    ['X-Amz-Credential', true, 'x + amz + credential'],
    ['aws_credentials', true, 'plural'],
    ['auth', true, 'auth'],
    ['basic_auth', true, 'basic + auth'],
    ['Authorization', true, 'the HTTP header that carries credentials'],
    ['auth[token]', true, 'brackets separate words'],
    // escaped names are read decoded
    ['tx%53ecret', true, 'percent-encoded S'],
    ['api%5Fkey', true, 'percent-encoded underscore'],
    ['tx\\u0053ecret', true, 'a JSON \\u escape'],
    // harmless: no word of theirs is a secret word
    ['keyframe_interval', false, 'keyframe is one word, not key'],
    ['key_frame_interval', false, 'key followed by frame is the word keyframe'],
    ['keyFrameInterval', false, 'key followed by frame is the word keyframe'],
    ['design', false, 'one word; sign is only a substring'],
    ['monkey', false, 'one word; key is only a substring'],
    ['signal', false, 'one word; sign is only a substring'],
    ['signal_strength', false, 'signal + strength'],
    ['author', false, 'one word; auth is only a substring'],
    ['authority', false, 'one word'],
    ['tokenizer', false, 'one word; token is only a substring'],
    ['secretary', false, 'one word; secret is only a substring'],
    ['hotkey', false, 'one word'],
    ['keyword', false, 'one word'],
    ['passenger', false, 'one word'],
    ['assignee', false, 'one word; sign is only a substring'],
    ['txTime', false, "the push secret's expiry, not a secret"],
    ['txFrom', false, 'marks a relayed stream'],
    ['txHost', false, 'a host name'],
    ['bizid', false, 'a business id'],
    ['stream_param', false, 'the field that holds the query string'],
    ['video_url', false, 'the playback URL'],
    ['sha256', false, 'sha + 256'],
    ['record_interval', false, 'record + interval'],
    ['', false, 'no words'],
    ['___', false, 'no words'],
  ])('%s is secret: %s (%s)', (name, secret) => {
    expect(isSecretName(name)).toBe(secret);
  });
});

describe('isSecretName, asked about many names', () => {
  it('answers the same before and after thousands of distinct names, long and short', () => {
    const asked = ['txSecret', 'design', 'x'.repeat(100) + '_token', 'monkey_' + 'y'.repeat(100)];
    const before = asked.map(isSecretName);

    for (let n = 0; n < 5000; n++) isSecretName(`field_${n}`);

    expect(asked.map(isSecretName)).toEqual(before);
    expect(before).toEqual([true, false, true, false]);
  });
});

describe('nameWords', () => {
  it.each<[string, string[]]>([
    ['txSecret', ['tx', 'secret']],
    ['TXSECRET', ['txsecret']],
    ['APIKey', ['api', 'key']],
    ['accessKeyId', ['access', 'key', 'id']],
    ['X-Amz-Signature', ['x', 'amz', 'signature']],
    ['record_interval', ['record', 'interval']],
    ['md5sign', ['md', '5', 'sign']],
    ['HTTPServer2Key', ['http', 'server', '2', 'key']],
    ['a.b-c_d e', ['a', 'b', 'c', 'd', 'e']],
    ['__', []],
  ])('splits %s into %p', (name, words) => {
    expect(nameWords(name)).toEqual(words);
  });
});
