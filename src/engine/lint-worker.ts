import { parentPort } from 'node:worker_threads';
import { lintRequest } from './lint-request.js';
import type { WorkerReply, WorkerRequest } from './lint-request.js';

/** Lints the files the pool sends, one at a time; the pool starts a file's time budget at `started`. */
parentPort?.on('message', (request: WorkerRequest) => void answer(request));

async function answer(request: WorkerRequest): Promise<void> {
  const reply = await lintRequest(request, () => parentPort?.postMessage({ id: request.id, started: true } satisfies WorkerReply));
  parentPort?.postMessage(reply);
}
