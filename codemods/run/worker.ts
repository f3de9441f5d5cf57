/** A worker thread's entry: processes the batch it is given and posts each file's result. */
import { parentPort, workerData } from 'node:worker_threads';
import { BatchOptions, FileJob, processFiles } from './process-files';

if (parentPort) {
  const { jobs, options } = workerData as { jobs: FileJob[]; options: BatchOptions };
  const port = parentPort;
  try {
    processFiles(jobs, options, (r) => port.postMessage({ type: 'file', result: r }));
    port.postMessage({ type: 'done' });
  } catch (e) {
    port.postMessage({ type: 'error', message: (e as Error)?.stack ?? String(e) });
  }
}
