import { leanV8 } from './runtime/lean-v8.js';

// Before the command's modules load (they are imported below, not statically, for that reason).
leanV8();
const { main } = await import('./main.js');
const { createProcessContext } = await import('./wiring/process-context.js');

/** The `q2google` executable: runs the command line and exits with its code. */
const code = await main(process.argv.slice(2), createProcessContext());
process.exitCode = code;
// Let pending output drain; nothing else should keep the process alive after a command.
setTimeout(() => process.exit(code), 50).unref();
