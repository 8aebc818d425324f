// The softphone engine: one SIP.js UserAgent + Registerer for the operator's account, incoming
// calls as queue entries with their P-GREET greeting, answer and hang up. No React here: it only
// writes the vanilla stores, which the UI reads.
import {
  Invitation,
  Inviter,
  SessionState,
  UserAgent,
  Web,
  type Session,
} from 'sip.js';
import { callSettings, DEFAULT_VOICEMAIL_URI_TEMPLATE, type CallSettings, type Settings } from '../../common/settings/schema';
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
import { CallState } from './states';
import {
  selectActiveCall,
  selectHeld,
  selectQueue,
  type Call,
  type EndReason,
  type QueueEntry,
  type SoftphoneStores,
  type TransferInfo,
} from './stores';
import { silentTones, type Tones } from './tones';
import { RegistrationManager } from './registration/registration-manager';

const DEFAULT_INTERNAL_PATTERN = '^[1-9][0-9]{3}$';

export interface SoftphoneDeps {
  readonly stores: SoftphoneStores;
  readonly log: ReportLog;
  readonly audio: RemoteAudio;
  /** Ring tone and hold music; silent when not given (Node tests). */
  readonly tones?: Tones;
  readonly now?: () => number;
  readonly newId?: () => string;
}

/** Why answer() did nothing; the UI turns it into a message. ('busy' is kept for callers of the old API: answering now holds the current call.) */
export type AnswerResult = 'answered' | 'no-call' | 'busy' | 'failed';

/** The outcome of an operator action that had nothing to act on, or failed. */
export type ActionResult = 'ok' | 'no-call' | 'no-target' | 'failed' | 'no-slot';

/** Per-call media the engine swaps: the microphone track, and hold music while held. */
interface CallMedia {
  mic: MediaStreamTrack | null;
  music: MediaStreamTrack | null;
}

/** The SIP status in a message/sipfrag NOTIFY body ("SIP/2.0 180 Ringing"), 0 when none. */
export function sipfragStatus(body: string | undefined): number {
  const m = /^SIP\/2\.0\s+(\d{3})/m.exec(body ?? '');
  return m ? Number(m[1]) : 0;
}

function transferStatus(code: number): TransferInfo['status'] {
  if (code >= 300) return 'failed';
  if (code >= 200) return 'done';
  if (code >= 180) return 'ringing';
  return 'trying';
}

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
  private readonly sessions = new Map<string, Session>();
  private readonly media = new Map<string, CallMedia>();
  private readonly heldAt = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly tones: Tones;
  private calls: CallSettings = callSettings({});
  /** Listeners for the "take a message" recall choice (the message pad of a later issue). */
  private readonly messageListeners = new Set<(call: Call, target: string) => void>();
  /** Calls the operator ended, so their Terminated is not mistaken for the remote hanging up. */
  private readonly localHangups = new Set<string>();
  /** Who else works on the UserAgent (busy lamps, presence): told of every new one and of null. */
  private readonly userAgentListeners = new Set<(ua: UserAgent | null) => void>();

  constructor(deps: SoftphoneDeps) {
    this.stores = deps.stores;
    this.log = deps.log;
    this.audio = deps.audio;
    this.tones = deps.tones ?? silentTones;
    this.now = deps.now ?? Date.now;
    this.newId = deps.newId ?? (() => crypto.randomUUID());
    // Ring while anything waits in the queue; stop the moment it is answered or cancelled.
    this.stores.calls.subscribe((state) => {
      if (selectQueue(state).length) this.tones.startRing(this.settings?.audio.ringOutputId ?? '');
      else this.tones.stopRing();
    });
  }

  /** Connects (with failover) and registers. Resolves when the first attempt is settled; reconnects by itself after. */
  async start(settings: Settings): Promise<void> {
    if (this.connection) await this.stop();
    this.settings = settings;
    this.calls = callSettings(settings);
    this.rules = this.compileRules(settings);
    this.tones.prepare(); // off the hot path: an INVITE should only start a buffer, not build one

    const connection = new RegistrationManager({
      settings,
      stores: this.stores,
      log: this.log,
      // Every new UserAgent (reconnect, failover) gets this engine's delegate.
      onUserAgent: (ua) => {
        this.ua = ua;
        if (ua) ua.delegate = { onInvite: (invitation) => this.onInvite(invitation) };
        this.tellUserAgent(ua);
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
    this.tellUserAgent(null);
    this.clearCallResources();
    for (const [id, session] of this.sessions) {
      this.localHangups.add(id);
      await session.dispose().catch((error: unknown) => this.log({ level: 'warn', code: 'call.dispose-failed', detail: { error: errorName(error) } }));
    }
    await connection?.stop(); // unregisters, disconnects, no reconnect after this
    this.audio.detach();
    this.stores.registration.getState().unregistered();
  }

  /** A listener that throws must never stop a reconnect. */
  private tellUserAgent(ua: UserAgent | null): void {
    for (const listener of this.userAgentListeners) {
      try {
        listener(ua);
      } catch (error) {
        this.log({ level: 'error', code: 'sip.user-agent-listener-failed', detail: { error: errorName(error) } });
      }
    }
  }

  /** Calls listener with the current UserAgent now and with every new one (reconnect) or null. */
  onUserAgent(listener: (ua: UserAgent | null) => void): () => void {
    this.userAgentListeners.add(listener);
    listener(this.ua);
    return () => this.userAgentListeners.delete(listener);
  }

  /**
   * P-PICKUP: takes a call ringing at another extension. With a PBX pick-up prefix it dials
   * prefix + extension; otherwise it calls the caller with Replaces (RFC 3891) for the early dialog
   * the busy lamp reported (caller tag = to-tag, the ringing extension's tag = from-tag).
   */
  async pickup(ext: string, dialog: { callId: string; localTag: string; remoteTag: string; remoteUri: string } | null, prefix = ''): Promise<ActionResult> {
    if (prefix) return this.dial(`${prefix}${ext}`);
    if (!dialog?.callId || !dialog.remoteUri || !dialog.remoteTag) return 'no-target';
    const uri = this.targetUri(dialog.remoteUri);
    if (!uri) return 'no-target';
    const active = selectActiveCall(this.stores.calls.getState());
    if (active && !(await this.holdCall(active.id))) return 'failed';
    const replaces = `Replaces: ${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag};early-only`;
    return (await this.callOut(ext, uri, null, false, [replaces, 'Require: replaces'])) ? 'ok' : 'failed';
  }

  /** The call settings in force (defaults until start()). */
  get callSettings(): CallSettings {
    return this.calls;
  }

  /**
   * Answers the given call, or the longest waiting one. Audio only. A call the operator is on is
   * put on hold first (with hold music), as on a desk console: the operator never has to hang up
   * to take the next caller.
   */
  async answer(id?: string): Promise<AnswerResult> {
    const calls = this.stores.calls.getState();
    const target = id ?? selectQueue(calls)[0]?.id;
    const session = target ? this.sessions.get(target) : undefined;
    if (!target || !session || calls.calls[target]?.state !== CallState.Ringing) return 'no-call';
    if (!(session instanceof Invitation)) return 'no-call';
    const active = selectActiveCall(calls);
    if (active) {
      this.log({ level: 'info', code: 'call.answer-holds-active' });
      if (!(await this.holdCall(active.id))) {
        if (active.state === CallState.Calling) await this.hangup(active.id);
        else return 'busy';
      }
    }
    this.stores.calls.getState().setState(target, CallState.Answering, this.now());
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
      else if (session instanceof Inviter && (session.state === SessionState.Initial || session.state === SessionState.Establishing)) await session.cancel();
      else await session.dispose(); // ringing or answering: SIP.js rejects the INVITE
      return true;
    } catch (error) {
      this.log({ level: 'error', code: 'call.hangup-failed', detail: { error: errorName(error) } });
      return false;
    }
  }

  /** Holds the active call, or resumes the most recently held one when nothing is active. */
  async toggleHold(): Promise<ActionResult> {
    const active = selectActiveCall(this.stores.calls.getState());
    if (active) return (await this.holdCall(active.id)) ? 'ok' : 'failed';
    return this.resume();
  }

  /** Resumes the given held call (or the most recently held one), holding the active call first. */
  async resume(id?: string): Promise<ActionResult> {
    const state = this.stores.calls.getState();
    const target = id ?? this.mostRecentlyHeld();
    const call = target ? state.calls[target] : undefined;
    if (!target || !call || call.state !== CallState.Held) return 'no-call';
    const active = selectActiveCall(state);
    if (active && active.id !== target && !(await this.holdCall(active.id))) return 'failed';
    const ok = await this.reinvite(target, false);
    if (!ok) return 'failed';
    this.heldAt.delete(target);
    this.restoreMic(target);
    this.stores.calls.getState().patch(target, { parkSlot: null, recall: null });
    this.stores.calls.getState().setState(target, CallState.Talking, this.now());
    this.syncAudio();
    return 'ok';
  }

  /** Mutes or unmutes the operator's microphone on the active call. */
  toggleMute(): ActionResult {
    const active = selectActiveCall(this.stores.calls.getState());
    if (!active) return 'no-call';
    const muted = !active.muted;
    const mic = this.media.get(active.id)?.mic ?? this.senderOf(active.id)?.track ?? null;
    if (mic) mic.enabled = !muted;
    this.stores.calls.getState().patch(active.id, { muted });
    return 'ok';
  }

  /** Sends DTMF on the active call: RFC 4733 (RTCDTMFSender), SIP INFO, or both (settings.calls.dtmfMode). */
  async sendDtmf(tones: string): Promise<ActionResult> {
    const active = selectActiveCall(this.stores.calls.getState());
    const session = active ? this.sessions.get(active.id) : undefined;
    if (!active || !session || session.state !== SessionState.Established) return 'no-call';
    const digits = tones.replace(/[^0-9A-D*#]/gi, '');
    if (!digits) return 'no-target';
    const mode = this.calls.dtmfMode;
    let ok = true;
    if (mode === 'rfc4733' || mode === 'both') {
      // insertDTMF replaces what is still queued: append, or fast typing loses digits.
      const dtmf = this.senderOf(active.id)?.dtmf;
      try {
        if (!dtmf) throw new Error('no DTMF sender');
        dtmf.insertDTMF(dtmf.toneBuffer + digits, 100, 70);
      } catch (error) {
        this.log({ level: 'warn', code: 'call.dtmf-rtp-failed', detail: { error: errorName(error) } });
        ok = false;
      }
    }
    if (mode === 'info' || mode === 'both') {
      for (const digit of digits) {
        try {
          await session.info({
            requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${digit}\r\nDuration=160` } },
          });
        } catch (error) {
          this.log({ level: 'warn', code: 'call.dtmf-info-failed', detail: { error: errorName(error) } });
          ok = false;
        }
      }
    }
    return ok ? 'ok' : 'failed';
  }

  /** Calls a number, extension or SIP URI (D-KEYS dial-out). The active call is held first. */
  async dial(target: string): Promise<ActionResult> {
    const uri = this.targetUri(target);
    if (!uri) return 'no-target';
    const active = selectActiveCall(this.stores.calls.getState());
    if (active && !(await this.holdCall(active.id))) return 'failed';
    return (await this.callOut(target, uri, null, false)) ? 'ok' : 'failed';
  }

  /**
   * Announced (attended) transfer, step 1: the caller is held with music and the employee is
   * called; the operator talks to them. Complete with completeTransfer(), cancel with cancelTransfer().
   */
  async startAnnounced(target: string): Promise<ActionResult> {
    const uri = this.targetUri(target);
    if (!uri) return 'no-target';
    const caller = selectActiveCall(this.stores.calls.getState());
    if (!caller) return this.dial(target);
    if (caller.consultFor) return 'failed'; // already consulting: complete or cancel first
    if (!(await this.holdCall(caller.id))) return 'failed';
    this.stores.calls.getState().patch(caller.id, { transfer: { kind: 'announced', target, status: 'trying', code: 0 }, recall: null });
    const consultId = await this.callOut(target, uri, caller.id, false);
    if (!consultId) {
      this.stores.calls.getState().patch(caller.id, { transfer: { kind: 'announced', target, status: 'failed', code: 0 } });
      return 'failed';
    }
    return 'ok';
  }

  /** Completes the announced transfer: REFER the caller to the employee's AOR with Replaces. */
  async completeTransfer(): Promise<ActionResult> {
    const consult = this.findConsult();
    if (!consult) return 'no-call';
    const callerId = consult.consultFor!;
    const consultSession = this.sessions.get(consult.id);
    const callerSession = this.sessions.get(callerId);
    if (!consultSession || !callerSession) return 'no-call';
    if (consultSession.state !== SessionState.Established) {
      // Still ringing: transfer on ring, i.e. blind to the same target, and drop the consultation.
      const target = consult.transfer?.target ?? this.stores.calls.getState().calls[callerId]?.transfer?.target ?? consult.callerNumber;
      await this.hangup(consult.id);
      return this.blindTransfer(target, callerId);
    }
    return this.referWithReplaces(callerId, consult.id, 'announced');
  }

  /** Cancels the announced transfer: ends the consultation and returns to the caller. */
  async cancelTransfer(): Promise<ActionResult> {
    const consult = this.findConsult();
    if (!consult) return 'no-call';
    const callerId = consult.consultFor!;
    this.clearTimer(consult.id);
    await this.hangup(consult.id);
    this.stores.calls.getState().patch(callerId, { transfer: null });
    return this.resume(callerId);
  }

  /**
   * Blind transfer: REFER the caller (the active call, or `id`) to the target. The caller's leg is
   * kept until the final NOTIFY: on success it is ended, on failure the caller is back with the
   * operator, with the recall choices.
   */
  async blindTransfer(target: string, id?: string, kind: 'blind' | 'voicemail' = 'blind'): Promise<ActionResult> {
    const uri = kind === 'voicemail' ? this.voicemailUri(target) : this.targetUri(target);
    if (!uri) return 'no-target';
    let callId = id ?? selectActiveCall(this.stores.calls.getState())?.id ?? this.recalled()?.id;
    const consultFor = callId ? this.stores.calls.getState().calls[callId]?.consultFor : null;
    if (callId && consultFor) {
      // From a consultation (the employee did not answer, or asked for it): drop it, send the caller.
      await this.hangup(callId);
      callId = consultFor;
    }
    const session = callId ? this.sessions.get(callId) : undefined;
    if (!callId || !session || session.state !== SessionState.Established) return 'no-call';
    const store = this.stores.calls.getState();
    store.patch(callId, { transfer: { kind, target, status: 'trying', code: 0 }, recall: null });
    const referTo = UserAgent.makeURI(uri);
    if (!referTo) return 'no-target';
    return this.sendRefer(callId, session, referTo, kind, target);
  }

  /** To voicemail: one key sends the caller to the employee's voicemail (URI template per PBX). */
  toVoicemail(target: string, id?: string): Promise<ActionResult> {
    return this.blindTransfer(target, id, 'voicemail');
  }

  /**
   * Safe transfer: the console calls the employee for the caller (who hears hold music) and
   * completes with REFER/Replaces when they answer. Unanswered after the configured time, the
   * caller returns to the operator with the recall choices.
   */
  async safeTransfer(target: string, id?: string): Promise<ActionResult> {
    const uri = this.targetUri(target);
    if (!uri) return 'no-target';
    const state = this.stores.calls.getState();
    const callerId = id ?? selectActiveCall(state)?.id ?? this.recalled()?.id;
    const caller = callerId ? state.calls[callerId] : undefined;
    if (!callerId || !caller) return 'no-call';
    if (caller.state !== CallState.Held && !(await this.holdCall(callerId))) return 'failed';
    this.stores.calls.getState().patch(callerId, { transfer: { kind: 'safe', target, status: 'trying', code: 0 }, recall: null });
    const legId = await this.callOut(target, uri, callerId, true);
    if (!legId) {
      this.recall(callerId, target, 'failed');
      return 'failed';
    }
    this.timers.set(
      legId,
      setTimeout(() => {
        this.timers.delete(legId);
        const leg = this.stores.calls.getState().calls[legId];
        if (!leg || leg.state !== CallState.Calling) return;
        this.log({ level: 'info', code: 'transfer.safe-no-answer' });
        void this.hangup(legId);
        this.recall(callerId, target, 'no-answer');
      }, this.calls.safeTransferTimeoutS * 1000),
    );
    return 'ok';
  }

  /** The recall choice "take a message": tells the listeners (the message pad, a later issue). */
  takeMessage(id?: string): ActionResult {
    const call = id ? this.stores.calls.getState().calls[id] : this.recalled();
    if (!call) return 'no-call';
    const target = call.recall?.target ?? call.transfer?.target ?? '';
    for (const listener of this.messageListeners) listener(call, target);
    return 'ok';
  }

  onTakeMessage(listener: (call: Call, target: string) => void): () => void {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  /** The recall choice "another number": back to talking with the caller, the operator types anew. */
  async takeBack(id?: string): Promise<ActionResult> {
    const call = id ? this.stores.calls.getState().calls[id] : this.recalled();
    if (!call) return 'no-call';
    this.stores.calls.getState().patch(call.id, { recall: null, transfer: null });
    if (call.state === CallState.Held) return this.resume(call.id);
    return 'ok';
  }

  /** True when the operator is talking to someone (an announced transfer can start). */
  hasCaller(): boolean {
    const active = selectActiveCall(this.stores.calls.getState());
    return !!active && !active.consultFor;
  }

  /** True while an announced transfer's consultation exists. */
  hasConsult(): boolean {
    return this.findConsult() !== null;
  }

  /** The target of the most recent transfer on the active or recalled call, for "to voicemail". */
  lastTransferTarget(): string | null {
    const state = this.stores.calls.getState();
    const active = selectActiveCall(state);
    const call = active?.consultFor ? state.calls[active.consultFor] : (active ?? this.recalled());
    return call?.recall?.target ?? call?.transfer?.target ?? (active?.consultFor ? active.callerNumber : null);
  }

  /** The call whose transfer failed most recently and is waiting for the operator's choice. */
  recalled(): Call | null {
    const list = Object.values(this.stores.calls.getState().calls).filter((c) => c.recall);
    return list.sort((a, b) => (b.answeredAt ?? 0) - (a.answeredAt ?? 0))[0] ?? null;
  }

  /** Parks the active call in the given slot (or the lowest free one): held with music, listed by slot. */
  async park(slot?: number): Promise<ActionResult> {
    const state = this.stores.calls.getState();
    const active = selectActiveCall(state);
    if (!active) return 'no-call';
    const taken = new Set(Object.values(state.calls).map((c) => c.parkSlot));
    const free = slot ?? Array.from({ length: this.calls.parkSlots }, (_, i) => i + 1).find((n) => !taken.has(n));
    if (!free || taken.has(free) || free > this.calls.parkSlots) return 'no-slot';
    if (!(await this.holdCall(active.id))) return 'failed';
    this.stores.calls.getState().patch(active.id, { parkSlot: free });
    return 'ok';
  }

  /** Takes the call parked in `slot` back (the active call is held first). */
  async retrieve(slot: number): Promise<ActionResult> {
    const parked = Object.values(this.stores.calls.getState().calls).find((c) => c.parkSlot === slot);
    if (!parked) return 'no-call';
    return this.resume(parked.id);
  }

  // ---- internals -------------------------------------------------------------------------

  private clearCallResources(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const id of [...this.media.keys()]) this.releaseMedia(id);
    this.tones.stopRing();
  }

  private clearTimer(id: string): void {
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
  }

  private findConsult(): Call | null {
    const state = this.stores.calls.getState();
    const active = selectActiveCall(state);
    if (active?.consultFor) return active;
    return Object.values(state.calls).find((c) => c.consultFor && c.legKind === 'consult') ?? null;
  }

  private mostRecentlyHeld(): string | undefined {
    const held = selectHeld(this.stores.calls.getState()).filter((c) => !c.transfer || c.transfer.status === 'failed');
    held.sort((a, b) => (this.heldAt.get(b.id) ?? 0) - (this.heldAt.get(a.id) ?? 0));
    return held[0]?.id;
  }

  /** sip: URI for a typed target: an extension or number ("070-123 45 67" -> 0701234567) or a SIP URI. */
  targetUri(target: string): string | null {
    const t = target.trim();
    if (/^sips?:/i.test(t)) return UserAgent.makeURI(t) ? t : null;
    const digits = t.replace(/[\s\-()/.]/g, '');
    if (!/^\+?[0-9*#]{1,20}$/.test(digits)) return null;
    const domain = this.settings?.accounts[0]?.domain;
    return domain ? `sip:${digits}@${domain}` : null;
  }

  private voicemailUri(target: string): string | null {
    const account = this.settings?.accounts[0];
    if (!account) return null;
    const user = /^sips?:([^@;]+)@/i.exec(target.trim())?.[1] ?? target.replace(/[\s\-()/.]/g, '');
    if (!/^\+?[0-9]{1,20}$/.test(user)) return null;
    const template = account.voicemailUriTemplate ?? DEFAULT_VOICEMAIL_URI_TEMPLATE;
    return template.replaceAll('{ext}', user).replaceAll('{domain}', account.domain);
  }

  private senderOf(id: string): RTCRtpSender | null {
    const sdh = this.sessions.get(id)?.sessionDescriptionHandler;
    if (!(sdh instanceof Web.SessionDescriptionHandler)) return null;
    return sdh.peerConnection?.getSenders().find((s) => s.track?.kind === 'audio' || s.track === null) ?? null;
  }

  /** A re-INVITE with hold on or off; resolves true when the peer accepted it. */
  private reinvite(id: string, hold: boolean): Promise<boolean> {
    const session = this.sessions.get(id);
    if (!session || session.state !== SessionState.Established) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      session.sessionDescriptionHandlerOptionsReInvite = { ...session.sessionDescriptionHandlerOptionsReInvite, hold } as typeof session.sessionDescriptionHandlerOptionsReInvite;
      session
        .invite({
          requestDelegate: {
            onAccept: () => resolve(true),
            onReject: (response) => {
              this.log({ level: 'warn', code: hold ? 'call.hold-rejected' : 'call.resume-rejected', detail: { status: response.message.statusCode ?? 0 } });
              resolve(false);
            },
          },
        })
        .catch((error: unknown) => {
          this.log({ level: 'error', code: hold ? 'call.hold-failed' : 'call.resume-failed', detail: { error: errorName(error) } });
          resolve(false);
        });
    });
  }

  /** Puts a call on hold: hold music replaces the microphone, then the re-INVITE (sendonly). */
  private async holdCall(id: string): Promise<boolean> {
    const call = this.stores.calls.getState().calls[id];
    if (!call) return false;
    if (call.state === CallState.Held) return true;
    if (call.state !== CallState.Talking) return false;
    const sender = this.senderOf(id);
    const media = this.media.get(id) ?? { mic: null, music: null };
    if (sender) {
      if (!media.music) media.music = this.tones.holdMusicTrack();
      if (media.music) {
        if (sender.track !== media.music) media.mic = sender.track;
        await sender.replaceTrack(media.music).catch((error: unknown) => this.log({ level: 'warn', code: 'call.hold-music-failed', detail: { error: errorName(error) } }));
      }
      this.media.set(id, media);
    }
    const ok = await this.reinvite(id, true);
    if (!ok) {
      this.restoreMic(id);
      return false;
    }
    this.heldAt.set(id, this.now());
    this.stores.calls.getState().setState(id, CallState.Held, this.now());
    this.syncAudio();
    return true;
  }

  private restoreMic(id: string): void {
    const media = this.media.get(id);
    const sender = this.senderOf(id);
    if (!media || !sender) return;
    if (media.mic) {
      media.mic.enabled = !this.stores.calls.getState().calls[id]?.muted;
      void sender.replaceTrack(media.mic).catch((error: unknown) => this.log({ level: 'warn', code: 'call.mic-restore-failed', detail: { error: errorName(error) } }));
    }
    media.music?.stop();
    media.music = null;
  }

  private releaseMedia(id: string): void {
    this.media.get(id)?.music?.stop();
    this.media.delete(id);
  }

  /** Places an outgoing call; returns its id, or null when it could not be sent. */
  private async callOut(target: string, uri: string, consultFor: string | null, safe: boolean, extraHeaders: string[] = []): Promise<string | null> {
    const ua = this.ua;
    const to = UserAgent.makeURI(uri);
    if (!ua || !to) return null;
    const id = this.newId();
    const inputId = this.settings?.audio.talkInputId ?? '';
    const inviter = new Inviter(ua, to, {
      extraHeaders,
      sessionDescriptionHandlerOptions: { constraints: { audio: inputId ? { deviceId: { exact: inputId } } : true, video: false } },
    });
    this.sessions.set(id, inviter);
    this.stores.calls.getState().dialled(
      {
        id,
        callerNumber: to.user ?? target,
        callerName: '',
        dialledNumber: to.user ?? target,
        greeting: '',
        greetingKind: 'internal',
        switchboardId: null,
        offeredAt: this.now(),
      },
      consultFor,
      safe ? 'safe' : consultFor ? 'consult' : 'call',
    );
    if (consultFor) this.stores.calls.getState().patch(id, { transfer: { kind: safe ? 'safe' : 'announced', target, status: 'trying', code: 0 } });
    this.watch(id, inviter);
    try {
      await inviter.invite({
        requestDelegate: {
          onProgress: (response) => {
            const code = response.message.statusCode ?? 0;
            if (consultFor && code >= 180) this.updateTransfer(consultFor, { status: 'ringing', code });
          },
          onReject: (response) => {
            const code = response.message.statusCode ?? 0;
            this.log({ level: 'info', code: 'call.out-rejected', detail: { status: code } });
            if (consultFor) {
              this.clearTimer(id);
              this.recall(consultFor, target, 'failed', code);
            }
          },
        },
      });
      return id;
    } catch (error) {
      this.log({ level: 'error', code: 'call.out-failed', detail: { error: errorName(error) } });
      this.sessions.delete(id);
      this.stores.calls.getState().end(id, 'failed', this.now());
      return null;
    }
  }

  private updateTransfer(callId: string, patch: Partial<TransferInfo>): void {
    const call = this.stores.calls.getState().calls[callId];
    if (!call?.transfer) return;
    this.stores.calls.getState().patch(callId, { transfer: { ...call.transfer, ...patch } });
  }

  /** The transfer did not reach the employee: the caller is back with the operator, with choices. */
  private recall(callId: string, target: string, reason: 'no-answer' | 'failed', code = 0): void {
    const call = this.stores.calls.getState().calls[callId];
    if (!call) return;
    this.stores.calls.getState().patch(callId, {
      recall: { target, reason },
      transfer: call.transfer ? { ...call.transfer, status: 'failed', code: code || call.transfer.code } : null,
    });
    this.log({ level: 'info', code: 'transfer.recall', detail: { reason } });
    // Talk to the caller at once when the operator is free; otherwise they wait on hold, listed.
    if (call.state === CallState.Held && !selectActiveCall(this.stores.calls.getState())) void this.resume(callId).then(() => {
      this.stores.calls.getState().patch(callId, { recall: { target, reason } });
    });
  }

  private async referWithReplaces(callerId: string, consultId: string, kind: 'announced' | 'safe'): Promise<ActionResult> {
    const callerSession = this.sessions.get(callerId);
    const consultSession = this.sessions.get(consultId);
    const dialog = consultSession?.dialog;
    if (!callerSession || !consultSession || !dialog) return 'no-call';
    // Refer-To must be the employee's AOR with ?Replaces=, not their Contact (a *.invalid host
    // with Kamailio's ;alias=): hand refer() an object whose dialog.remoteTarget is the AOR.
    const aor = consultSession.remoteIdentity.uri;
    const replacing = {
      remoteIdentity: consultSession.remoteIdentity,
      dialog: { remoteTarget: aor, callId: dialog.callId, remoteTag: dialog.remoteTag, localTag: dialog.localTag },
    } as unknown as Session;
    const target = this.stores.calls.getState().calls[callerId]?.transfer?.target ?? aor.user ?? '';
    this.stores.calls.getState().patch(callerId, { transfer: { kind, target, status: 'trying', code: 0 } });
    return this.sendRefer(callerId, callerSession, replacing, kind, target, consultId);
  }

  private sendRefer(
    callId: string,
    session: Session,
    referTo: Parameters<Session['refer']>[0],
    kind: TransferInfo['kind'],
    target: string,
    consultId?: string,
  ): Promise<ActionResult> {
    return new Promise<ActionResult>((resolve) => {
      let settled = false;
      const settle = (r: ActionResult) => {
        if (!settled) resolve(r);
        settled = true;
      };
      session
        .refer(referTo, {
          requestDelegate: {
            onAccept: () => {
              this.updateTransfer(callId, { status: 'accepted', code: 202 });
              settle('ok');
            },
            onReject: (response) => {
              const code = response.message.statusCode ?? 0;
              this.log({ level: 'warn', code: 'transfer.refer-rejected', detail: { status: code } });
              this.recall(callId, target, 'failed', code);
              settle('failed');
            },
          },
          onNotify: (notification) => {
            const code = sipfragStatus(notification.request.body);
            void notification.accept().catch(() => undefined);
            if (!code) return;
            const status = transferStatus(code);
            this.updateTransfer(callId, { status, code });
            if (status === 'done') {
              this.log({ level: 'info', code: 'transfer.done', detail: { kind } });
              // The final NOTIFY: only now the caller's leg is ended (never earlier: NOTES.md).
              void this.hangup(callId);
              if (consultId) {
                // The employee's phone ends our leg itself when Replaces takes over; make sure.
                const id = consultId;
                setTimeout(() => {
                  if (this.sessions.has(id)) void this.hangup(id);
                }, 3000);
              }
            } else if (status === 'failed') {
              this.recall(callId, target, 'failed', code);
            }
          },
        })
        .catch((error: unknown) => {
          this.log({ level: 'error', code: 'transfer.refer-failed', detail: { error: errorName(error) } });
          this.recall(callId, target, 'failed');
          settle('failed');
        });
    });
  }

  /** Plays the active call's remote audio on the talk device; nothing when no call is active. */
  private syncAudio(): void {
    const active = selectActiveCall(this.stores.calls.getState());
    const session = active ? this.sessions.get(active.id) : undefined;
    if (!session || session.state !== SessionState.Established) {
      if (!active) this.audio.detach();
      return;
    }
    void this.attachAudio(session);
  }

  private watch(id: string, session: Session): void {
    session.delegate = {
      // A peer's DTMF INFO or a REFER we do not follow: answer politely, act on nothing.
      onInfo: (info) => void info.accept().catch(() => undefined),
      onRefer: (referral) => void referral.reject().catch(() => undefined),
    };
    session.stateChange.addListener((state) => this.onSessionState(id, session, state));
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
    this.watch(id, invitation);
    this.stores.calls.getState().offer(entry);
  }

  private onSessionState(id: string, session: Session, state: SessionState): void {
    const calls = this.stores.calls.getState();
    if (state === SessionState.Established) {
      calls.setState(id, CallState.Talking, this.now());
      const call = this.stores.calls.getState().calls[id];
      // A safe transfer's leg: the employee answered, connect the caller at once.
      if (call?.legKind === 'safe' && call.consultFor) {
        this.clearTimer(id);
        const mic = this.senderOf(id)?.track;
        if (mic) mic.enabled = false; // the employee should hear the caller, not the operator
        void this.referWithReplaces(call.consultFor, id, 'safe');
        return;
      }
      if (call?.consultFor) this.updateTransfer(call.consultFor, { status: 'accepted', code: 200 });
      this.syncAudio();
      return;
    }
    if (state !== SessionState.Terminated) return;
    const call = calls.calls[id];
    const reason: EndReason = this.localHangups.delete(id)
      ? 'local-hangup'
      : call?.state === CallState.Ringing
        ? 'remote-cancel'
        : 'remote-bye';
    this.sessions.delete(id);
    this.clearTimer(id);
    this.releaseMedia(id);
    this.heldAt.delete(id);
    calls.end(id, reason, this.now());
    // A consultation that ended while its caller still waits: the caller's transfer is off.
    if (call?.consultFor && call.legKind === 'consult') {
      const caller = this.stores.calls.getState().calls[call.consultFor];
      if (caller?.transfer?.kind === 'announced' && caller.transfer.status !== 'done' && reason !== 'local-hangup') {
        this.stores.calls.getState().patch(caller.id, { transfer: { ...caller.transfer, status: 'failed' } });
      }
    }
    this.syncAudio();
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
