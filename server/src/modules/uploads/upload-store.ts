import { mkdir, open, readFile, rename, writeFile } from 'node:fs/promises';
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
   * Bytes [start, end) under a key, or null: a video player asks for ranges, and reading a whole
   * video to answer each one would hold megabytes per request. An object store answers it with a ranged GET.
   */
  read(key: string, start: number, end: number): Promise<Buffer | null>;
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

  async read(key: string, start: number, end: number): Promise<Buffer | null> {
    let file;
    try {
      file = await open(this.pathOf(key), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      const bytes = Buffer.alloc(end - start);
      const { bytesRead } = await file.read(bytes, 0, bytes.length, start);
      return bytes.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
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

  async read(key: string, start: number, end: number): Promise<Buffer | null> {
    return this.files.get(key)?.subarray(start, end) ?? null;
  }
}
