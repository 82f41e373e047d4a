import { LoadEventAnswer, LoadList, ProfileList } from '../../core/api/loads.ts';
import type { Load } from '../../core/loads/load.ts';
import { defaultHandOverMinutes } from '../../core/loads/hand-over-defaults.ts';
import { apiJson } from './api-client.ts';
import { deliveryRecordOf, pickupRecordOf, type PickupDraft } from './driver-loads-records.ts';
import { renderDriverLoads, type DriverLoadsState, type ReceptionDraft } from './driver-loads-view.ts';
import { TEXT } from '../text/catalogue.ts';
import type { Lang } from '../text/lang.ts';
import { productNameIn } from '../text/product-name.ts';

/** Handed-over loads stay listed this long (wall ms): the driver sees the morning's deliveries done. */
const DONE_SHOWN_MS = 18 * 3_600_000;
/** A coordinator may plan a load while the van is out: looked up again this often (ms). */
const REFRESH_MS = 30_000;

/**
 * The van's loads in the driver view (issue 6): "Chargé" at pickup, with the label's date and
 * the donor hand-over minutes (issue 16), "Livré" with the reception check and the charity
 * hand-over minutes at delivery; the minutes are pre-filled with `defaultHandOverMinutes`, through the same API as the coordinators
 * (`GET /api/loads?van=`, `POST /api/loads/{id}/events`); redrawn after each action.
 */
export function createDriverLoads(root: HTMLElement, van: string, lang: Lang) {
  const s: DriverLoadsState = {
    lang,
    loads: [],
    names: {},
    draft: null,
    pickupDraft: null,
    fieldErrors: {},
    busy: false,
    error: null,
  };
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
      if (s.pickupDraft && !s.loads.some((l) => l.id === s.pickupDraft?.loadId && l.status === 'planned'))
        s.pickupDraft = null;
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
      s.pickupDraft = null;
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
    startPickup(load: Load) {
      s.pickupDraft = {
        loadId: load.id,
        kind: null,
        date: '',
        frozenByDonor: false,
        frozenOn: '',
        handOver: String(defaultHandOverMinutes(load.donor).atDonor),
      };
      s.draft = null;
      s.fieldErrors = {};
      s.error = null;
      render();
    },
    editPickup(patch: Partial<PickupDraft>) {
      if (!s.pickupDraft) return;
      s.pickupDraft = { ...s.pickupDraft, ...patch };
      // Typing must not redraw (the field would lose focus); the toggles must.
      if (!('date' in patch) && !('frozenOn' in patch) && !('handOver' in patch)) render();
    },
    confirmPickup(load: Load) {
      const d = s.pickupDraft;
      if (!d) return;
      const checked = pickupRecordOf(d);
      s.fieldErrors = checked.ok ? {} : checked.errors;
      if (!checked.ok) return render();
      const pickup = Object.keys(checked.record).length ? { pickup: checked.record } : {};
      void send(load, { type: 'picked-up', ...pickup });
    },
    startDelivery(load: Load) {
      s.draft = {
        loadId: load.id,
        probe: '',
        accepted: true,
        reason: '',
        byDriver: false,
        handOver: String(defaultHandOverMinutes(load.donor).atCharity),
      };
      s.pickupDraft = null;
      s.fieldErrors = {};
      s.error = null;
      render();
    },
    edit(patch: Partial<ReceptionDraft>) {
      if (!s.draft) return;
      s.draft = { ...s.draft, ...patch };
      // Typing must not redraw (the field would lose focus); the toggles must.
      if (!('probe' in patch) && !('reason' in patch) && !('handOver' in patch)) render();
    },
    confirm(load: Load) {
      const d = s.draft;
      if (!d) return;
      if (!d.accepted && !d.reason.trim()) {
        s.error = TEXT[s.lang].driverLoads.reasonRequired;
        return render();
      }
      const checked = deliveryRecordOf(d.handOver);
      s.fieldErrors = checked.ok ? {} : checked.errors;
      if (!checked.ok) return render();
      const delivery = Object.keys(checked.record).length ? { delivery: checked.record } : {};
      // A refusal at the door is a rejection (core/loads/load.ts would make it one anyway).
      void send(load, {
        type: d.accepted ? 'delivered' : 'rejected',
        reception: reception(load, d),
        ...delivery,
      });
    },
    cancel() {
      s.draft = null;
      s.pickupDraft = null;
      s.fieldErrors = {};
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
    if (!s.draft && !s.pickupDraft && !s.busy) void refresh();
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
