// The contract between the browser phone page (page.ts) and its Node driver (phone.ts).

export interface PhoneStartOptions {
  wsUrl: string;
  domain: string;
  /** URI user (extension, operator name, or the caller number asserted by the gateway). */
  user: string;
  authorizationUsername: string;
  password: string;
  displayName: string;
  register: boolean;
}

export interface PhoneSession {
  id: string;
  dir: 'in' | 'out';
  state: string;
  /** Final and provisional status codes seen for an outgoing call (180, 200 ...). */
  responses: number[];
  from: string;
  fromDisplayName: string;
  /** The To header's URI: for switchboard calls, the number the caller dialled. */
  to: string;
  requestUri: string;
  inviteToEstablishedMs: number | null;
  /** The Replaces header of an incoming INVITE (attended transfer), null otherwise. */
  replaces?: string | null;
  /** Wall-clock ms (performance.timeOrigin + now) when SIP.js handed the INVITE to onInvite / sent it. */
  offeredAt?: number;
}

export interface PhoneStats {
  ice: string;
  inboundBytes: number;
  outboundBytes: number;
  inboundPackets: number;
  audioEnergy: number;
  codec: string | null;
}

export interface LabPhoneApi {
  start(o: PhoneStartOptions): Promise<{ registered: boolean }>;
  call(target: string, extraHeaders?: string[]): Promise<string>;
  waitState(state: string, callId: string | null, timeoutMs: number): Promise<PhoneSession | null>;
  answer(callId: string | null): Promise<void>;
  setAutoAnswer(on: boolean): void;
  /** Hold (sendonly re-INVITE) or resume; resolves when the peer accepted it. */
  hold(on: boolean, callId: string | null): Promise<void>;
  hangup(callId: string | null): Promise<void>;
  stats(callId: string | null): Promise<PhoneStats | null>;
  sessions(): PhoneSession[];
  /** INFO requests received (e.g. application/dtmf-relay), oldest first. */
  infos(): { callId: string; contentType: string; body: string }[];
  /** PUBLISH a body (default event presence, PIDF) for target (default: this account); resolves with the final status. */
  publish(body: string, target: string | null, event: string, contentType: string): Promise<number>;
  /** SUBSCRIBE to target's event; NOTIFYs are kept (notifies()). */
  subscribe(target: string, event: string, accept: string): Promise<void>;
  /** NOTIFYs received on subscribe()d subscriptions, oldest first; at = performance.timeOrigin + now. */
  notifies(): { target: string; event: string; subState: string; body: string; at: number }[];
  /**
   * Benchmarks: SUBSCRIBEs every target to every event, at most windowSize waiting for their first
   * NOTIFY at a time; resolves when all got one (or failed), or at timeoutMs with how many did not.
   */
  watchMany(targets: string[], events: string[], windowSize: number, timeoutMs: number): Promise<{ ms: number; failed: number; unanswered: number }>;
  /** NOTIFYs of watchMany() subscriptions from index since: first <state> of the body, the frame's
   *  arrival, the handler's run and the next animation frame (wall-clock ms). */
  watchLog(since: number): WatchedNotify[];
  stop(): Promise<void>;
}

export interface WatchedNotify {
  target: string;
  event: string;
  state: string;
  frameAt: number;
  handledAt: number;
  paintedAt: number;
}

declare global {
  interface Window {
    labPhone: LabPhoneApi;
  }
}
