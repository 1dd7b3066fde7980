// Reads a SCORM zip with yauzl: the central directory first, then one entry at a time, inflated as a
// stream whose bytes are counted as they arrive (declared sizes are never trusted), so a bomb is
// stopped at the limit, not after it. Every name is checked before its entry is opened: nothing may
// escape the package (no "..", absolute paths, backslashes, drive letters or symlinks).
import { createHash } from 'node:crypto';
import yauzl from 'yauzl';
import { refuseScorm, ScormRefusal } from './scorm-refusal';

export interface ScormArchiveLimits {
  maxFiles: number;
  maxUnpackedBytes: number;
  /** Inflated ÷ compressed bytes an entry (or the whole archive) may reach once past RATIO_FLOOR. */
  maxRatio: number;
}

export interface ScormArchiveFile {
  path: string;
  sha256: string;
  size: number;
  bytes: Buffer;
}

export interface ScormArchive {
  files: Map<string, ScormArchiveFile>;
  unpackedBytes: number;
}

/** Text and scripts compress about 5-10 times, rarely 50; 1,000 is a bomb. Below 1 MiB nothing is refused for its ratio. */
export const DEFAULT_MAX_RATIO = 200;
const RATIO_FLOOR = 1024 * 1024;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** The reason a name is unsafe, or null: names are relative, forward-slashed, inside the package. */
export function unsafeName(name: string): string | null {
  if (!name) return 'an empty name';
  if (name.includes('\\')) return 'a backslash';
  if (name.includes('\0')) return 'a NUL character';
  if (name.startsWith('/')) return 'an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'a drive letter';
  if (name.split('/').some((part) => part === '..')) return 'a ".." step out of the package';
  return null;
}

function fail(error: unknown): never {
  if (error instanceof ScormRefusal) throw error;
  const message = error instanceof Error ? error.message : String(error);
  if (/end of central directory record signature not found|not a zip|invalid comment length/i.test(message))
    refuseScorm(
      'not-a-zip',
      'This file is not a zip archive. A SCORM package is a .zip file with imsmanifest.xml at its top.',
    );
  if (/too many bytes|not enough bytes|compressed\/uncompressed size mismatch|expected \d+ bytes/i.test(message))
    refuseScorm(
      'unreadable-zip',
      'The sizes this zip declares do not match what it holds: it is damaged, or built to mislead.',
    );
  if (/absolute path|relative path|invalid characters in fileName/i.test(message))
    refuseScorm('unsafe-path', `The package has a file whose name points outside it (${message}).`);
  refuseScorm('unreadable-zip', `The zip archive cannot be read (${message}). Make it again with another zip tool.`);
}

function open(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(
      bytes,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: true, decodeStrings: true },
      (error, zip) => (error ? reject(error) : resolve(zip)),
    ),
  );
}

export async function readScormArchive(bytes: Buffer, limits: ScormArchiveLimits): Promise<ScormArchive> {
  let zip: yauzl.ZipFile;
  try {
    zip = await open(bytes);
  } catch (error) {
    fail(error);
  }
  // The central directory says how many entries there are: refused before any is read.
  if (zip.entryCount > limits.maxFiles * 2 + 1000)
    refuseScorm(
      'too-many-files',
      `The package holds ${zip.entryCount} entries; at most ${limits.maxFiles} files are allowed.`,
      {
        max: limits.maxFiles,
      },
    );
  const files = new Map<string, ScormArchiveFile>();
  const lowerNames = new Set<string>();
  let unpacked = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        readEntry(entry).then(() => zip.readEntry(), reject);
      });
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    fail(error);
  }
  return { files, unpackedBytes: unpacked };

  async function readEntry(entry: yauzl.Entry): Promise<void> {
    const name = entry.fileName;
    const unsafe = unsafeName(name);
    if (unsafe)
      refuseScorm(
        'unsafe-path',
        `The package has a file named "${name.slice(0, 200)}" with ${unsafe}; every file must stay inside the package.`,
      );
    const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
    if (mode === S_IFLNK)
      refuseScorm(
        'unsafe-path',
        `The package has a symbolic link ("${name.slice(0, 200)}"); links could point outside it.`,
      );
    if (name.endsWith('/')) return; // a folder
    if (files.size >= limits.maxFiles)
      refuseScorm('too-many-files', `The package holds more than ${limits.maxFiles} files.`, { max: limits.maxFiles });
    const key = name.toLowerCase();
    if (lowerNames.has(key))
      refuseScorm('duplicate-file', `The package holds "${name.slice(0, 200)}" twice; a file name may appear once.`);
    lowerNames.add(key);
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))),
    );
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let size = 0;
    const compressed = Math.max(entry.compressedSize, 1);
    await new Promise<void>((resolve, reject) => {
      const stop = (error: Error) => {
        (stream as unknown as { destroy(): void }).destroy();
        reject(error);
      };
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        unpacked += chunk.length;
        if (unpacked > limits.maxUnpackedBytes)
          return stop(
            new ScormRefusal(
              'unpacked-too-large',
              `The package expands to more than ${limits.maxUnpackedBytes} bytes, the most a package may hold.`,
              { max: limits.maxUnpackedBytes },
            ),
          );
        if (size > RATIO_FLOOR && size / compressed > limits.maxRatio)
          return stop(
            new ScormRefusal(
              'zip-bomb',
              `"${name.slice(0, 200)}" expands more than ${limits.maxRatio} times its packed size: the archive looks built to exhaust the server.`,
              { max: limits.maxRatio },
            ),
          );
        hash.update(chunk);
        chunks.push(chunk);
      });
      stream.on('error', stop);
      stream.on('end', () => resolve());
    });
    files.set(name, { path: name, sha256: hash.digest('hex'), size, bytes: Buffer.concat(chunks, size) });
  }
}
