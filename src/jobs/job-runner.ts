/**
 * Runs outbox event handlers after commit and the publishing scheduler.
 * Safe with several app processes: events are claimed with a lease, and a
 * scheduled article is published by whichever process wins its status change.
 */
import type { EventStore, OutboxEvent } from './event-store.js';

/** Handles one kind of event; throwing schedules a retry. */
export type EventHandler = (event: OutboxEvent) => Promise<void>;

const POLL_INTERVAL_MS = 1000;
const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 8;
const BATCH = 50;

/** The job runner of one process. */
export function createJobRunner(deps: {
  events: EventStore;
  log: { warn(obj: unknown, msg?: string): void; error(obj: unknown, msg?: string): void };
  tick?: () => Promise<void>;
}) {
  const handlers = new Map<string, EventHandler[]>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  async function runOnce(): Promise<number> {
    if (deps.tick) await deps.tick();
    const claimed = await deps.events.claim(BATCH, LEASE_MS);
    for (const event of claimed) {
      const list = [...(handlers.get(event.kind) ?? []), ...(handlers.get('*') ?? [])];
      try {
        for (const handle of list) await handle(event);
        await deps.events.markDone(event.id);
      } catch (error) {
        const giveUp = event.attempts >= MAX_ATTEMPTS;
        // Exponential back-off: 2 s, 4 s, 8 s … up to ~4 minutes.
        await deps.events.markFailed(event.id, (error as Error).message, 1000 * 2 ** event.attempts, giveUp);
        deps.log.warn(
          { eventId: event.id, kind: event.kind, attempts: event.attempts, giveUp, err: error },
          'event handler failed',
        );
      }
    }
    return claimed.length;
  }

  return {
    /** Registers a handler for an event kind (`*` for all). */
    on(kind: string, handler: EventHandler): void {
      handlers.set(kind, [...(handlers.get(kind) ?? []), handler]);
    },

    /** Handles everything due now; for tests and the CLI. */
    async drain(): Promise<void> {
      while ((await runOnce()) > 0) {
        // keep going until the outbox is empty
      }
    },

    start(): void {
      if (timer) return;
      const loop = () => {
        running = runOnce()
          .catch((error) => deps.log.error({ err: error }, 'job runner failed'))
          .then(() => {
            running = null;
            if (timer) timer = setTimeout(loop, POLL_INTERVAL_MS);
          });
      };
      timer = setTimeout(loop, POLL_INTERVAL_MS);
      timer.unref();
    },

    async stop(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
      if (running) await running;
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
