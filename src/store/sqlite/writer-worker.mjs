// Worker-thread bootstrap for the threaded writer: run the TypeScript sources through tsx, as
// bin/sitrep.js does for the main thread.
import { register } from 'tsx/esm/api';
register();
await import('./writer-thread.ts');
