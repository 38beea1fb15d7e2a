/** @module Atomic writes of generated files: the worker bundle (wrangler, vitest) never sees half a file. */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes `bytes` to `path` through a temporary file in the same directory, flushed, then renamed over the old
 * one. An unchanged file is not rewritten (no reload for watchers). Returns the size in bytes.
 */
export function writeAtomic(path: string, bytes: Buffer): number {
  if (existsSync(path) && readFileSync(path).equals(bytes)) return bytes.length;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
  return bytes.length;
}
