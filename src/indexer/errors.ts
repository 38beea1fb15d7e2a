/** @module Build-only: the error every source problem is reported with, naming the file and line. */

/** A problem in a source file; the build prints `file:line: message` and exits non-zero, leaving the old artifact in place. */
export class BuildError extends Error {
  constructor(
    public readonly file: string,
    public readonly line: number,
    public readonly detail: string,
  ) {
    // Line 0 means the problem is with the file as a whole (e.g. the generated artifact), not one line of it.
    super(line > 0 ? `${file}:${line}: ${detail}` : `${file}: ${detail}`);
    this.name = 'BuildError';
  }
}

/** A problem in a source article, located by its file name and 1-based line; the build reports it with the path. */
export class SourceError extends BuildError {
  constructor(
    public readonly doc: string,
    line: number,
    message: string,
  ) {
    super(doc, line, message);
    this.name = 'SourceError';
  }
}

/** 1-based line number of UTF-16 offset `index` in `text`; "\r\n", "\r" and "\n" each end a line. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

/** Warnings printed so far in this process (the build summary reports the count). */
export const warnings: string[] = [];

/**
 * Reports a problem that still leaves a safe artifact (e.g. a provider without articles is served with the general
 * guidance), as `file:line: warning: message` on stderr so editors and CI logs show it next to errors.
 */
export function warn(file: string, line: number, detail: string): void {
  const message = `${file}:${line}: warning: ${detail}`;
  warnings.push(message);
  console.warn(message);
}
