// SIP.js's WebSocket transport with the message guard in front of the parser. The UserAgent sets
// `transport.onMessage = (m) => ua.onTransportMessage(m)`; this transport keeps that callback and
// hands it only messages the guard passes, answers refused requests itself, and never lets an
// exception from SIP.js's parsing escape into the WebSocket's event handler. Frames are queued in
// the WebSocket event and handled in bounded slices (inbound-queue.ts), so a burst never blocks
// the page for long. Only the UserAgent factory (user-agent-factory.ts) uses this.
import { Web, type Core } from 'sip.js';
import { errorName, type ReportLog } from '../log';
import { createInboundQueue, DEFAULT_INBOUND_LIMITS, type InboundQueueLimits } from './inbound-queue';
import { DEFAULT_GUARD_LIMITS, inspectMessage, type GuardLimits } from './message-guard';

export interface GuardedTransportHooks {
  readonly log: ReportLog;
  readonly limits?: GuardLimits;
  /** Slice and backlog bounds for inbound frames. */
  readonly inbound?: InboundQueueLimits;
  /** Called for every message received (after the guard), e.g. as a sign of life. */
  readonly onActivity?: () => void;
}

export type TransportConstructor = new (logger: Core.Logger, options: Web.TransportOptions) => Web.Transport;

interface Frame {
  readonly ev: MessageEvent;
  readonly ws: WebSocket;
}

/** A Web.Transport subclass bound to these hooks, for UserAgentOptions.transportConstructor. */
export function guardedTransport(hooks: GuardedTransportHooks): TransportConstructor {
  const limits = hooks.limits ?? DEFAULT_GUARD_LIMITS;
  const { log } = hooks;

  return class GuardedTransport extends Web.Transport {
    private readonly inbound;

    constructor(logger: Core.Logger, options: Web.TransportOptions) {
      super(logger, options);
      let inner: ((message: string) => void) | undefined;
      const guarded = (raw: string): void => {
        hooks.onActivity?.();
        let verdict;
        try {
          verdict = inspectMessage(raw, limits);
        } catch (error) {
          log({ level: 'error', code: 'sip.guard.failed', detail: { error: errorName(error) } });
          return;
        }
        if (verdict.action === 'drop') {
          log({ level: 'warn', code: verdict.code });
          return;
        }
        if (verdict.action === 'reject') {
          log({ level: 'warn', code: verdict.code, detail: { status: verdict.status } });
          this.send(verdict.response).catch((error: unknown) => log({ level: 'warn', code: 'sip.guard.reply-failed', detail: { error: errorName(error) } }));
          return;
        }
        try {
          inner?.(raw);
        } catch (error) {
          // SIP.js threw while handling a message the guard let through: the console goes on.
          log({ level: 'error', code: 'sip.guard.engine-threw', detail: { error: errorName(error) } });
        }
      };
      // The UserAgent assigns onMessage after construction; intercept that assignment.
      Object.defineProperty(this, 'onMessage', {
        configurable: true,
        enumerable: true,
        get: () => (inner ? guarded : undefined),
        set: (fn: ((message: string) => void) | undefined) => {
          inner = fn;
        },
      });
      const self = this as unknown as { onWebSocketMessage: (ev: MessageEvent, ws: WebSocket) => void };
      // SIP.js's handler: drops frames of an old socket or after disconnect, answers CRLF pongs,
      // decodes binary frames, then calls onMessage (guarded above).
      const original = self.onWebSocketMessage.bind(this);
      this.inbound = createInboundQueue<Frame>(hooks.inbound ?? DEFAULT_INBOUND_LIMITS, {
        handle: ({ ev, ws }) => original(ev, ws),
        onError: (error) => log({ level: 'error', code: 'sip.guard.transport-threw', detail: { error: errorName(error) } }),
        onDrop: ({ phase, dropped }) => log({ level: 'warn', code: phase === 'started' ? 'sip.guard.backlog-full' : 'sip.guard.backlog-dropped', detail: { frames: dropped } }),
      });
      self.onWebSocketMessage = (ev: MessageEvent, ws: WebSocket) => {
        let data: unknown = ev.data;
        // An oversized frame is cut before it waits or SIP.js decodes it: the guard only needs its
        // beginning to answer 513 (it reads the header section within maxBytes anyway).
        if (data instanceof ArrayBuffer && data.byteLength > limits.maxBytes) data = data.slice(0, limits.maxBytes + 1);
        else if (typeof data === 'string' && data.length > limits.maxBytes) data = data.slice(0, limits.maxBytes + 1);
        const size = typeof data === 'string' ? data.length : data instanceof ArrayBuffer ? data.byteLength : 0;
        this.inbound.push({ ev: data === ev.data ? ev : ({ data } as MessageEvent), ws }, size);
      };
    }

    override dispose(): Promise<void> {
      this.inbound.dispose();
      return super.dispose();
    }
  };
}
