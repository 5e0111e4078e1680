import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { after } from 'node:test';
import { SqliteStore } from '../../src/store/sqlite/index.ts';
import { storeContract } from './contract.ts';
import { tempDir } from '../helpers.ts';

// The store contract against real SQLite files (WAL), one fresh file per test.
const dir = tempDir('sitrep-store-');
let n = 0;
storeContract('sqlite', async () => new SqliteStore(join(dir, `t${n++}.db`)));
after(() => rmSync(dir, { recursive: true, force: true }));
