// One measurement in its own process (started by run.mjs):
//   node bench/worker.mjs '{"workload":"insert","db":"sqlite","contender":"raw","case":"raw","target":":memory:","size":{"n":100000}}'
// Resets the tables when the workload writes (server databases: through the raw driver,
// before the clock), opens the contender (SQLite in memory: the contender creates and
// fills its own database through its own connection), builds the input, then times the
// case's run() alone, checks its output and prints one line `RESULT {json}` with the time,
// CPU time, peak RSS (process.resourceUsage().maxRSS) and the check.
import { performance } from 'node:perf_hooks';
import { runOnServer, setupStatements, USERS } from './lib/fixtures.mjs';
import { NotAvailable } from './lib/util.mjs';
import { WORKLOADS } from './lib/workloads.mjs';
import { CONTENDERS } from './contenders/index.mjs';

async function main() {
  const args = JSON.parse(process.argv[2]);
  const workload = WORKLOADS.find((w) => w.id === args.workload);
  const mod = await CONTENDERS[args.contender]();
  const c = mod.cases.find((x) => x.id === args.case && x.workload === args.workload);
  if (!workload || !c) throw new Error(`unknown workload/case ${args.workload}/${args.case}`);
  const size = args.size;
  const statements = setupStatements(args.db, workload.fixture(size));
  if (args.db !== 'sqlite' && workload.resetEachRun) await runOnServer(args.db, args.target, statements);
  const h = await mod.open({ db: args.db, target: args.target, setup: args.db === 'sqlite' ? statements : [], variant: c.variant });
  if (args.db === 'sqlite' && !mod.ownsSetup) for (const sql of statements) await h.exec(sql);
  const input = workload.input(size);
  if (workload.id === 'select') await c.run(h, { ids: input.warmupIds });
  global.gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let out;
  try {
    out = await c.run(h, input);
  } catch (e) {
    if (e instanceof NotAvailable) {
      process.stdout.write(`RESULT ${JSON.stringify({ unavailable: e.message })}\n`);
      process.exit(0);
    }
    throw e;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  let error;
  if (workload.check) error = workload.check(out, size);
  else {
    await mod.release?.(h);
    const got = Number(await h.scalar(`SELECT sum(score) FROM ${USERS} WHERE id <= ${size.n}`));
    if (got !== workload.expectedSum(size)) error = `after the update sum(score) is ${got}, expected ${workload.expectedSum(size)} (rows not updated)`;
  }
  await mod.release?.(h);
  await h.close();
  process.stdout.write(`RESULT ${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMB, error })}\n`);
}

main().catch((e) => {
  console.error(e?.stack ?? e);
  process.exit(1);
});
