import { NotificationPreferences } from '../core/api/push.ts';
import type { StateDb } from './state-db.ts';

/**
 * Each person's notification choices (issue 15), one JSON row per person; no row: they never
 * chose, and the defaults of their role apply (core/people/notification-preferences.ts, which
 * also applies the rules nobody can choose away). Written by the dashboard, read by ingest.
 */
export interface NotificationPreferenceRepository {
  get(username: string): NotificationPreferences | undefined;
  /** Everyone's stored choices (ingest, when owing a transition). */
  all(): Map<string, NotificationPreferences>;
  put(username: string, prefs: NotificationPreferences, now: number): void;
}

interface Row {
  username: string;
  preferences: string;
}

/** A row written by a newer or broken Givre is ignored (the defaults apply), never a crash. */
const parsed = (json: string): NotificationPreferences | undefined => {
  try {
    const result = NotificationPreferences.safeParse(JSON.parse(json));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
};

export function createNotificationPreferenceRepository(db: StateDb): NotificationPreferenceRepository {
  const one = db.prepare<[string], Row>(
    'SELECT username, preferences FROM notification_preferences WHERE username = ?',
  );
  const every = db.prepare<[], Row>('SELECT username, preferences FROM notification_preferences');
  const upsert = db.prepare(`
    INSERT INTO notification_preferences (username, preferences, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (username) DO UPDATE SET preferences = excluded.preferences, updated_at = excluded.updated_at`);
  return {
    get(username) {
      const row = one.get(username);
      return row ? parsed(row.preferences) : undefined;
    },
    all() {
      const out = new Map<string, NotificationPreferences>();
      for (const row of every.all()) {
        const prefs = parsed(row.preferences);
        if (prefs) out.set(row.username, prefs);
      }
      return out;
    },
    put: (username, prefs, now) => void upsert.run(username, JSON.stringify(prefs), now),
  };
}
