// Preloaded into the server only when profiling (BENCH_CPU_PROF=1): Nest's shutdown hook ends the
// process by re-raising SIGTERM, which would skip writing the --cpu-prof file. With this listener
// the process leaves through process.exit instead (the second SIGTERM, or 3 s after the first).
let terms = 0;
process.on('SIGTERM', () => {
  if (++terms >= 2) process.exit(0);
  setTimeout(() => process.exit(0), 3000);
});
