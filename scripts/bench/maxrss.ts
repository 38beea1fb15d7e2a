/** @module Bench: preload (`node --import`) that prints the process's peak RSS on exit, for machines without GNU time. */
process.on('exit', () => {
  process.stderr.write(`maxrss-kb:${process.resourceUsage().maxRSS}\n`);
});
