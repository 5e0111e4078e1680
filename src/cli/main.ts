/**
 * `sitrep COMMAND ...`: one file per command under src/cli/, listed here. Each command module
 * exports `run(args): Promise<number>` (the exit code) and a one-line `summary`.
 */
export interface Command {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const COMMANDS: Record<string, () => Promise<Command>> = {
  extract: async () => (await import('./extract.ts')).command,
  evaluate: async () => (await import('./evaluate.ts')).command,
  serve: async () => (await import('./serve.ts')).command,
  ingest: async () => (await import('./ingest.ts')).command,
  events: async () => (await import('./events.ts')).command,
  claims: async () => (await import('./claims.ts')).command,
  contradictions: async () => (await import('./contradictions.ts')).command,
  changes: async () => (await import('./changes.ts')).command,
  demo: async () => (await import('./demo.ts')).command,
  worker: async () => (await import('./worker.ts')).command,
  watch: async () => (await import('./watch.ts')).command,
  gazetteer: async () => (await import('./gazetteer.ts')).command,
};

/** Register a command (used by modules that add commands: store, server, ...). */
export function commands(): Record<string, () => Promise<Command>> {
  return COMMANDS;
}

function help(): string {
  return ['usage: sitrep COMMAND [options]', '', 'commands:', ...Object.keys(COMMANDS).map((c) => `  ${c}`), '', 'sitrep COMMAND --help for more'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help() + '\n');
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`sitrep: unknown command '${name}'\n${help()}\n`);
    return 2;
  }
  const cmd = await load();
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${cmd.summary}\n\nusage: ${cmd.usage}\n`);
    return 0;
  }
  try {
    return await cmd.run(args);
  } catch (e) {
    process.stderr.write(`sitrep ${name}: ${(e as Error).message}\n`);
    return 2;
  }
}
