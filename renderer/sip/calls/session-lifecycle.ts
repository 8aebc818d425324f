// Follows each SIP session's state into the calls store: established becomes Talking (and a
// transfer leg's answer moves its transfer on), terminated ends the call with its reason and
// frees what it held.
import { SessionState, type Session } from 'sip.js';
import { CallState } from '../states';
import type { EndReason } from '../stores';
import type { CallMediaControl } from './call-media';
import type { SoftphoneContext } from './context';
import type { Transfers } from './transfers';
import { cancelEndReason } from './cancel-reason';

export class SessionLifecycle {
  /** Why the PBX cancelled a ringing offer, read from its CANCEL, until the session terminates. */
  private readonly cancelled = new Map<string, EndReason>();

  constructor(
    private readonly ctx: SoftphoneContext,
    private readonly media: CallMediaControl,
    private readonly transfers: Transfers,
  ) {}

  watch(id: string, session: Session): void {
    session.delegate = {
      // A peer's DTMF INFO or a REFER we do not follow: answer politely, act on nothing.
      onInfo: (info) => void info.accept().catch(() => undefined),
      onRefer: (referral) => void referral.reject().catch(() => undefined),
      onCancel: (cancel) => this.cancelled.set(id, cancelEndReason(cancel.request.getHeaders('reason'))),
    };
    session.stateChange.addListener((state) => this.onSessionState(id, state));
  }

  private onSessionState(id: string, state: SessionState): void {
    const ctx = this.ctx;
    const calls = ctx.state;
    if (state === SessionState.Established) {
      calls.setState(id, CallState.Talking, ctx.now());
      const call = ctx.state.calls[id];
      if (call && this.transfers.legAnswered(call)) return; // a safe transfer's leg: connected at once
      this.media.syncAudio();
      return;
    }
    if (state !== SessionState.Terminated) return;
    const call = calls.calls[id];
    const cancelled = this.cancelled.get(id);
    this.cancelled.delete(id);
    const reason: EndReason = ctx.localHangups.delete(id) ? 'local-hangup' : call?.state === CallState.Ringing ? (cancelled ?? 'remote-cancel') : 'remote-bye';
    ctx.sessions.delete(id);
    ctx.clearTimer(id);
    this.media.release(id);
    ctx.heldAt.delete(id);
    calls.end(id, reason, ctx.now());
    if (call) this.transfers.legEnded(call, reason);
    this.media.syncAudio();
    ctx.log({ level: 'info', code: 'call.ended', detail: { reason } });
  }
}
