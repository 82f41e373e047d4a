import { decodeOpsMessage } from '../core/decode-ops.ts';
import type { Load } from '../core/loads/load.ts';
import { CONTRACT_VERSION } from '../core/messages.ts';
import type {
  Command,
  CommandMessage,
  CommandReply,
  CommandResult,
  LoadChangedMessage,
} from '../core/ops-messages.ts';
import { OPS_LOADS_TOPIC, replyTopic } from '../core/ops-topics.ts';
import type { LoadService } from '../compliance/load-service.ts';
import { GivreError } from '../platform/errors.ts';
import type { Feature } from '../platform/feature.ts';
import type { Logger } from '../platform/logger.ts';
import type { MetricsRegistry } from '../platform/metrics.ts';
import type { CertificateRepository } from '../state/certificate-repository.ts';
import type { CommandRepository } from '../state/command-repository.ts';
import type { AlertEngine } from './alert-engine.ts';
import type { VanPublisher } from './alert-van-channel.ts';

export interface CommandHandlerDeps {
  alerts: Pick<AlertEngine, 'acknowledge'>;
  loads: LoadService;
  certificates: Pick<CertificateRepository, 'latest'>;
  commands: CommandRepository;
  publisher: VanPublisher;
  /** A load changed: its van's limits in force may have too (ingest/fleet-tracker.ts refresh). */
  onLoadChanged: (load: Load) => void;
  metrics: MetricsRegistry;
  logger: Logger;
  maxPayloadBytes: number;
  /** Wall clock, ms. */
  now: () => number;
}

/**
 * Carries out what people did in a dashboard (issue 9): `givre/v1/ops/commands` → the alert
 * lifecycle, the loads and the certificate issuer, all owned by ingest. Each command is
 * taken in the state store (state/command-repository.ts) as it arrives, which acknowledges
 * it to the broker, and carried out beside the intake, never in its way: a certificate that
 * waits for InfluxDB holds up no reading. Its reply is kept in the store: a redelivered
 * command is answered again, not applied again; one its dashboard abandoned (it waited in
 * vain and answered 503) is never carried out; one taken and not answered when ingest
 * stopped is carried out at the next start. A refusal (unknown alert, already acknowledged,
 * a load out of order) is a reply with its code, never a retry.
 */
export interface CommandHandler extends Feature {
  /** One message of `givre/v1/ops/commands`; resolves once the command is taken (or refused). */
  handle(topic: string, payload: Uint8Array): Promise<void>;
}

export function createCommandHandler(deps: CommandHandlerDeps): CommandHandler {
  const log = deps.logger;
  const rejected = deps.metrics.counter('givre_ops_rejected_total', 'Internal messages refused, by reason.');
  const handled = deps.metrics.counter(
    'givre_ingest_commands_total',
    'Commands from dashboards, by type and result (ok, refused, repeated, abandoned).',
  );

  const loadChanged = (load: Load, certificateId?: string) => {
    deps.onLoadChanged(load);
    const message: LoadChangedMessage = {
      v: CONTRACT_VERSION,
      loadId: load.id,
      van: load.van,
      recipient: load.recipient.id,
      status: load.status,
      certificateId: certificateId ?? deps.certificates.latest(load.id)?.signed.certificate.id ?? null,
    };
    deps.publisher.publish(OPS_LOADS_TOPIC, JSON.stringify(message), { qos: 1 }).catch((err: Error) =>
      log.rateLimited('ops-load-failed', 'warn', 'could not announce a load change', {
        error: err.message,
      }),
    );
  };

  const execute = async (command: Command, sentAt: number): Promise<CommandResult> => {
    switch (command.type) {
      case 'alert-ack': {
        const episode = deps.alerts.acknowledge(command.alertId, {
          by: command.by,
          // The person's click on the dashboard's clock (the simulated fleet's, in the demo).
          at: sentAt,
          reason: command.reason,
          ...(command.text ? { text: command.text } : {}),
        });
        return { alertId: episode.id };
      }
      case 'load-create': {
        const load = deps.loads.create(command.input, command.by);
        loadChanged(load);
        return { loadId: load.id };
      }
      case 'load-edit': {
        const load = deps.loads.edit(command.loadId, command.input, command.by);
        loadChanged(load);
        return { loadId: load.id };
      }
      case 'load-event': {
        const { load, certificate } = await deps.loads.mark(command.loadId, {
          type: command.event,
          // The person's click, not the moment ingest got to it, on the dashboard's clock.
          at: command.at ?? sentAt,
          by: command.by,
          ...(command.reception ? { reception: command.reception } : {}),
          ...(command.pickup ? { pickup: command.pickup } : {}),
          ...(command.delivery ? { delivery: command.delivery } : {}),
        });
        loadChanged(load, certificate?.certificate.id);
        return { loadId: load.id, ...(certificate ? { certificateId: certificate.certificate.id } : {}) };
      }
      case 'gaps-declare-lost': {
        const signed = await deps.loads.declareGapsLost(command.loadId, {
          by: command.by,
          reason: command.reason,
        });
        loadChanged(deps.loads.get(command.loadId), signed.certificate.id);
        return { loadId: command.loadId, certificateId: signed.certificate.id };
      }
    }
  };

  const send = (client: string, reply: CommandReply) =>
    deps.publisher
      .publish(replyTopic(client), JSON.stringify(reply), { qos: 1 })
      .catch((err: Error) =>
        log.rateLimited('ops-reply-failed', 'warn', 'could not reply to a dashboard', { error: err.message }),
      );

  const carryOut = async ({ id, replyTo, sentAt, command }: CommandMessage) => {
    let reply: CommandReply;
    try {
      reply = { v: CONTRACT_VERSION, id, ok: true, result: await execute(command, sentAt) };
      handled.inc({ type: command.type, result: 'ok' });
    } catch (err) {
      // A coded refusal goes back as it is; anything else (a store that failed) is told as
      // unavailable, without its stack, and logged here once.
      const known = err instanceof GivreError && err.status < 500;
      if (!known) log.error('a command failed', { type: command.type, error: (err as Error).message });
      reply = {
        v: CONTRACT_VERSION,
        id,
        ok: false,
        error: known
          ? { code: err.code, message: err.message.slice(0, 500) }
          : { code: 'GIVRE_ERR_UNAVAILABLE', message: `ingest could not carry out ${command.type}` },
      };
      handled.inc({ type: command.type, result: 'refused' });
    }
    deps.commands.answer(id, reply);
    void send(replyTo, reply);
  };

  // One lane per alert or load: what happens to one is done in order, while an
  // acknowledgement never waits behind a certificate that waits for InfluxDB.
  const lanes = new Map<string, Promise<void>>();
  const run = (message: CommandMessage) => {
    const c = message.command;
    const key =
      c.type === 'alert-ack'
        ? `alert:${c.alertId}`
        : c.type === 'load-create'
          ? 'load:new'
          : `load:${c.loadId}`;
    const next = (lanes.get(key) ?? Promise.resolve()).then(() => carryOut(message));
    lanes.set(key, next);
    void next.finally(() => {
      if (lanes.get(key) === next) lanes.delete(key);
    });
  };

  return {
    name: 'command handler',
    /** Commands taken before a stop and not answered yet are carried out now. */
    start() {
      for (const message of deps.commands.running()) run(message);
    },
    /** Waits for the commands under way (bounded by the shutdown's own time limit). */
    async stop() {
      await Promise.allSettled([...lanes.values()]);
    },
    async handle(topic, payload) {
      const decoded = decodeOpsMessage(topic, payload, deps.maxPayloadBytes);
      if (!decoded.ok || decoded.kind !== 'commands') {
        const reason = decoded.ok ? 'not-inbound' : decoded.reason;
        rejected.inc({ reason });
        log.rateLimited(`ops-reject-${reason}`, 'warn', `rejected an internal message: ${reason}`, {
          detail: decoded.ok ? topic : decoded.detail,
        });
        return;
      }
      const message = decoded.message;
      const standing = deps.commands.take(message, deps.now());
      if (standing === 'taken') return run(message);
      if (standing === 'abandoned') {
        // Its dashboard already told the person it was not done: doing it now would surprise them.
        handled.inc({ type: message.command.type, result: 'abandoned' });
        return;
      }
      // A redelivery: answered again from the store, or still under way (its answer will go).
      const known = deps.commands.reply(message.id);
      if (known) {
        handled.inc({ type: message.command.type, result: 'repeated' });
        void send(message.replyTo, known);
      }
    },
  };
}
