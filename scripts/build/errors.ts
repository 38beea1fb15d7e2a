/** @module Build-only: the error every source problem is reported with, naming the file and line. */

/** A problem in a source file; the build prints `file:line: message` and exits non-zero. */
export class BuildError extends Error {
  constructor(
    public readonly file: string,
    public readonly line: number,
    public readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'BuildError';
  }
}

/** 1-based line number of UTF-16 offset `index` in `text`. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
