#!/usr/bin/env node
// The `gatehouse` command: Node 24 runs the TypeScript source directly.
import "../src/cli/gatehouse.ts";
