// Worker-thread bootstrap for the threaded writer. A worker does not inherit the parent's loader:
// in dist/ the compiled module sits beside this file; in src/ the TypeScript runs through tsx, as
// bin/sitrep.js does for the main thread.
import { existsSync } from 'node:fs';
const compiled = new URL('./writer-thread.js', import.meta.url);
if (existsSync(compiled)) await import(compiled.href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./writer-thread.ts');
}
