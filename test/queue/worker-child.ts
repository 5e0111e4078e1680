// Child process for the queue tests: one worker that drains the queue, printing "ok JOB STATUS"
// after each job. Extraction stops after the `meta` stage (the queue and the store are what is
// tested; the full pipeline's start-up would only slow the test), and each job is stretched by
// DELAY ms so that a SIGKILL lands while the worker holds a job. Usage: worker-child.ts URL DELAY
import { runWorker } from '../../src/queue/index.ts';
import { isErrorRecord } from '../../src/read/errors.ts';

const [url, delay] = process.argv.slice(2);
const s = await runWorker(url, {
  drain: true,
  idleMs: 200,
  until: 'meta',
  onJobStart: () => new Promise((r) => setTimeout(r, Number(delay ?? 0))),
  onJob: ({ job, outcome }) => process.stdout.write(`ok ${job} ${isErrorRecord(outcome) ? 'skip' : outcome.status}\n`),
});
process.stdout.write(`done ${s.jobs}\n`);
