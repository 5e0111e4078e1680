// Worker-thread bootstrap for upload extraction: run the TypeScript sources through tsx, as
// bin/sitrep.js does for the main thread (a worker does not inherit the parent's loader).
import { register } from 'tsx/esm/api';
register();
await import('./extract-thread.ts');
