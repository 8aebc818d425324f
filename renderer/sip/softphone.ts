// The softphone engine's façade: one SIP.js UserAgent + Registerer for the operator's account
// (registration/registration-manager.ts), incoming calls as queue entries with their P-GREET
// greeting, and every operator action. No React here: it only writes the vanilla stores, which
// the UI reads. The work is done along its seams in calls/: call control (answer, hang up,
// hold, mute, DTMF, dial-out), transfers with recall, park, the inbound offer, and the session
// lifecycle; this class wires them together and keeps the public API in one place.
import type { Invitation, UserAgent } from 'sip.js';
import { callSettings, type CallSettings, type Settings } from '../../common/settings/schema';
import { errorName, type ReportLog } from './log';
import type { RemoteAudio } from './remote-audio';
import { selectActiveCall, selectQueue, type Call, type SoftphoneStores } from './stores';
import { silentTones, type Tones } from './tones';
import { RegistrationManager } from './registration/registration-manager';
import { SoftphoneContext } from './calls/context';
import { CallMediaControl } from './calls/call-media';
import { CallControl } from './calls/call-control';
import { Transfers } from './calls/transfers';
import { Park } from './calls/park';
import { InboundOffers } from './calls/inbound';
import { SessionLifecycle } from './calls/session-lifecycle';
import type { ActionResult, AnswerResult } from './calls/results';

export { sipfragStatus } from './calls/transfers';
export type { ActionResult, AnswerResult } from './calls/results';

/** Sizes of the engine's per-call tables, for the debug probe (renderer/debug/debug-probe.ts). */
export interface EngineCounts {
  readonly sessions: number;
  readonly media: number;
  readonly heldAt: number;
  readonly timers: number;
  readonly localHangups: number;
  /** Entries in the calls store (ringing and live calls). */
  readonly calls: number;
}

export interface SoftphoneDeps {
  readonly stores: SoftphoneStores;
  readonly log: ReportLog;
  readonly audio: RemoteAudio;
  /** Ring tone and hold music; silent when not given (Node tests). */
  readonly tones?: Tones;
  readonly now?: () => number;
  readonly newId?: () => string;
}

export class Softphone {
  private readonly ctx: SoftphoneContext;
  private readonly media: CallMediaControl;
  private readonly control: CallControl;
  private readonly transfers: Transfers;
  private readonly parking: Park;
  private readonly inbound: InboundOffers;
  /** Connection, failover, keep-alive and re-registration (registration/registration-manager.ts). */
  private connection: RegistrationManager | null = null;
  /** Who else works on the UserAgent (busy lamps, presence): told of every new one and of null. */
  private readonly userAgentListeners = new Set<(ua: UserAgent | null) => void>();
  /** The stop() still under way (its un-REGISTER): a start() waits for it, so the two never interleave. */
  private stopping: Promise<void> | null = null;
  /** Bumped by every start() and stop(): a start() that waited for a stop() and was overtaken gives up. */
  private runs = 0;
  /** The operator's last dial-out target, for the headset's Redial. In memory only, never logged (P-SECRECY). */
  private lastDialledTarget: string | null = null;

  constructor(deps: SoftphoneDeps) {
    const ctx = new SoftphoneContext({
      stores: deps.stores,
      log: deps.log,
      audio: deps.audio,
      tones: deps.tones ?? silentTones,
      now: deps.now ?? Date.now,
      newId: deps.newId ?? (() => crypto.randomUUID()),
    });
    this.ctx = ctx;
    this.media = new CallMediaControl(ctx);
    this.control = new CallControl(ctx, this.media);
    this.transfers = new Transfers(ctx, this.control);
    this.parking = new Park(ctx, this.control);
    this.inbound = new InboundOffers(ctx);
    const lifecycle = new SessionLifecycle(ctx, this.media, this.transfers);
    ctx.watch = (id, session) => lifecycle.watch(id, session);
    // Ring while anything waits in the queue; stop the moment it is answered or cancelled.
    ctx.stores.calls.subscribe((state) => {
      if (selectQueue(state).length) ctx.tones.startRing(ctx.settings?.audio.ringOutputId ?? '');
      else ctx.tones.stopRing();
    });
  }

  /** Connects (with failover) and registers. Resolves when the first attempt is settled; reconnects by itself after. */
  async start(settings: Settings): Promise<void> {
    if (this.connection) await this.stop();
    const run = ++this.runs;
    // A restart with new settings (stop() then start() at once): the old manager's un-REGISTER
    // and its final Unregistered must not land in the middle of the new registration.
    if (this.stopping) await this.stopping;
    if (run !== this.runs) return;
    const ctx = this.ctx;
    ctx.settings = settings;
    ctx.calls = callSettings(settings);
    this.inbound.configure(settings);
    ctx.tones.prepare(); // off the hot path: an INVITE should only start a buffer, not build one

    const connection = new RegistrationManager({
      settings,
      stores: ctx.stores,
      log: ctx.log,
      // Every new UserAgent (reconnect, failover) gets this engine's delegate.
      onUserAgent: (ua) => {
        ctx.ua = ua;
        if (ua) ua.delegate = { onInvite: (invitation: Invitation) => this.inbound.offer(invitation) };
        this.tellUserAgent(ua);
      },
    });
    this.connection = connection;
    await connection.start();
  }

  /** Ends every call, unregisters and disconnects. */
  stop(): Promise<void> {
    this.runs++;
    const stopping = this.stopNow().finally(() => {
      if (this.stopping === stopping) this.stopping = null;
    });
    this.stopping = stopping;
    return stopping;
  }

  private async stopNow(): Promise<void> {
    const ctx = this.ctx;
    const connection = this.connection;
    this.connection = null;
    ctx.ua = null;
    this.tellUserAgent(null);
    this.media.releaseAll();
    for (const [id, session] of ctx.sessions) {
      ctx.localHangups.add(id);
      await session.dispose().catch((error: unknown) => ctx.log({ level: 'warn', code: 'call.dispose-failed', detail: { error: errorName(error) } }));
    }
    await connection?.stop(); // unregisters, disconnects, no reconnect after this
    ctx.audio.detach();
    ctx.stores.registration.getState().unregistered(); // a no-op when the manager already said so
  }

  /** A listener that throws must never stop a reconnect. */
  private tellUserAgent(ua: UserAgent | null): void {
    for (const listener of this.userAgentListeners) {
      try {
        listener(ua);
      } catch (error) {
        this.ctx.log({ level: 'error', code: 'sip.user-agent-listener-failed', detail: { error: errorName(error) } });
      }
    }
  }

  /** Calls listener with the current UserAgent now and with every new one (reconnect) or null. */
  onUserAgent(listener: (ua: UserAgent | null) => void): () => void {
    this.userAgentListeners.add(listener);
    listener(this.ctx.ua);
    return () => this.userAgentListeners.delete(listener);
  }

  /**
   * P-PICKUP: takes a call ringing at another extension. With a PBX pick-up prefix it dials
   * prefix + extension; otherwise it calls the caller with Replaces (RFC 3891) for the early dialog
   * the busy lamp reported (caller tag = to-tag, the ringing extension's tag = from-tag).
   */
  async pickup(ext: string, dialog: { callId: string; localTag: string; remoteTag: string; remoteUri: string } | null, prefix = ''): Promise<ActionResult> {
    if (prefix) return this.control.dial(`${prefix}${ext}`); // a pick-up is not a number to redial
    if (!dialog?.callId || !dialog.remoteUri || !dialog.remoteTag) return 'no-target';
    const uri = this.targetUri(dialog.remoteUri);
    if (!uri) return 'no-target';
    const active = selectActiveCall(this.ctx.state);
    if (active && !(await this.control.holdCall(active.id))) return 'failed';
    const replaces = `Replaces: ${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag};early-only`;
    return (await this.control.callOut(ext, uri, { extraHeaders: [replaces, 'Require: replaces'] })) ? 'ok' : 'failed';
  }

  /** How many entries the engine holds per call: all zero when the console is idle. */
  engineCounts(): EngineCounts {
    const c = this.ctx;
    return { sessions: c.sessions.size, media: c.media.size, heldAt: c.heldAt.size, timers: c.timers.size, localHangups: c.localHangups.size, calls: Object.keys(c.state.calls).length };
  }

  /** The call settings in force (defaults until start()). */
  get callSettings(): CallSettings {
    return this.ctx.calls;
  }

  // ---- call control (calls/call-control.ts) ------------------------------------------------

  /** Answers the given call, or the longest waiting one, holding the call the operator is on. */
  answer(id?: string): Promise<AnswerResult> {
    return this.control.answer(id);
  }

  /** Hangs up the given call, or the active one. Returns false when there was nothing to hang up. */
  hangup(id?: string): Promise<boolean> {
    return this.control.hangup(id);
  }

  /** Holds the active call, or resumes the most recently held one when nothing is active. */
  toggleHold(): Promise<ActionResult> {
    return this.control.toggleHold();
  }

  /** Resumes the given held call (or the most recently held one), holding the active call first. */
  resume(id?: string): Promise<ActionResult> {
    return this.control.resume(id);
  }

  /** Mutes or unmutes the operator's microphone on the active call. */
  toggleMute(): ActionResult {
    return this.control.toggleMute();
  }

  /** Sends DTMF on the active call (settings.calls.dtmfMode). */
  sendDtmf(tones: string): Promise<ActionResult> {
    return this.control.sendDtmf(tones);
  }

  /** Calls a number, extension or SIP URI (D-KEYS dial-out). The active call is held first. */
  dial(target: string): Promise<ActionResult> {
    const trimmed = target.trim();
    if (trimmed) this.lastDialledTarget = trimmed;
    return this.control.dial(target);
  }

  /** Calls the last dial-out target again (the headset's Redial); 'no-target' before any dial-out. */
  redial(): Promise<ActionResult> {
    return this.lastDialledTarget ? this.control.dial(this.lastDialledTarget) : Promise.resolve('no-target');
  }

  /** Whether there is a number to redial (the number itself stays inside the softphone). */
  get canRedial(): boolean {
    return this.lastDialledTarget !== null;
  }

  /** sip: URI for a typed target: an extension or number ("070-123 45 67" -> 0701234567) or a SIP URI. */
  targetUri(target: string): string | null {
    return this.ctx.targetUri(target);
  }

  // ---- transfers with recall (calls/transfers.ts) -------------------------------------------

  /** Announced transfer, step 1: the caller held, the employee called. */
  startAnnounced(target: string): Promise<ActionResult> {
    return this.transfers.startAnnounced(target);
  }

  /**
   * Guided dial-out (P-DIALOUT) through the PBX's trunk: `dial` is what the PBX gets (outside-line
   * prefix and number), `label` how the operator sees it. With a caller on the line it is an
   * announced transfer: the caller held, the outside number called; complete or cancel as usual.
   */
  dialOut(dial: string, label: string, destination: { country: string | null; callingCode: string }): Promise<ActionResult> {
    const uri = this.ctx.outsideUri(dial);
    if (!uri) return Promise.resolve('no-target');
    // P-SECRECY: the destination's country only, never the number
    this.ctx.log({ level: 'info', code: 'dialout.call', detail: { country: destination.country ?? 'non-geographic', callingCode: destination.callingCode, withCaller: this.transfers.hasCaller() } });
    if (this.transfers.hasCaller()) return this.transfers.startAnnounced(label, uri);
    return this.control.callOut(label, uri).then((id) => (id ? 'ok' : 'failed'));
  }

  /** Completes the announced transfer (REFER with Replaces; blind while the employee still rings). */
  completeTransfer(): Promise<ActionResult> {
    return this.transfers.complete();
  }

  /** Cancels the announced transfer: ends the consultation and returns to the caller. */
  cancelTransfer(): Promise<ActionResult> {
    return this.transfers.cancel();
  }

  /** Blind transfer of the active (or given, or recalled) call; the leg is kept until the final NOTIFY. */
  blindTransfer(target: string, id?: string, kind: 'blind' | 'voicemail' = 'blind'): Promise<ActionResult> {
    return this.transfers.blind(target, id, kind);
  }

  /** To voicemail: one key sends the caller to the employee's voicemail (URI template per PBX). */
  toVoicemail(target: string, id?: string): Promise<ActionResult> {
    return this.transfers.blind(target, id, 'voicemail');
  }

  /** Safe transfer: the console calls the employee for the caller; recalled when unanswered. */
  safeTransfer(target: string, id?: string): Promise<ActionResult> {
    return this.transfers.safe(target, id);
  }

  /** The recall choice "take a message": tells the listeners (the message pad). */
  takeMessage(id?: string): ActionResult {
    return this.transfers.takeMessage(id);
  }

  onTakeMessage(listener: (call: Call, target: string) => void): () => void {
    return this.transfers.onTakeMessage(listener);
  }

  /** The recall choice "another number": back to talking with the caller, the operator types anew. */
  takeBack(id?: string): Promise<ActionResult> {
    return this.transfers.takeBack(id);
  }

  /** True when the operator is talking to someone (an announced transfer can start). */
  hasCaller(): boolean {
    return this.transfers.hasCaller();
  }

  /** The call the operator is on now (a referral is counted on it), or null. */
  activeCallId(): string | null {
    return selectActiveCall(this.ctx.stores.calls.getState())?.id ?? null;
  }

  /** True while an announced transfer's consultation exists. */
  hasConsult(): boolean {
    return this.transfers.hasConsult();
  }

  /** The target of the most recent transfer on the active or recalled call, for "to voicemail". */
  lastTransferTarget(): string | null {
    return this.transfers.lastTransferTarget();
  }

  /** The call whose transfer failed most recently and is waiting for the operator's choice. */
  recalled(): Call | null {
    return this.transfers.recalled();
  }

  // ---- park (calls/park.ts) -----------------------------------------------------------------

  /** Parks the active call in the given slot (or the lowest free one). */
  park(slot?: number): Promise<ActionResult> {
    return this.parking.park(slot);
  }

  /** Takes the call parked in `slot` back (the active call is held first). */
  retrieve(slot: number): Promise<ActionResult> {
    return this.parking.retrieve(slot);
  }
}
