// Keeps the operator registered. SIP.js has no automatic reconnect (its issues #1095, #1024,
// #1088), so this owns the UserAgent/Registerer lifecycle for one account:
// - connects through the UserAgent factory (guarded transport) to accounts[0].servers in order; a failed connect
//   fails over to the next server (wrapping around); when a whole round fails it waits an
//   exponential backoff with jitter (backoff.ts) and starts a new round;
// - after a transport drop or a keep-alive timeout (keepalive.ts) it throws the UserAgent away,
//   ends the calls that were on it (the operator is told), and reconnects with a fresh
//   UserAgent and Registerer: at once when the connection had registered, with backoff when it
//   had not (reconnect-policy.ts says which delay for which fault);
// - registered on a failover server, it probes the primary every `primaryProbeMs` and moves back
//   to it when it accepts a WebSocket again and no call is on the console;
// - after any failed REGISTER (initial or refresh) it re-registers with backoff;
// - the browser's online/offline events only make it reconnect or probe sooner.
// State goes to the one registration store (registration-store.ts), whose transition table
// (REGISTRATION_TRANSITIONS) checks every step this manager takes.
import { Invitation, Registerer, RegistererState, SessionState, TransportState, type UserAgent } from 'sip.js';
import type { Settings } from '../../../common/settings/schema';
import { errorName, type ReportLog } from '../log';
import type { SoftphoneStores } from '../stores';
import { createGuardedUserAgent } from '../transport/user-agent-factory';
import { AccountUriError, userAgentOptions } from '../user-agent-options';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { afterRegistered, decideReconnect, DEFAULT_RECONNECT, EMPTY_HISTORY, type ConnectionFault, type ReconnectDecision, type ReconnectHistory } from './reconnect-policy';
import { webSocketOpens } from './primary-probe';
import { DEFAULT_KEEPALIVE, startKeepalive, type Keepalive, type KeepaliveOptions } from './keepalive';
import { DEFAULT_KEEP_CALLS_MS, liveSessions, reconnectUntil, refreshDialogs } from './calls-through-drop';

/** WebSocket connect timeout (s): a server that accepts TCP but never upgrades counts as down. */
const CONNECT_TIMEOUT_S = 4;
/** On a failover server: how often the primary is probed (ms). */
const PRIMARY_PROBE_MS = 30000;
/** How long stop() waits for SIP.js to unregister and close before giving up on it. */
const STOP_TIMEOUT_MS = 2000;

export interface RegistrationManagerDeps {
  readonly settings: Settings;
  readonly stores: SoftphoneStores;
  readonly log: ReportLog;
  /** Every new UserAgent before it starts (first connect, reconnect, failover), and null when it is gone. */
  readonly onUserAgent: (ua: UserAgent | null) => void;
  readonly backoff?: BackoffPolicy;
  /** Which delay for which fault; default reconnect-policy.ts's (the bench passes the old rule as its baseline). */
  readonly decide?: (fault: ConnectionFault, history: ReconnectHistory, now: number) => ReconnectDecision;
  /** On a failover server: how often the primary is probed; default 30 s. */
  readonly primaryProbeMs?: number;
  readonly keepalive?: KeepaliveOptions;
  readonly random?: () => number;
  readonly now?: () => number;
  /** Where online/offline events come from; default window (none in Node). */
  readonly events?: EventTarget | null;
  /** How long calls are kept through a dropped connection (ms); 0 ends them at once. Default 15 s. */
  readonly keepCallsMs?: number;
}

type Outcome = 'connected' | 'failed' | 'stale' | 'fatal';

function withTimeout(p: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([p, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}

export class RegistrationManager {
  private readonly deps: RegistrationManagerDeps;
  private readonly now: () => number;
  private running = false;
  /** Bumped whenever the current UserAgent is replaced or dropped; stale callbacks compare it. */
  private generation = 0;
  private serverIndex = 0;
  private history: ReconnectHistory = EMPTY_HISTORY;
  private registerFailures = 0;
  /** The current connection got a REGISTER through (a drop of it is a blip, not a dead server). */
  private registeredHere = false;
  private primaryTimer: ReturnType<typeof setTimeout> | undefined;
  private ua: UserAgent | null = null;
  /** True while the current UserAgent reconnects with its calls kept (calls-through-drop.ts). */
  private keepingCalls = false;
  private registerer: Registerer | null = null;
  private keepalive: Keepalive | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private reRegisterTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly events: EventTarget | null;

  constructor(deps: RegistrationManagerDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
    this.events = deps.events !== undefined ? deps.events : typeof window !== 'undefined' ? window : null;
  }

  private get account() {
    return this.deps.settings.accounts[0];
  }

  /** The registration store's actions (each checks its transition). */
  private get registration() {
    return this.deps.stores.registration.getState();
  }

  /** Connects and registers; resolves when the first round is settled (registered, rejected or every server failed). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.events?.addEventListener('online', this.onOnline);
    this.events?.addEventListener('offline', this.onOffline);
    const account = this.account;
    this.registration.begin(account.id, account.servers);
    await this.round();
  }

  /** Unregisters (best effort) and disconnects; no reconnect after this. */
  async stop(): Promise<void> {
    this.running = false;
    this.generation++;
    clearTimeout(this.retryTimer);
    clearTimeout(this.reRegisterTimer);
    clearTimeout(this.primaryTimer);
    this.events?.removeEventListener('online', this.onOnline);
    this.events?.removeEventListener('offline', this.onOffline);
    this.keepalive?.stop();
    this.keepalive = null;
    const ua = this.ua;
    const registerer = this.registerer;
    this.ua = null;
    this.registerer = null;
    const log = this.deps.log;
    if (registerer) {
      if (registerer.state === RegistererState.Registered) {
        await withTimeout(
          registerer.unregister().catch((error: unknown) => log({ level: 'warn', code: 'sip.unregister-failed', detail: { error: errorName(error) } })),
          STOP_TIMEOUT_MS,
        );
      }
      await withTimeout(
        registerer.dispose().catch(() => undefined),
        STOP_TIMEOUT_MS,
      ); // nothing left to tell
    }
    if (ua)
      await withTimeout(
        ua.stop().catch((error: unknown) => log({ level: 'warn', code: 'sip.stop-failed', detail: { error: errorName(error) } })),
        STOP_TIMEOUT_MS,
      );
    this.registration.unregistered();
  }

  private readonly onOnline = () => {
    // A hint only: if we are waiting to reconnect, try now.
    if (this.running && !this.ua && this.retryTimer !== undefined) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
      this.deps.log({ level: 'info', code: 'sip.reconnect-on-online' });
      void this.round();
    }
  };

  private readonly onOffline = () => this.keepalive?.probeNow();

  /** Tries every server once, starting with the current one, until one connects. */
  private async round(): Promise<void> {
    this.retryTimer = undefined;
    const servers = this.account.servers;
    for (let i = 0; i < servers.length && this.running; i++) {
      const index = (this.serverIndex + i) % servers.length;
      const outcome = await this.connect(index);
      if (outcome === 'connected') {
        this.serverIndex = index;
        return;
      }
      if (outcome === 'stale' || outcome === 'fatal') return;
    }
    if (!this.running) return;
    const delay = this.decide('round-failed');
    this.registration.failed('sip.transport-connect-failed', 'reconnect', null, this.failedSoFar());
    this.scheduleRound(delay);
  }

  /** Failed rounds plus drops before registering: what the status bar counts towards "Ej ansluten". */
  private failedSoFar(): number {
    return this.history.failedRounds + this.history.unprovenDrops;
  }

  /** The policy's delay for `fault`; keeps the history it returns. */
  private decide(fault: ConnectionFault): number {
    const decide = this.deps.decide ?? ((f, h, now) => decideReconnect(f, h, now, { ...DEFAULT_RECONNECT, backoff: this.deps.backoff ?? DEFAULT_BACKOFF }, this.deps.random));
    const decision = decide(fault, this.history, this.now());
    this.history = decision.history;
    this.deps.log({ level: 'info', code: 'sip.reconnect-decided', detail: { fault, delayMs: decision.delayMs } });
    return decision.delayMs;
  }

  /** In Failed (retry 'reconnect'): the next round after `delay`. */
  private scheduleRound(delay: number): void {
    if (!this.running) return;
    clearTimeout(this.retryTimer);
    this.registration.retryAt(this.now() + delay, this.failedSoFar());
    this.deps.log({ level: 'info', code: 'sip.reconnect-scheduled', detail: { delayMs: delay, round: this.history.failedRounds } });
    this.retryTimer = setTimeout(() => void this.round(), delay);
  }

  private async connect(index: number): Promise<Outcome> {
    const { settings, log } = this.deps;
    const gen = ++this.generation;
    const server = this.account.servers[index];
    this.registration.connecting(server);

    let ua: UserAgent;
    try {
      const base = userAgentOptions(this.account, settings.displayName, server, log);
      ua = createGuardedUserAgent({
        purpose: 'registration',
        log,
        options: {
          ...base,
          transportOptions: { server, connectionTimeout: CONNECT_TIMEOUT_S, keepAliveInterval: 0 },
          // stop() here unregisters and the softphone ends its calls first. SIP.js's graceful
          // shutdown would send on a dead transport, reject, and skip disposing the transport and
          // core (their timers and WebSocket outlive the UserAgent).
          gracefulShutdown: false,
        },
      });
    } catch (error) {
      // A bad account URI will not get better by retrying; a bad server URL might be only this one.
      const fatal = error instanceof AccountUriError;
      const code = fatal ? 'sip.account-uri-invalid' : 'sip.user-agent-failed';
      log({ level: 'error', code, detail: { error: errorName(error) } });
      this.registration.failed(code, fatal ? null : 'reconnect');
      return fatal ? 'fatal' : 'failed';
    }
    this.ua = ua;
    this.deps.onUserAgent(ua);
    this.watchTransport(ua, gen);

    try {
      await ua.start();
    } catch (error) {
      log({ level: 'error', code: 'sip.transport-connect-failed', detail: { error: errorName(error), server: index } });
      if (gen !== this.generation) return 'stale';
      this.discard(ua);
      return 'failed';
    }
    if (gen !== this.generation || !this.running) {
      void ua.stop().catch(() => undefined); // stopped or replaced meanwhile
      return 'stale';
    }
    await this.registerOn(ua, gen);
    return 'connected';
  }

  /** A drop of this generation's transport (not from inside SIP.js's transition: stopping there is a "loop"). */
  private watchTransport(ua: UserAgent, gen: number): void {
    ua.transport.stateChange.addListener((state) => {
      if (state === TransportState.Disconnected) setTimeout(() => gen === this.generation && this.keepalive && this.dropped('sip.transport-lost'), 0);
    });
  }

  /** Connected: keep-alive on, then REGISTER. */
  private async registerOn(ua: UserAgent, gen: number): Promise<void> {
    this.registeredHere = false;
    this.registration.registering();
    this.keepalive = startKeepalive(ua, this.account.domain, () => this.dropped('sip.keepalive-timeout'), this.deps.keepalive ?? DEFAULT_KEEPALIVE);
    await this.register(ua, gen);
  }

  /** A new Registerer on the current UserAgent; any later loss of registration re-registers. */
  private async register(ua: UserAgent, gen: number): Promise<void> {
    if (gen !== this.generation || !this.running) return;
    const registerer = new Registerer(ua);
    this.registerer = registerer;
    let rejectedStatus = 0;
    let wasRegistered = false;
    registerer.stateChange.addListener((state) => {
      if (this.registerer !== registerer) return;
      if (state === RegistererState.Registered) {
        wasRegistered = true;
        this.registeredHere = true;
        this.history = afterRegistered(this.history);
        this.registerFailures = 0;
        this.registration.registered();
        this.schedulePrimaryProbe(gen);
      } else if (state === RegistererState.Unregistered || state === RegistererState.Terminated) {
        // Let onReject (same tick) record its status first.
        setTimeout(() => this.registrationLost(registerer, gen, rejectedStatus ? 'sip.register-rejected' : wasRegistered ? 'sip.register-refresh-failed' : 'sip.register-failed'), 0);
      }
    });
    try {
      await registerer.register({
        requestDelegate: {
          onReject: (response) => {
            rejectedStatus = response.message.statusCode ?? 0;
            this.deps.log({ level: 'error', code: 'sip.register-rejected', detail: { status: rejectedStatus } });
          },
        },
      });
    } catch (error) {
      this.deps.log({ level: 'error', code: 'sip.register-failed', detail: { error: errorName(error) } });
      setTimeout(() => this.registrationLost(registerer, gen, 'sip.register-failed'), 0);
    }
  }

  private registrationLost(registerer: Registerer, gen: number, code: string): void {
    if (this.registerer !== registerer || gen !== this.generation || !this.running) return;
    this.registerer = null;
    void registerer.dispose().catch(() => undefined);
    this.deps.log({ level: 'error', code });
    this.registerFailures++;
    const delay = backoffDelay(this.registerFailures, this.deps.backoff ?? DEFAULT_BACKOFF, this.deps.random);
    this.registration.failed(code, 'register', this.now() + delay);
    clearTimeout(this.reRegisterTimer);
    this.reRegisterTimer = setTimeout(() => {
      const ua = this.ua;
      if (!ua || gen !== this.generation || !this.running || this.registerer) return;
      this.registration.registering();
      void this.register(ua, gen);
    }, delay);
  }

  /** The transport dropped or stopped answering: reconnect, keeping the calls for a while if there are any. */
  private dropped(code: string): void {
    const ua = this.ua;
    if (!this.running || !ua || this.keepingCalls) return;
    this.generation++;
    // No un-REGISTER on a dead connection; just make sure its refresh timers never fire.
    (this.registerer as unknown as { clearTimers?: () => void } | null)?.clearTimers?.();
    this.registerer = null;
    this.keepalive?.stop();
    this.keepalive = null;
    clearTimeout(this.reRegisterTimer);
    clearTimeout(this.primaryTimer);
    this.deps.log({ level: 'error', code });
    this.registration.failed(code, 'reconnect');
    const keepMs = this.deps.keepCallsMs ?? DEFAULT_KEEP_CALLS_MS;
    if (keepMs > 0 && liveSessions(ua).length > 0) void this.keepCallsThroughDrop(ua, keepMs);
    else this.replaceUserAgent(ua);
  }

  /** The same UserAgent reconnects with its calls; past the window they end and a fresh one takes over. */
  private async keepCallsThroughDrop(ua: UserAgent, keepMs: number): Promise<void> {
    const gen = this.generation;
    this.keepingCalls = true;
    this.deps.log({ level: 'info', code: 'sip.keeping-calls', detail: { calls: liveSessions(ua).length } });
    this.deps.onUserAgent(null); // lamps grey and no new calls while the connection is away
    const back = await reconnectUntil(ua, this.now() + keepMs, this.now, () => gen === this.generation && this.running);
    this.keepingCalls = false;
    if (gen !== this.generation || !this.running) return;
    if (!back) {
      this.deps.log({ level: 'error', code: 'sip.keeping-calls-gave-up' });
      this.replaceUserAgent(ua);
      return;
    }
    this.deps.log({ level: 'info', code: 'sip.reconnected-with-calls' });
    this.watchTransport(ua, gen);
    this.deps.onUserAgent(ua);
    const kept = liveSessions(ua);
    await this.registerOn(ua, gen);
    refreshDialogs(kept, this.deps.log);
  }

  /** Throws this UserAgent away (its calls end) and reconnects with a fresh one. */
  private replaceUserAgent(ua: UserAgent): void {
    this.generation++;
    this.ua = null;
    this.endCalls(ua);
    this.deps.onUserAgent(null);
    this.discard(ua);
    // A connection that had registered: reconnect at once (same server first). One that drops
    // before registering: back off, or a server that accepts and hangs up would be hammered.
    const delay = this.decide(this.registeredHere ? 'working-dropped' : 'unproven-dropped');
    if (delay === 0) void this.round();
    else this.scheduleRound(delay);
  }

  /** Registered on a failover server: look at the primary again in a while. */
  private schedulePrimaryProbe(gen: number): void {
    clearTimeout(this.primaryTimer);
    if (this.currentServerIndex() === 0) return;
    this.primaryTimer = setTimeout(() => void this.probePrimary(gen), this.deps.primaryProbeMs ?? PRIMARY_PROBE_MS);
  }

  /** The index of the server in use (from the store: the round sets serverIndex only once register() returned). */
  private currentServerIndex(): number {
    const server = this.registration.server;
    const index = server === null ? 0 : this.account.servers.indexOf(server);
    return index < 0 ? 0 : index;
  }

  /** Opens a bare WebSocket to the primary; when it upgrades and no call is on, moves back to it. */
  private async probePrimary(gen: number): Promise<void> {
    if (gen !== this.generation || !this.running || !this.ua) return;
    const up = await webSocketOpens(this.account.servers[0], CONNECT_TIMEOUT_S * 1000);
    const ua = this.ua;
    if (gen !== this.generation || !this.running || !ua) return;
    if (!up || Object.keys(ua._sessions).length > 0) {
      this.schedulePrimaryProbe(gen); // down, or a call is on: never cut a call for this
      return;
    }
    this.deps.log({ level: 'info', code: 'sip.primary-back' });
    this.generation++;
    const registerer = this.registerer;
    this.ua = null;
    this.registerer = null;
    this.keepalive?.stop();
    this.keepalive = null;
    clearTimeout(this.reRegisterTimer);
    if (registerer?.state === RegistererState.Registered)
      await withTimeout(
        registerer.unregister().catch(() => undefined),
        STOP_TIMEOUT_MS,
      );
    if (registerer)
      await withTimeout(
        registerer.dispose().catch(() => undefined),
        STOP_TIMEOUT_MS,
      );
    this.deps.onUserAgent(null);
    this.discard(ua);
    if (!this.running) return;
    this.serverIndex = 0;
    await this.round();
  }

  /** Ends every session of a dead UserAgent; tells the operator when an answered call was among them. */
  private endCalls(ua: UserAgent): void {
    let answered = 0;
    for (const session of Object.values(ua._sessions)) {
      const state = session.state;
      if (state === SessionState.Established || (session instanceof Invitation && state === SessionState.Establishing)) answered++;
      try {
        session.dispose().catch(() => undefined); // the BYE cannot be sent; the session ends locally
      } catch {
        /* already disposed */
      }
    }
    if (answered > 0) {
      this.registration.callLost(this.now());
      this.deps.log({ level: 'error', code: 'call.ended-connection-lost', detail: { calls: answered } });
    }
  }

  /** Stops a UserAgent we no longer use, in the background: its transport may never close cleanly. */
  private discard(ua: UserAgent): void {
    void withTimeout(
      ua.stop().catch(() => undefined),
      STOP_TIMEOUT_MS,
    );
  }
}
