// The one place the console makes a SIP.js UserAgent. Every UserAgent gets the guarded transport
// (every inbound byte through message-guard.ts, in bounded slices), whatever options the caller
// passes. `USER_AGENT_PURPOSES` lists every kind the console makes; the hostile-server test
// (test/node/sip-guard-every-user-agent.test.ts) drives each one, and a source scan there fails
// on any `new UserAgent(` elsewhere in renderer/. Today the console makes one kind only: the
// registered UserAgent, which busy lamps, presence and the message-pad agent share (one
// WebSocket for all SIP traffic; see the README's choices).
import { UserAgent, type UserAgentOptions } from 'sip.js';
import type { ReportLog } from '../log';
import { guardedTransport, type GuardedTransportHooks } from './guarded-transport';

export const USER_AGENT_PURPOSES = ['registration'] as const;
export type UserAgentPurpose = (typeof USER_AGENT_PURPOSES)[number];

export interface GuardedUserAgentRequest {
  readonly purpose: UserAgentPurpose;
  /** Everything but the transport, which this factory owns. */
  readonly options: Omit<UserAgentOptions, 'transportConstructor'>;
  readonly log: ReportLog;
  readonly guard?: Omit<GuardedTransportHooks, 'log'>;
}

export interface UserAgentCreation {
  readonly purpose: UserAgentPurpose;
  readonly ua: UserAgent;
}

const observers = new Set<(creation: UserAgentCreation) => void>();

/** Calls `listener` for every UserAgent made from now on (tests and diagnostics). */
export function observeUserAgentCreations(listener: (creation: UserAgentCreation) => void): () => void {
  observers.add(listener);
  return () => observers.delete(listener);
}

export function createGuardedUserAgent(request: GuardedUserAgentRequest): UserAgent {
  const transportConstructor = guardedTransport({ ...request.guard, log: request.log });
  const ua = new UserAgent({ ...(request.options as UserAgentOptions), transportConstructor });
  for (const observe of observers) observe({ purpose: request.purpose, ua });
  return ua;
}
