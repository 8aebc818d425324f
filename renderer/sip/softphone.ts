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
  private registerer: Registerer | null = null;
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

  /** Connects with the first account's first server and registers. Resolves when the attempt is settled. */
  async start(settings: Settings): Promise<void> {
    if (this.ua) await this.stop();
    this.settings = settings;
    this.rules = this.compileRules(settings);

    const account = settings.accounts[0];
    const server = account.servers[0];
    const reg = this.stores.registration.getState();
    reg.registering(account.id, account.servers, server);

    let ua: UserAgent;
    try {
      ua = new UserAgent(userAgentOptions(account, settings.displayName, server, this.log));
    } catch (error) {
      const code = error instanceof AccountUriError ? 'sip.account-uri-invalid' : 'sip.user-agent-failed';
      this.log({ level: 'error', code, detail: { error: errorName(error) } });
      reg.failed(code);
      return;
    }
    this.ua = ua;
    ua.delegate = {
      onInvite: (invitation) => this.onInvite(invitation),
      onDisconnect: (error) => {
        // SIP.js does not reconnect by itself (NOTES.md); failover comes in the next issue.
        if (!error || this.ua !== ua) return;
        this.log({ level: 'error', code: 'sip.transport-lost', detail: { error: errorName(error) } });
        this.stores.registration.getState().failed('sip.transport-lost');
      },
    };

    try {
      await ua.start();
    } catch (error) {
      this.log({ level: 'error', code: 'sip.transport-connect-failed', detail: { error: errorName(error) } });
      if (this.ua === ua) this.stores.registration.getState().failed('sip.transport-connect-failed');
      return;
    }
    if (this.ua !== ua) return; // stopped meanwhile

    const registerer = new Registerer(ua);
    this.registerer = registerer;
    registerer.stateChange.addListener((state) => {
      if (this.registerer !== registerer) return;
      const store = this.stores.registration.getState();
      if (state === RegistererState.Registered) store.registered();
      else if (store.state !== RegistrationState.Failed) store.unregistered();
    });
    try {
      await registerer.register({
        requestDelegate: {
          onReject: (response) => {
            const status = response.message.statusCode ?? 0;
            this.log({ level: 'error', code: 'sip.register-rejected', detail: { status } });
            this.stores.registration.getState().failed('sip.register-rejected');
          },
        },
      });
    } catch (error) {
      this.log({ level: 'error', code: 'sip.register-failed', detail: { error: errorName(error) } });
      this.stores.registration.getState().failed('sip.register-failed');
    }
  }

  /** Ends every call, unregisters and disconnects. */
  async stop(): Promise<void> {
    const ua = this.ua;
    const registerer = this.registerer;
    this.ua = null;
    this.registerer = null;
    for (const [id, session] of this.sessions) {
      this.localHangups.add(id);
      await session.dispose().catch((error: unknown) => this.log({ level: 'warn', code: 'call.dispose-failed', detail: { error: errorName(error) } }));
    }
    if (registerer) {
      await registerer.unregister().catch((error: unknown) => this.log({ level: 'warn', code: 'sip.unregister-failed', detail: { error: errorName(error) } }));
      await registerer.dispose().catch(() => undefined); // disposing a dead registerer has nothing left to tell
    }
    if (ua) await ua.stop().catch((error: unknown) => this.log({ level: 'warn', code: 'sip.stop-failed', detail: { error: errorName(error) } }));
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
