import { LoadEventAnswer, LoadList, ProfileList } from '../../core/api/loads.ts';
import type { Load } from '../../core/loads/load.ts';
import { apiJson } from './api-client.ts';
import { renderDriverLoads, type DriverLoadsState, type ReceptionDraft } from './driver-loads-view.ts';
import { TEXT } from '../text/catalogue.ts';
import type { Lang } from '../text/lang.ts';
import { productNameIn } from '../text/product-name.ts';

/** Handed-over loads stay listed this long (wall ms): the driver sees the morning's deliveries done. */
const DONE_SHOWN_MS = 18 * 3_600_000;
/** A coordinator may plan a load while the van is out: looked up again this often (ms). */
const REFRESH_MS = 30_000;

/**
 * The van's loads in the driver view (issue 6): "Chargé" at pickup, "Livré" with the
 * reception check at delivery, through the same API as the coordinators
 * (`GET /api/loads?van=`, `POST /api/loads/{id}/events`); redrawn after each action.
 */
export function createDriverLoads(root: HTMLElement, van: string, lang: Lang) {
  const s: DriverLoadsState = { lang, loads: [], names: {}, draft: null, busy: false, error: null };
  const render = () => renderDriverLoads(root, s, actions);
  const fail = (err: unknown) => {
    s.error = `${TEXT[s.lang].driverLoads.failed} (${(err as Error).message})`;
  };

  async function refresh(): Promise<void> {
    try {
      const loads = await apiJson(LoadList, `/api/loads?van=${encodeURIComponent(van)}`);
      const since = Date.now() - DONE_SHOWN_MS;
      s.loads = loads.filter((l) => l.deliveredAt === null || l.deliveredAt >= since);
      if (s.draft && !s.loads.some((l) => l.id === s.draft?.loadId && l.status === 'picked-up'))
        s.draft = null;
    } catch (err) {
      fail(err);
    }
    render();
  }

  async function send(load: Load, event: object): Promise<void> {
    s.busy = true;
    s.error = null;
    render();
    try {
      await apiJson(LoadEventAnswer, `/api/loads/${encodeURIComponent(load.id)}/events`, {
        method: 'POST',
        body: { by: `driver:${van}`, ...event },
      });
      s.draft = null;
    } catch (err) {
      fail(err);
    }
    s.busy = false;
    await refresh();
  }

  const reception = (load: Load, d: ReceptionDraft) => ({
    accepted: d.accepted,
    ...(d.probe.trim() ? { probeCelsius: Number(d.probe.replace(',', '.')) } : {}),
    ...(d.reason.trim() ? { reason: d.reason.trim() } : {}),
    by: d.byDriver ? `driver:${van}` : load.recipient.name.slice(0, 100),
  });

  const actions = {
    pickup: (load: Load) => void send(load, { type: 'picked-up' }),
    startDelivery(load: Load) {
      s.draft = { loadId: load.id, probe: '', accepted: true, reason: '', byDriver: false };
      s.error = null;
      render();
    },
    edit(patch: Partial<ReceptionDraft>) {
      if (!s.draft) return;
      s.draft = { ...s.draft, ...patch };
      // Typing must not redraw (the field would lose focus); the toggles must.
      if (!('probe' in patch) && !('reason' in patch)) render();
    },
    confirm(load: Load) {
      const d = s.draft;
      if (!d) return;
      if (!d.accepted && !d.reason.trim()) {
        s.error = TEXT[s.lang].driverLoads.reasonRequired;
        return render();
      }
      // A refusal at the door is a rejection (core/loads/load.ts would make it one anyway).
      void send(load, { type: d.accepted ? 'delivered' : 'rejected', reception: reception(load, d) });
    },
    cancel() {
      s.draft = null;
      s.error = null;
      render();
    },
  };

  void apiJson(ProfileList, '/api/profiles').then((profiles) => {
    s.names = Object.fromEntries(
      profiles.map((p) => [p.id, { fr: p.name.fr, en: p.name.en, nl: productNameIn(p, 'nl') }]),
    );
    render();
  }, fail);
  void refresh();
  const timer = setInterval(() => {
    if (!s.draft && !s.busy) void refresh();
  }, REFRESH_MS);

  return {
    setLang(next: Lang) {
      s.lang = next;
      render();
    },
    refresh,
    stop: () => clearInterval(timer),
  };
}
