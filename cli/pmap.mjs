#!/usr/bin/env node
// The pmap command: runs the TypeScript CLI through tsx so callers need no build step.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
