import { redactText } from '../../../lib/privacy/redact-text';

const SECRET = 'S3cr3tValue0123456789';

describe('redactText', () => {
  it.each<[string, string, string]>([
    [
      'a push URL',
      `rtmp://push.example.com/live/room42?txSecret=${SECRET}&txTime=6553F280`,
      'rtmp://push.example.com/live/room42?txSecret=[redacted]&txTime=6553F280',
    ],
    [
      'a push URL with ; between parameters',
      `rtmp://push.example.com/live/room42?txTime=1;txSecret=${SECRET};bizid=8`,
      'rtmp://push.example.com/live/room42?txTime=1;txSecret=[redacted];bizid=8',
    ],
    [
      'a bare query string',
      `txSecret=${SECRET}&txTime=6553F280`,
      'txSecret=[redacted]&txTime=6553F280',
    ],
    [
      'a URL in a sentence',
      `pushed to rtmp://h/live/s?token=${SECRET} at noon`,
      'pushed to rtmp://h/live/s?token=[redacted] at noon',
    ],
    [
      'an encoded = and &',
      `a=1%26txSecret%3D${SECRET}%26b%3D2`,
      'a=1%26txSecret%3D[redacted]%26b%3D2',
    ],
    [
      'a URL passed percent-encoded in another URL',
      `https://o.example.com/?next=https%3A%2F%2Fx.example.com%2F%3Fa%3D1%26token%3D${SECRET}%26b%3D2&c=3`,
      'https://o.example.com/?next=https%3A%2F%2Fx.example.com%2F%3Fa%3D1%26token%3D[redacted]%26b%3D2&c=3',
    ],
    [
      'a URL encoded twice in another URL',
      `https://o.example.com/?next=https%253A%252F%252Fx%252F%253Ftoken%253D${SECRET}%2526b%253D2&c=3`,
      'https://o.example.com/?next=https%253A%252F%252Fx%252F%253Ftoken%253D[redacted]%2526b%253D2&c=3',
    ],
    [
      'an encoded & inside a value written plain, which is part of the value',
      `token=${SECRET}%26more&x=1`,
      'token=[redacted]&x=1',
    ],
    ['an encoded name', `tx%53ecret=${SECRET}&x=1`, 'tx%53ecret=[redacted]&x=1'],
    ['a base64 value ending in =', `sig=${SECRET}==&x=1`, 'sig=[redacted]&x=1'],
    ['an empty value, which hides nothing', 'token=&x=1', 'token=&x=1'],
    [
      'JSON with a string value',
      `{"txSecret":"${SECRET}","x":1}`,
      '{"txSecret":"[redacted]","x":1}',
    ],
    [
      'JSON with spaces around the colon',
      `{"api_key" : "${SECRET}"}`,
      '{"api_key" : "[redacted]"}',
    ],
    [
      'JSON with a number, kept JSON',
      `{"pin_token":${SECRET.replace(/\D/g, '')},"x":1}`,
      '{"pin_token":"[redacted]","x":1}',
    ],
    ['JSON with null', '{"password":null}', '{"password":"[redacted]"}'],
    [
      'JSON with an object',
      `{"credentials":{"id":"AKIA","value":"${SECRET}","note":"}"},"x":[1]}`,
      '{"credentials":"[redacted]","x":[1]}',
    ],
    ['JSON with an array', `{"keys":["${SECRET}",["b"]],"x":1}`, '{"keys":"[redacted]","x":1}'],
    [
      'JSON held in a JSON string',
      `{"ext":"{\\"txSecret\\":\\"${SECRET}\\",\\"x\\":1}"}`,
      '{"ext":"{\\"txSecret\\":\\"[redacted]\\",\\"x\\":1}"}',
    ],
    [
      'JSON held in a JSON string held in a JSON string',
      `{"a":"{\\"b\\":\\"{\\\\\\"token\\\\\\":\\\\\\"${SECRET}\\\\\\"}\\"}"}`,
      '{"a":"{\\"b\\":\\"{\\\\\\"token\\\\\\":\\\\\\"[redacted]\\\\\\"}\\"}"}',
    ],
    [
      'JSON whose string value holds a push URL',
      `{"push_url_copy":"rtmp://h/live/s?txSecret=${SECRET}&txTime=1"}`,
      '{"push_url_copy":"rtmp://h/live/s?txSecret=[redacted]&txTime=1"}',
    ],
    ['JSON cut short', `not json {"txSecret":"${SECRET}`, 'not json {"txSecret":"[redacted]'],
    [
      'JSON percent-encoded in a query',
      `ext=%7B%22txSecret%22%3A%22${SECRET}%22%7D&x=1`,
      'ext=%7B%22txSecret%22%3A%22[redacted]%22%7D&x=1',
    ],
    [
      'a URL whose & is written \\u0026, as Go writes JSON',
      `{"url":"https://x/?a=1\\u0026token=${SECRET}\\u0026b=2"}`,
      '{"url":"https://x/?a=1\\u0026token=[redacted]\\u0026b=2"}',
    ],
    [
      'an HTML-escaped &',
      `https://x/?a=1&amp;token=${SECRET}&amp;b=2`,
      'https://x/?a=1&amp;token=[redacted]&amp;b=2',
    ],
    ['PHP-style brackets', `auth[token]=${SECRET}&page=2`, 'auth[token]=[redacted]&page=2'],
  ])('redacts the secret in %s', (_case, text, redacted) => {
    expect(redactText(text)).toBe(redacted);
  });

  it.each([
    ['a playback-like URL with harmless parameters', 'https://x/v.mp4?t=65A0&us=72d4&exper=0'],
    ['harmless names that contain secret words', 'keyframe_interval=2&design=a&monkey=b&signal=4'],
    ['a path that mentions a token', 'https://x.example.com/token/abc/secret'],
    ['JSON without secrets', '{"video_codec":"h264","resolution":"640x480"}'],
    ['an ISO time', '2022-01-13T15:57:25.316Z'],
    ['text that is not a pair', 'token and secret, but 1+1=2'],
    ['an already redacted URL', 'rtmp://h/s?txSecret=[redacted]&txTime=1'],
    ['already redacted JSON', '{"token":"[redacted]","n":"[redacted]"}'],
    ['a lone %', '100% done'],
  ])('keeps %s as it is', (_case, text) => {
    expect(redactText(text)).toBe(text);
  });

  // Every input below is 64 KiB of content a sender could choose. The scan is one pass, so each
  // takes milliseconds; a backtracking pattern would take minutes on some of them.
  it.each([
    ['= signs', 'a='],
    ['secret pairs', 'token=a&'],
    ['secret names without separators', 'token='],
    ['percent escapes of escapes', '%2525'],
    ['backslashes', '\\'],
    ['escaped quotes', '\\"'],
    ['quotes', '"'],
    ['JSON secret names', '"token":'],
    ['JSON secret names before open brackets', '"key":['],
    ['\\u escapes', '\\u0026'],
    ['everything at once', '"a":"token=%3D&;\\"'],
  ])('reads 64 KiB of %s to the end', (_case, unit) => {
    const text = unit.repeat(Math.ceil((64 * 1024) / unit.length));

    const redacted = redactText(text);

    expect(typeof redacted).toBe('string');
    expect(redactText(redacted)).toBe(redacted);
  });
});
