import { createReadStream } from 'node:fs';
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { join } from 'node:path';

/**
 * Where uploaded bytes live. On disk under DATA_DIR by default; an object store (COS, OSS, S3)
 * is another implementation of these two calls, chosen in configuration.
 */
export interface UploadStore {
  /** Stores bytes under a key; storing the same key again is harmless (keys name their content). */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes under a key, or null. */
  get(key: string): Promise<Buffer | null>;
  /**
   * Bytes [start, end) under a key as a stream, or null: a video player asks for ranges, and
   * holding a whole video in memory to answer each one would cost megabytes per viewer. An object
   * store answers it with a ranged GET.
   */
  stream(key: string, start: number, end: number): Promise<Readable | null>;
}

const KEY = /^[0-9a-f]{64}$/;

/** Files under one directory, two levels of fan-out so no directory grows huge. */
export class DiskUploadStore implements UploadStore {
  constructor(private readonly dir: string) {}

  private pathOf(key: string): string {
    // Keys are SHA-256 hex; anything else would be a path we did not make.
    if (!KEY.test(key)) throw new Error('an upload key is 64 hex digits');
    return join(this.dir, key.slice(0, 2), key);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
    // Written beside and renamed: a reader never sees half a file, and a crash leaves only a temp file.
    const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, path);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async stream(key: string, start: number, end: number): Promise<Readable | null> {
    const path = this.pathOf(key);
    try {
      await access(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    // createReadStream's end is inclusive.
    return createReadStream(path, { start, end: end - 1 });
  }
}

/** In memory: tests, and a process that is told to keep nothing on disk. */
export class MemoryUploadStore implements UploadStore {
  private readonly files = new Map<string, Buffer>();

  async put(key: string, bytes: Buffer): Promise<void> {
    this.files.set(key, Buffer.from(bytes));
  }

  async get(key: string): Promise<Buffer | null> {
    return this.files.get(key) ?? null;
  }

  async stream(key: string, start: number, end: number): Promise<Readable | null> {
    const bytes = this.files.get(key);
    return bytes ? Readable.from([bytes.subarray(start, end)]) : null;
  }
}
