#!/usr/bin/env node
// Thin launcher: the command line lives in the compiled sources (built by `npm ci` through `prepare`).
import { runCli } from '../dist/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));
