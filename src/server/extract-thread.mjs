// Worker-thread bootstrap for upload extraction. A worker does not inherit the parent's loader:
// in dist/ the compiled module sits beside this file; in src/ the TypeScript runs through tsx, as
// bin/sitrep.js does for the main thread.
import { existsSync } from 'node:fs';
const compiled = new URL('./extract-thread.js', import.meta.url);
if (existsSync(compiled)) await import(compiled.href);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./extract-thread.ts');
}
