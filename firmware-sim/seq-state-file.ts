import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** `{ "nextSeq": n }`: the seq a van's next reading gets, written at stop (see seq-counter.ts). */
export async function readSeqState(file: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const nextSeq = (JSON.parse(text) as { nextSeq?: unknown }).nextSeq;
  if (typeof nextSeq !== 'number' || !Number.isSafeInteger(nextSeq) || nextSeq < 0) {
    throw new Error(`${file}: nextSeq is not a non-negative integer`);
  }
  return nextSeq;
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file. */
export async function writeSeqState(file: string, nextSeq: number): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  await writeFile(tmp, `${JSON.stringify({ nextSeq })}\n`);
  await rename(tmp, file);
}
