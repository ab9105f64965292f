#!/usr/bin/env node
import { main } from '../dist/voxelhub.mjs';

process.exitCode = await main(process.argv.slice(2));
