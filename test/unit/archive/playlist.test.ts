import { UnsupportedSourceError } from '../../../lib/archive/errors';
import { parsePlaylist } from '../../../lib/archive/playlist';

const URL_ = 'http://vod.example.com/a/b/index.m3u8';
const playlist = (...lines: string[]) => ['#EXTM3U', ...lines].join('\n');

it('names every file once, resolved against the playlist, and rewrites URIs to their names', () => {
  const text = playlist(
    '#EXT-X-VERSION:7',
    '#EXT-X-MAP:URI="/a/b/init.mp4",BYTERANGE="100@0"',
    '#EXTINF:10.0,',
    'seg%201.ts',
    '#EXTINF:10.0,',
    '/a/b/seg2.ts',
    '#EXTINF:10.0,',
    'http://cdn.example.com/x/seg3.ts?k=1',
    '#EXT-X-MAP:URI="init.mp4"',
    '#EXT-X-ENDLIST',
    '',
  );

  const parsed = parsePlaylist(text, URL_);

  expect(parsed.files).toEqual([
    { url: 'http://vod.example.com/a/b/init.mp4', name: 'init.mp4' },
    { url: 'http://vod.example.com/a/b/seg%201.ts', name: 'seg 1.ts' },
    { url: 'http://vod.example.com/a/b/seg2.ts', name: 'seg2.ts' },
    { url: 'http://cdn.example.com/x/seg3.ts?k=1', name: 'seg3.ts' },
  ]);
  expect(parsed.archived).toBe(
    playlist(
      '#EXT-X-VERSION:7',
      '#EXT-X-MAP:URI="init.mp4",BYTERANGE="100@0"',
      '#EXTINF:10.0,',
      'seg%201.ts',
      '#EXTINF:10.0,',
      'seg2.ts',
      '#EXTINF:10.0,',
      'seg3.ts',
      '#EXT-X-MAP:URI="init.mp4"',
      '#EXT-X-ENDLIST',
      '',
    ),
  );
  expect(parsed.ended).toBe(true);
  expect(parsed.fingerprint).toHaveLength(22);
});

it('keeps line ends as written, and tells an unfinished playlist', () => {
  const parsed = parsePlaylist('#EXTM3U\r\n#EXTINF:1,\r\n/x/a.ts\r\n', URL_);
  expect(parsed.archived).toBe('#EXTM3U\r\n#EXTINF:1,\r\na.ts\r\n');
  expect(parsed.ended).toBe(false);
});

it('tells two playlists apart by their fingerprint', () => {
  expect(parsePlaylist(playlist('a.ts'), URL_).fingerprint).not.toBe(
    parsePlaylist(playlist('b.ts'), URL_).fingerprint,
  );
});

it.each([
  ['not a playlist', '<html></html>', 'is not an HLS playlist (no #EXTM3U)'],
  [
    'a master playlist',
    playlist('#EXT-X-STREAM-INF:BANDWIDTH=1', 'low.m3u8'),
    'is a master playlist',
  ],
  ['an encrypted one', playlist('#EXT-X-KEY:METHOD=AES-128,URI="k"', 'a.ts'), 'is encrypted'],
  ['two files of one name', playlist('x/a.ts', 'y/a.ts'), 'names two files called a.ts'],
  ['a file named as the playlist', playlist('other/index.m3u8'), 'names a file "index.m3u8"'],
])('refuses %s', (_what, text, message) => {
  expect(() => parsePlaylist(text, URL_)).toThrow(UnsupportedSourceError);
  expect(() => parsePlaylist(text, URL_)).toThrow(message);
});

it('accepts a key tag that encrypts nothing', () => {
  expect(parsePlaylist(playlist('#EXT-X-KEY:METHOD=NONE', 'a.ts'), URL_).files).toHaveLength(1);
});
