// SIP.js's WebSocket transport with the message guard in front of the parser. The UserAgent sets
// `transport.onMessage = (m) => ua.onTransportMessage(m)`; this transport keeps that callback and
// hands it only messages the guard passes, answers refused requests itself, and never lets an
// exception from SIP.js's parsing escape into the WebSocket's event handler.
import { Web, type Core } from 'sip.js';
import { errorName, type ReportLog } from '../log';
import { DEFAULT_GUARD_LIMITS, inspectMessage, type GuardLimits } from './message-guard';

export interface GuardedTransportHooks {
  readonly log: ReportLog;
  readonly limits?: GuardLimits;
  /** Called for every message received (after the guard), e.g. as a sign of life. */
  readonly onActivity?: () => void;
}

type TransportConstructor = new (logger: Core.Logger, options: Web.TransportOptions) => Web.Transport;

/** A Web.Transport subclass bound to these hooks, for UserAgentOptions.transportConstructor. */
export function guardedTransport(hooks: GuardedTransportHooks): TransportConstructor {
  const limits = hooks.limits ?? DEFAULT_GUARD_LIMITS;
  const { log } = hooks;

  return class GuardedTransport extends Web.Transport {
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
      // An oversized binary frame is cut before SIP.js decodes it: the guard only needs its
      // beginning to answer 513 (string frames are inspected in O(limit) anyway).
      const self = this as unknown as { onWebSocketMessage: (ev: MessageEvent, ws: WebSocket) => void };
      const original = self.onWebSocketMessage.bind(this);
      self.onWebSocketMessage = (ev: MessageEvent, ws: WebSocket) => {
        const data: unknown = ev.data;
        if (data instanceof ArrayBuffer && data.byteLength > limits.maxBytes) {
          ev = { data: data.slice(0, limits.maxBytes + 1) } as MessageEvent;
        }
        try {
          original(ev, ws);
        } catch (error) {
          log({ level: 'error', code: 'sip.guard.transport-threw', detail: { error: errorName(error) } });
        }
      };
    }
  };
}
