/** @module `npm start`'s port: `--port` wins over PORT, 8787 by default, anything but a port number is an error. */
import { describe, expect, it } from 'vitest';
import { startOptions } from '../../scripts/start';

describe('startOptions', () => {
  it('takes --port, then PORT, then 8787', () => {
    expect(startOptions(['--port', '8835'], { PORT: '9000' })).toEqual({ port: 8835, build: true, help: false });
    expect(startOptions([], { PORT: '9000' })).toEqual({ port: 9000, build: true, help: false });
    expect(startOptions(['--no-build'], {})).toEqual({ port: 8787, build: false, help: false });
  });

  it('rejects what is not a port', () => {
    for (const port of ['0', '65536', 'abc', '80.5', '-1', '']) expect(() => startOptions([`--port=${port}`], {}), port).toThrow(/port must be/);
    expect(() => startOptions(['--bogus'], {})).toThrow();
  });
});
