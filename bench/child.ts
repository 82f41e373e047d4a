import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** A bench helper process (a TypeScript file run through bin/run-ts.js) spoken to over IPC. */
export interface BenchChild {
  child: ChildProcess;
  /** The next message of this `type` it sends; rejects if it exits first. */
  next<T>(type: string): Promise<T>;
  /** Asks (sends `{ type }`) and waits for its answer of the same type. */
  ask<T>(type: string): Promise<T>;
  /** SIGTERM, then waits for it to end. */
  stop(): Promise<void>;
}

export function forkTs(file: string, args: string[]): BenchChild {
  const child = fork(resolve(file), args, {
    execPath: process.execPath,
    execArgv: [resolve('bin/run-ts.js')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const next = <T>(type: string) =>
    new Promise<T>((resolveMessage, reject) => {
      const onMessage = (m: { type?: string }) => {
        if (m.type !== type) return;
        cleanup();
        resolveMessage(m as T);
      };
      const onExit = (code: number | null, signal: string | null) => {
        cleanup();
        reject(new Error(`${file} exited (${code ?? signal}) before sending ${type}`));
      };
      const cleanup = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  return {
    child,
    next,
    ask<T>(type: string) {
      const answer = next<T>(type);
      child.send({ type });
      return answer;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
