// Raw limit (issue 14): bare aedes, in-memory persistence, nothing else, on a loopback port
// (argv[2]), in a process of its own. Sends `listening` over IPC; stops on SIGTERM.
import { Aedes } from 'aedes';
import { createServer } from 'node:net';

const port = Number(process.argv[2]);
const broker = await Aedes.createBroker();
const server = createServer(broker.handle);
await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
process.send?.({ type: 'listening' });
process.once('SIGTERM', () => {
  server.close();
  broker.close(() => process.exit(0));
});
