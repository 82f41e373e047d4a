import { SeqTrack } from '../core/gaps/seq-gaps.ts';
import type { StateDb } from './state-db.ts';

/** Each van's numbering as ingest knows it (issue 13): written by ingest, read by dashboards. */
export interface SeqTrackRepository {
  save(van: string, track: SeqTrack): void;
  of(van: string): SeqTrack | undefined;
  all(): Array<{ van: string; track: SeqTrack }>;
}

export function createSeqTrackRepository(db: StateDb): SeqTrackRepository {
  const upsert = db.prepare(
    'INSERT INTO seq_tracks (van, track) VALUES (?, ?) ON CONFLICT (van) DO UPDATE SET track = excluded.track',
  );
  const one = db.prepare<[string], { track: string }>('SELECT track FROM seq_tracks WHERE van = ?');
  const all = db.prepare<[], { van: string; track: string }>(
    'SELECT van, track FROM seq_tracks ORDER BY van',
  );
  // Parsed, not cast: a row of another version is treated as unknown rather than shown wrong.
  const parse = (text: string) => {
    const parsed = SeqTrack.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  };
  return {
    save: (van, track) => void upsert.run(van, JSON.stringify(track)),
    of: (van) => {
      const row = one.get(van);
      return row ? parse(row.track) : undefined;
    },
    all: () =>
      all.all().flatMap((row) => {
        const track = parse(row.track);
        return track ? [{ van: row.van, track }] : [];
      }),
  };
}
