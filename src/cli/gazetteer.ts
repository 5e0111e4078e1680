import type { Command } from './main.ts';
import { addUserSource, listUserSources, removeUserSource, userGazetteerDir } from '../gazetteer/user.ts';
import { loadPlaceIndex } from '../gazetteer/build-index.ts';

/** Build the place index of the bundled rows and the extracts now, so that the next command only reads it. */
function prebuildIndex(): void {
  const t = performance.now();
  const table = loadPlaceIndex();
  process.stderr.write(`sitrep gazetteer: place index of ${n(table.size)} places ready in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
}

const USAGE = [
  'sitrep gazetteer add FILE...      add GeoNames country dumps (XX.zip or XX.txt from download.geonames.org/export/dump/)',
  '       sitrep gazetteer list              the extracts added, with their counts',
  '       sitrep gazetteer remove NAME...    remove extracts by the name `list` shows (e.g. UA)',
  '       sitrep gazetteer dir               where they are kept ($SITREP_GAZETTEER_DIR, $SITREP_HOME/gazetteer, or ~/.local/share/sitrep/gazetteer)',
].join('\n');

const n = (x: number) => x.toLocaleString('en-US');

export const command: Command = {
  summary: "Add GeoNames country dumps to the user's place index, used by every command from then on; list and remove them.",
  usage: USAGE,
  async run(args) {
    const [sub, ...rest] = args;
    const dir = userGazetteerDir();
    if (sub === 'add') {
      if (!rest.length) throw new Error('add: name at least one GeoNames dump (XX.zip or XX.txt)');
      let failed = 0;
      for (const file of rest) {
        try {
          const s = await addUserSource(file, dir);
          const cc = Object.keys(s.countries).sort().join(' ');
          process.stdout.write(`${s.name}: ${n(s.places)} populated places, ${n(s.divisions)} divisions, ${n(s.alternates)} alternate names (${cc}) -> ${s.file}\n`);
          if (s.malformed) process.stderr.write(`sitrep gazetteer: ${file}: ${n(s.malformed)} line(s) not in the 19-column format were skipped\n`);
        } catch (e) {
          failed++;
          process.stderr.write(`sitrep gazetteer: ${(e as Error).message}\n`);
        }
      }
      if (failed < rest.length) {
        prebuildIndex();
        process.stderr.write('sitrep gazetteer: used by every command from now on (restart a running `sitrep serve` or worker to pick it up)\n');
      }
      return failed ? 1 : 0;
    }
    if (sub === 'list') {
      const list = listUserSources(dir);
      if (!list.length) process.stderr.write(`sitrep gazetteer: no extracts added (${dir})\n`);
      for (const s of list) {
        const cc = Object.entries(s.countries).sort().map(([c, k]) => `${c} ${n(k)}`).join(', ');
        process.stdout.write(`${s.name}\t${n(s.places)} places\t${n(s.divisions)} divisions\t${n(s.alternates)} alternates\t${cc}\tadded ${s.added.slice(0, 10)} from ${s.source}\n`);
      }
      return 0;
    }
    if (sub === 'remove') {
      if (!rest.length) throw new Error('remove: name the extract(s) to remove (see `sitrep gazetteer list`)');
      let missing = 0;
      for (const name of rest) {
        const hit = removeUserSource(name, dir);
        if (hit) process.stdout.write(`removed ${hit.name}\n`);
        else {
          missing++;
          process.stderr.write(`sitrep gazetteer: no extract named ${name} (see \`sitrep gazetteer list\`)\n`);
        }
      }
      if (missing < rest.length) prebuildIndex();
      return missing ? 1 : 0;
    }
    if (sub === 'dir') {
      process.stdout.write(dir + '\n');
      return 0;
    }
    process.stderr.write(`usage: ${USAGE}\n`);
    return 2;
  },
};
