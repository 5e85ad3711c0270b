// Entry of an import's row worker thread: plain JavaScript, so it starts the same way under tsx (the CLI, the
// server) and vitest, and from a Next bundle, which cannot hold the worker itself; tsx then loads the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./rowWorker.ts');
