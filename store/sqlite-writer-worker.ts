// The embedded store's writer thread (sqlite-writer.ts): its own connection to the file, one
// transaction per group of messages, answered in the order asked.
import { parentPort, workerData } from 'node:worker_threads';
import { openReadingsDb, rowInserter } from './sqlite-readings-db.ts';
import type { WriterReply, WriterRequest } from './sqlite-writer.ts';

const port = parentPort!;
const db = openReadingsDb((workerData as { path: string }).path);
const insert = rowInserter(db);

port.on('message', (request: WriterRequest) => {
  if (request.type === 'close') {
    db.close();
    port.close();
    return;
  }
  let reply: WriterReply;
  try {
    reply = { id: request.id, inserted: insert(request.rows) };
  } catch (err) {
    reply = { id: request.id, error: (err as Error).message };
  }
  port.postMessage(reply);
});
// Told once the connection is open, so that an error opening it reaches the store as one.
port.postMessage({ id: 0, inserted: [] } satisfies WriterReply);
