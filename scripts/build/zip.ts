import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** Uncompressed size, from the central directory. */
  size: number;
  compressedSize: number;
  /** The entry's content, inflated and checked against `size`. */
  read(): Buffer;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/**
 * Lists a zip archive from its central directory. The local headers are no use for sizes: the
 * archiver `serverless package` uses streams each entry and writes its sizes after the data
 * (general-purpose flag bit 3), leaving zeros in the local header.
 *
 * Why not a dependency: the artifacts come from one known writer and hold stored or deflated
 * entries, well under 4 GiB; that is 60 lines over `node:zlib`, and unzipping must not depend on
 * an `unzip` binary a user may not have. ZIP64 and encrypted archives are refused, not misread.
 */
export function readZip(archive: Buffer): ZipEntry[] {
  const end = findEndOfCentralDirectory(archive);
  const count = archive.readUInt16LE(end + 10);
  let offset = archive.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff)
    throw new Error('ZIP64 archives are not supported');

  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (archive.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) {
      throw new Error(`corrupt zip: no central directory header at byte ${offset}`);
    }
    const flags = archive.readUInt16LE(offset + 8);
    const method = archive.readUInt16LE(offset + 10);
    const compressedSize = archive.readUInt32LE(offset + 20);
    const size = archive.readUInt32LE(offset + 24);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const localHeader = archive.readUInt32LE(offset + 42);
    const name = archive.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (flags & 1) throw new Error(`${name}: encrypted zip entries are not supported`);
    entries.push({
      name,
      size,
      compressedSize,
      read: () => readEntry(archive, { name, method, localHeader, compressedSize, size }),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Extracts every file of the archive at `zipPath` under `directory`; returns the entries. */
export async function extractZip(zipPath: string, directory: string): Promise<ZipEntry[]> {
  const entries = readZip(await readFile(zipPath));
  const root = resolve(directory);
  for (const entry of entries) {
    const target = resolve(root, entry.name);
    if (!target.startsWith(root + sep)) throw new Error(`${entry.name}: path leaves the archive`);
    if (entry.name.endsWith('/')) {
      await mkdir(target, { recursive: true });
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, entry.read());
  }
  return entries;
}

function findEndOfCentralDirectory(archive: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const lowest = Math.max(0, archive.length - 22 - 0xffff);
  for (let offset = archive.length - 22; offset >= lowest; offset--) {
    if (archive.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw new Error('not a zip archive: no end of central directory record');
}

function readEntry(
  archive: Buffer,
  entry: {
    name: string;
    method: number;
    localHeader: number;
    compressedSize: number;
    size: number;
  },
): Buffer {
  const { name, method, localHeader, compressedSize, size } = entry;
  if (archive.readUInt32LE(localHeader) !== LOCAL_FILE_HEADER) {
    throw new Error(`${name}: corrupt zip, no local header at byte ${localHeader}`);
  }
  const start =
    localHeader +
    30 +
    archive.readUInt16LE(localHeader + 26) +
    archive.readUInt16LE(localHeader + 28);
  const raw = archive.subarray(start, start + compressedSize);
  let data: Buffer;
  if (method === STORED) data = raw;
  else if (method === DEFLATED) data = inflateRawSync(raw);
  else throw new Error(`${name}: unsupported compression method ${method}`);
  if (data.length !== size) {
    throw new Error(`${name}: inflated to ${data.length} bytes, the directory says ${size}`);
  }
  return data;
}
