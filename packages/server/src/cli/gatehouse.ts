import { enableCompileCache } from "node:module";

// Every command is a short-lived process that would otherwise strip and compile the same sources each
// time: Node's compile cache (kept in the OS temp directory) halves a command's start. It only serves
// modules loaded after it is on, hence the program is imported here rather than above.
enableCompileCache();
await import("./program.ts");
