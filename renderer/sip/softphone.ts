// The softphone engine: one SIP.js UserAgent + Registerer for the operator's account, incoming
// calls as queue entries with their P-GREET greeting, answer and hang up. No React here: it only
// writes the vanilla stores, which the UI reads.
import {
  Invitation,
  Registerer,
  RegistererState,
  SessionState,
  UserAgent,
  Web,
  type Session,
} from 'sip.js';
import type { Settings } from '../../common/settings/schema';
import {
  compileGreetingRules,
  decideGreeting,
  DEFAULT_SWITCHBOARDS,
  GreetingRulesError,
  type GreetingRules,
} from '../../common/policy';
import { extractDialledCandidates } from './dialled-candidates';
import { errorName, type ReportLog } from './log';
import type { RemoteAudio } from './remote-audio';
import { CallState, RegistrationState } from './states';
import { selectActiveCall, selectQueue, type EndReason, type QueueEntry, type SoftphoneStores } from './stores';
import { AccountUriError, userAgentOptions } from './user-agent-options';
import { RegistrationManager } from './registration/registration-manager';

const DEFAULT_INTERNAL_PATTERN = '^[1-9][0-9]{3}$';

export interface SoftphoneDeps {
  readonly stores: SoftphoneStores;
  readonly log: ReportLog;
  readonly audio: RemoteAudio;
  readonly now?: () => number;
  readonly newId?: () => string;
}

/** Why answer() did nothing; the UI turns it into a message. */
export type AnswerResult = 'answered' | 'no-call' | 'busy' | 'failed';

export class Softphone {
  private readonly stores: SoftphoneStores;
  private readonly log: ReportLog;
  private readonly audio: RemoteAudio;
  private readonly now: () => number;
  private readonly newId: () => string;
  private ua: UserAgent | null = null;
  /** Connection, failover, keep-alive and re-registration (registration/registration-manager.ts). */
  private connection: RegistrationManager | null = null;
  private rules: GreetingRules = compileGreetingRules(DEFAULT_SWITCHBOARDS, DEFAULT_INTERNAL_PATTERN);
  private settings: Settings | null = null;
  private readonly sessions = new Map<string, Invitation>();
  /** Calls the operator ended, so their Terminated is not mistaken for the remote hanging up. */
  private readonly localHangups = new Set<string>();

  constructor(deps: SoftphoneDeps) {
    this.stores = deps.stores;
    this.log = deps.log;
    this.audio = deps.audio;
    this.now = deps.now ?? Date.now;
    this.newId = deps.newId ?? (() => crypto.randomUUID());
  }

  /** Connects (with failover) and registers. Resolves when the first attempt is settled; reconnects by itself after. */
  async start(settings: Settings): Promise<void> {
    if (this.connection) await this.stop();
    this.settings = settings;
    this.rules = this.compileRules(settings);

    const connection = new RegistrationManager({
      settings,
      stores: this.stores,
      log: this.log,
      // Every new UserAgent (reconnect, failover) gets this engine's delegate.
      onUserAgent: (ua) => {
        this.ua = ua;
        if (ua) ua.delegate = { onInvite: (invitation) => this.onInvite(invitation) };
      },
    });
    this.connection = connection;
    await connection.start();
  }

  /** Ends every call, unregisters and disconnects. */
  async stop(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    this.ua = null;
    for (const [id, session] of this.sessions) {
      this.localHangups.add(id);
      await session.dispose().catch((error: unknown) => this.log({ level: 'warn', code: 'call.dispose-failed', detail: { error: errorName(error) } }));
    }
    await connection?.stop(); // unregisters, disconnects, no reconnect after this
    this.audio.detach();
    this.stores.registration.getState().unregistered();
  }

  /** Answers the given call, or the longest waiting one. Audio only. */
  async answer(id?: string): Promise<AnswerResult> {
    const calls = this.stores.calls.getState();
    const target = id ?? selectQueue(calls)[0]?.id;
    const session = target ? this.sessions.get(target) : undefined;
    if (!target || !session || calls.calls[target]?.state !== CallState.Ringing) return 'no-call';
    // Hold and switching between calls come with D-KEYS; until then one call at a time.
    if (selectActiveCall(calls)) {
      this.log({ level: 'info', code: 'call.answer-busy' });
      return 'busy';
    }
    calls.setState(target, CallState.Answering, this.now());
    const inputId = this.settings?.audio.talkInputId ?? '';
    try {
      await session.accept({
        sessionDescriptionHandlerOptions: {
          constraints: { audio: inputId ? { deviceId: { exact: inputId } } : true, video: false },
        },
      });
      return 'answered';
    } catch (error) {
      this.log({ level: 'error', code: 'call.answer-failed', detail: { error: errorName(error) } });
      if (session.state === SessionState.Initial || session.state === SessionState.Establishing) {
        this.localHangups.add(target);
        await session.reject({ statusCode: 500 }).catch(() => undefined); // it may already be gone
      }
      this.stores.calls.getState().end(target, 'failed', this.now());
      return 'failed';
    }
  }

  /** Hangs up the given call, or the active one. Returns false when there was nothing to hang up. */
  async hangup(id?: string): Promise<boolean> {
    const target = id ?? selectActiveCall(this.stores.calls.getState())?.id;
    const session = target ? this.sessions.get(target) : undefined;
    if (!target || !session) return false;
    this.localHangups.add(target);
    try {
      if (session.state === SessionState.Established) await session.bye();
      else await session.dispose(); // ringing or answering: SIP.js rejects the INVITE
      return true;
    } catch (error) {
      this.log({ level: 'error', code: 'call.hangup-failed', detail: { error: errorName(error) } });
      return false;
    }
  }

  private compileRules(settings: Settings): GreetingRules {
    const boards = settings.switchboards.length ? settings.switchboards : DEFAULT_SWITCHBOARDS;
    if (!settings.switchboards.length) this.log({ level: 'info', code: 'greeting.default-switchboards' });
    try {
      return compileGreetingRules(boards, settings.internalNumberPattern);
    } catch (error) {
      const code = error instanceof GreetingRulesError ? `greeting.${error.code}` : 'greeting.rules-failed';
      this.log({ level: 'error', code });
      return compileGreetingRules(boards, DEFAULT_INTERNAL_PATTERN);
    }
  }

  private onInvite(invitation: Invitation): void {
    const id = this.newId();
    let entry: QueueEntry;
    try {
      const request = invitation.request;
      const dialled = extractDialledCandidates({
        requestUriUser: request.ruri?.user,
        toUser: request.to.uri.user,
        diversion: request.getHeaders('diversion'),
        historyInfo: request.getHeaders('history-info'),
      });
      const callerNumber = invitation.remoteIdentity.uri.user ?? '';
      const decision = decideGreeting({ callerNumber, dialled }, this.rules);
      entry = {
        id,
        callerNumber,
        callerName: invitation.remoteIdentity.displayName ?? '',
        dialledNumber: decision.dialledNumber ?? '',
        greeting: decision.text,
        greetingKind: decision.kind,
        switchboardId: decision.switchboardId ?? null,
        offeredAt: this.now(),
      };
      this.log({ level: 'info', code: 'call.offered', detail: { greeting: decision.kind, reason: decision.reason } });
    } catch (error) {
      this.log({ level: 'error', code: 'call.offer-failed', detail: { error: errorName(error) } });
      invitation.reject({ statusCode: 500 }).catch(() => undefined); // the caller hears a failure either way
      return;
    }
    this.sessions.set(id, invitation);
    invitation.stateChange.addListener((state) => this.onSessionState(id, invitation, state));
    this.stores.calls.getState().offer(entry);
  }

  private onSessionState(id: string, session: Session, state: SessionState): void {
    const calls = this.stores.calls.getState();
    if (state === SessionState.Established) {
      calls.setState(id, CallState.Talking, this.now());
      void this.attachAudio(session);
      return;
    }
    if (state !== SessionState.Terminated) return;
    const call = calls.calls[id];
    const wasActive = selectActiveCall(calls)?.id === id;
    const reason: EndReason = this.localHangups.delete(id)
      ? 'local-hangup'
      : call?.state === CallState.Ringing
        ? 'remote-cancel'
        : 'remote-bye';
    this.sessions.delete(id);
    if (wasActive) this.audio.detach();
    calls.end(id, reason, this.now());
    this.log({ level: 'info', code: 'call.ended', detail: { reason } });
  }

  private async attachAudio(session: Session): Promise<void> {
    const sdh = session.sessionDescriptionHandler;
    if (!(sdh instanceof Web.SessionDescriptionHandler)) {
      this.log({ level: 'error', code: 'audio.no-media-handler' });
      return;
    }
    await this.audio.attach(sdh.remoteMediaStream, this.settings?.audio.talkOutputId ?? '');
  }
}
