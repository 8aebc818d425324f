// Transfers with recall: announced (consultation, then REFER with Replaces), blind (REFER), to
// voicemail, and safe (the console calls the employee for the caller and connects on answer). A
// caller's leg is kept until the final NOTIFY; when a transfer does not reach the employee the
// caller is back with the operator ("recall") with the choices: another number, a message, back.
import { SessionState, UserAgent, type Session } from 'sip.js';
import { DEFAULT_VOICEMAIL_URI_TEMPLATE } from '../../../common/settings/schema';
import { CallState } from '../states';
import { errorName } from '../log';
import { selectActiveCall, type Call, type EndReason, type TransferInfo } from '../stores';
import type { ActionResult } from './results';
import type { CallControl, CallOutOptions } from './call-control';
import type { SoftphoneContext } from './context';

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

export class Transfers {
  /** Listeners for the "take a message" recall choice (the message pad). */
  private readonly messageListeners = new Set<(call: Call, target: string) => void>();
  /** The URI each consultation called: a transfer on ring sends the caller to the very same one. */
  private readonly consultUris = new Map<string, string>();

  constructor(
    private readonly ctx: SoftphoneContext,
    private readonly control: CallControl,
  ) {}

  /**
   * Announced (attended) transfer, step 1: the caller is held with music and the employee is
   * called; the operator talks to them. Complete with complete(), cancel with cancel().
   */
  async startAnnounced(target: string, uri: string | null = this.ctx.targetUri(target)): Promise<ActionResult> {
    const ctx = this.ctx;
    if (!uri) return 'no-target';
    const caller = selectActiveCall(ctx.state);
    if (!caller) return this.control.dial(target);
    if (caller.consultFor) return 'failed'; // already consulting: complete or cancel first
    if (!(await this.control.holdCall(caller.id))) return 'failed';
    ctx.state.patch(caller.id, { transfer: { kind: 'announced', target, status: 'trying', code: 0 }, recall: null });
    const consultId = await this.control.callOut(target, uri, this.legFor(caller.id, target, 'consult'));
    if (!consultId) {
      ctx.state.patch(caller.id, { transfer: { kind: 'announced', target, status: 'failed', code: 0 } });
      return 'failed';
    }
    this.consultUris.set(consultId, uri);
    return 'ok';
  }

  /** Completes the announced transfer: REFER the caller to the employee's AOR with Replaces. */
  async complete(): Promise<ActionResult> {
    const ctx = this.ctx;
    const consult = this.findConsult();
    if (!consult) return 'no-call';
    const callerId = consult.consultFor!;
    const consultSession = ctx.sessions.get(consult.id);
    const callerSession = ctx.sessions.get(callerId);
    if (!consultSession || !callerSession) return 'no-call';
    if (consultSession.state !== SessionState.Established) {
      // Still ringing: transfer on ring, i.e. blind to the same target, and drop the consultation.
      const target = consult.transfer?.target ?? ctx.state.calls[callerId]?.transfer?.target ?? consult.callerNumber;
      const uri = this.consultUris.get(consult.id);
      await this.control.hangup(consult.id);
      return this.blind(target, callerId, 'blind', uri);
    }
    return this.referWithReplaces(callerId, consult.id, 'announced');
  }

  /** Cancels the announced transfer: ends the consultation and returns to the caller. */
  async cancel(): Promise<ActionResult> {
    const consult = this.findConsult();
    if (!consult) return 'no-call';
    const callerId = consult.consultFor!;
    this.ctx.clearTimer(consult.id);
    await this.control.hangup(consult.id);
    this.ctx.state.patch(callerId, { transfer: null });
    return this.control.resume(callerId);
  }

  /**
   * Blind transfer: REFER the caller (the active call, or `id`) to the target. The caller's leg is
   * kept until the final NOTIFY: on success it is ended, on failure the caller is back with the
   * operator, with the recall choices.
   */
  async blind(target: string, id?: string, kind: 'blind' | 'voicemail' = 'blind', knownUri?: string): Promise<ActionResult> {
    const ctx = this.ctx;
    const uri = knownUri ?? (kind === 'voicemail' ? this.voicemailUri(target) : ctx.targetUri(target));
    if (!uri) return 'no-target';
    let callId = id ?? selectActiveCall(ctx.state)?.id ?? this.recalled()?.id;
    const consultFor = callId ? ctx.state.calls[callId]?.consultFor : null;
    if (callId && consultFor) {
      // From a consultation (the employee did not answer, or asked for it): drop it, send the caller.
      await this.control.hangup(callId);
      callId = consultFor;
    }
    const session = callId ? ctx.sessions.get(callId) : undefined;
    if (!callId || !session || session.state !== SessionState.Established) return 'no-call';
    ctx.state.patch(callId, { transfer: { kind, target, status: 'trying', code: 0 }, recall: null });
    const referTo = UserAgent.makeURI(uri);
    if (!referTo) return 'no-target';
    return this.sendRefer(callId, session, referTo, kind, target);
  }

  /**
   * Safe transfer: the console calls the employee for the caller (who hears hold music) and
   * completes with REFER/Replaces when they answer. Unanswered after the configured time, the
   * caller returns to the operator with the recall choices.
   */
  async safe(target: string, id?: string): Promise<ActionResult> {
    const ctx = this.ctx;
    const uri = ctx.targetUri(target);
    if (!uri) return 'no-target';
    const state = ctx.state;
    const callerId = id ?? selectActiveCall(state)?.id ?? this.recalled()?.id;
    const caller = callerId ? state.calls[callerId] : undefined;
    if (!callerId || !caller) return 'no-call';
    if (caller.state !== CallState.Held && !(await this.control.holdCall(callerId))) return 'failed';
    ctx.state.patch(callerId, { transfer: { kind: 'safe', target, status: 'trying', code: 0 }, recall: null });
    const legId = await this.control.callOut(target, uri, this.legFor(callerId, target, 'safe'));
    if (!legId) {
      this.recall(callerId, target, 'failed');
      return 'failed';
    }
    ctx.timers.set(
      legId,
      setTimeout(() => {
        ctx.timers.delete(legId);
        const leg = ctx.state.calls[legId];
        if (!leg || leg.state !== CallState.Calling) return;
        ctx.log({ level: 'info', code: 'transfer.safe-no-answer' });
        void this.control.hangup(legId);
        this.recall(callerId, target, 'no-answer');
      }, ctx.calls.safeTransferTimeoutS * 1000),
    );
    return 'ok';
  }

  /** The recall choice "take a message": tells the listeners (the message pad). */
  takeMessage(id?: string): ActionResult {
    const call = id ? this.ctx.state.calls[id] : this.recalled();
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
    const call = id ? this.ctx.state.calls[id] : this.recalled();
    if (!call) return 'no-call';
    this.ctx.state.patch(call.id, { recall: null, transfer: null });
    if (call.state === CallState.Held) return this.control.resume(call.id);
    return 'ok';
  }

  /** True when the operator is talking to someone (an announced transfer can start). */
  hasCaller(): boolean {
    const active = selectActiveCall(this.ctx.state);
    return !!active && !active.consultFor;
  }

  /** True while an announced transfer's consultation exists. */
  hasConsult(): boolean {
    return this.findConsult() !== null;
  }

  /** The target of the most recent transfer on the active or recalled call, for "to voicemail". */
  lastTransferTarget(): string | null {
    const state = this.ctx.state;
    const active = selectActiveCall(state);
    const call = active?.consultFor ? state.calls[active.consultFor] : (active ?? this.recalled());
    return call?.recall?.target ?? call?.transfer?.target ?? (active?.consultFor ? active.callerNumber : null);
  }

  /** The call whose transfer failed most recently and is waiting for the operator's choice. */
  recalled(): Call | null {
    const list = Object.values(this.ctx.state.calls).filter((c) => c.recall);
    return list.sort((a, b) => (b.answeredAt ?? 0) - (a.answeredAt ?? 0))[0] ?? null;
  }

  // ---- from the session lifecycle ------------------------------------------------------------

  /** A leg placed for a caller was answered. True when it was a safe transfer's (it is connected now). */
  legAnswered(call: Call): boolean {
    if (!call.consultFor) return false;
    if (call.legKind === 'safe') {
      this.ctx.clearTimer(call.id);
      const mic = this.ctx.senderOf(call.id)?.track;
      if (mic) mic.enabled = false; // the employee should hear the caller, not the operator
      void this.referWithReplaces(call.consultFor, call.id, 'safe');
      return true;
    }
    this.updateTransfer(call.consultFor, { status: 'accepted', code: 200 });
    return false;
  }

  /** A consultation that ended while its caller still waits: the caller's transfer is off. */
  legEnded(call: Call, reason: EndReason): void {
    this.consultUris.delete(call.id);
    if (!call.consultFor || call.legKind !== 'consult') return;
    const caller = this.ctx.state.calls[call.consultFor];
    if (caller?.transfer?.kind === 'announced' && caller.transfer.status !== 'done' && reason !== 'local-hangup') {
      this.ctx.state.patch(caller.id, { transfer: { ...caller.transfer, status: 'failed' } });
    }
  }

  // ---- internals -----------------------------------------------------------------------------

  /** How a leg for `callerId` is placed: its progress and rejection update the caller's transfer. */
  private legFor(callerId: string, target: string, legKind: 'consult' | 'safe'): CallOutOptions {
    return {
      consultFor: callerId,
      legKind,
      onProgress: (code) => {
        if (code >= 180) this.updateTransfer(callerId, { status: 'ringing', code });
      },
      onReject: (code, legId) => {
        this.ctx.clearTimer(legId);
        this.recall(callerId, target, 'failed', code);
      },
    };
  }

  private findConsult(): Call | null {
    const state = this.ctx.state;
    const active = selectActiveCall(state);
    if (active?.consultFor) return active;
    return Object.values(state.calls).find((c) => c.consultFor && c.legKind === 'consult') ?? null;
  }

  private voicemailUri(target: string): string | null {
    const account = this.ctx.settings?.accounts[0];
    if (!account) return null;
    const user = /^sips?:([^@;]+)@/i.exec(target.trim())?.[1] ?? target.replace(/[\s\-()/.]/g, '');
    if (!/^\+?[0-9]{1,20}$/.test(user)) return null;
    const template = account.voicemailUriTemplate ?? DEFAULT_VOICEMAIL_URI_TEMPLATE;
    return template.replaceAll('{ext}', user).replaceAll('{domain}', account.domain);
  }

  private updateTransfer(callId: string, patch: Partial<TransferInfo>): void {
    const call = this.ctx.state.calls[callId];
    if (!call?.transfer) return;
    this.ctx.state.patch(callId, { transfer: { ...call.transfer, ...patch } });
  }

  /** The transfer did not reach the employee: the caller is back with the operator, with choices. */
  private recall(callId: string, target: string, reason: 'no-answer' | 'failed', code = 0): void {
    const ctx = this.ctx;
    const call = ctx.state.calls[callId];
    if (!call) return;
    ctx.state.patch(callId, {
      recall: { target, reason },
      transfer: call.transfer ? { ...call.transfer, status: 'failed', code: code || call.transfer.code } : null,
    });
    ctx.log({ level: 'info', code: 'transfer.recall', detail: { reason } });
    // Talk to the caller at once when the operator is free; otherwise they wait on hold, listed.
    if (call.state === CallState.Held && !selectActiveCall(ctx.state))
      void this.control.resume(callId).then(() => {
        ctx.state.patch(callId, { recall: { target, reason } });
      });
  }

  private async referWithReplaces(callerId: string, consultId: string, kind: 'announced' | 'safe'): Promise<ActionResult> {
    const ctx = this.ctx;
    const callerSession = ctx.sessions.get(callerId);
    const consultSession = ctx.sessions.get(consultId);
    const dialog = consultSession?.dialog;
    if (!callerSession || !consultSession || !dialog) return 'no-call';
    // Refer-To must be the employee's AOR with ?Replaces=, not their Contact (a *.invalid host
    // with Kamailio's ;alias=): hand refer() an object whose dialog.remoteTarget is the AOR.
    const aor = consultSession.remoteIdentity.uri;
    const replacing = {
      remoteIdentity: consultSession.remoteIdentity,
      dialog: { remoteTarget: aor, callId: dialog.callId, remoteTag: dialog.remoteTag, localTag: dialog.localTag },
    } as unknown as Session;
    const target = ctx.state.calls[callerId]?.transfer?.target ?? aor.user ?? '';
    ctx.state.patch(callerId, { transfer: { kind, target, status: 'trying', code: 0 } });
    return this.sendRefer(callerId, callerSession, replacing, kind, target, consultId);
  }

  private sendRefer(callId: string, session: Session, referTo: Parameters<Session['refer']>[0], kind: TransferInfo['kind'], target: string, consultId?: string): Promise<ActionResult> {
    const ctx = this.ctx;
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
              ctx.log({ level: 'warn', code: 'transfer.refer-rejected', detail: { status: code } });
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
              ctx.log({ level: 'info', code: 'transfer.done', detail: { kind } });
              // The final NOTIFY: only now the caller's leg is ended (never earlier: NOTES.md).
              void this.control.hangup(callId);
              if (consultId) {
                // The employee's phone ends our leg itself when Replaces takes over; make sure.
                const id = consultId;
                setTimeout(() => {
                  if (ctx.sessions.has(id)) void this.control.hangup(id);
                }, 3000);
              }
            } else if (status === 'failed') {
              this.recall(callId, target, 'failed', code);
            }
          },
        })
        .catch((error: unknown) => {
          ctx.log({ level: 'error', code: 'transfer.refer-failed', detail: { error: errorName(error) } });
          this.recall(callId, target, 'failed');
          settle('failed');
        });
    });
  }
}
