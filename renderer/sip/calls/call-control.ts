// Call control: answer (holding the call the operator is on), hang up, hold and resume by
// re-INVITE, mute, DTMF, and placing outgoing calls (dial-out and the legs transfers place).
import { Invitation, Inviter, SessionState, UserAgent } from 'sip.js';
import { CallState } from '../states';
import { errorName } from '../log';
import { selectActiveCall, selectHeld, selectQueue, type Call } from '../stores';
import type { ActionResult, AnswerResult } from './results';
import type { SoftphoneContext } from './context';
import type { CallMediaControl } from './call-media';

/** An outgoing call: for whom (a transfer's caller, or null) and what to do with its responses. */
export interface CallOutOptions {
  readonly consultFor?: string | null;
  readonly legKind?: Call['legKind'];
  readonly extraHeaders?: string[];
  /** A provisional response (its status), for the leg `id`. */
  readonly onProgress?: (code: number, id: string) => void;
  /** A final rejection (its status), for the leg `id`. */
  readonly onReject?: (code: number, id: string) => void;
}

export class CallControl {
  constructor(
    private readonly ctx: SoftphoneContext,
    private readonly media: CallMediaControl,
  ) {}

  /**
   * Answers the given call, or the longest waiting one. Audio only. A call the operator is on is
   * put on hold first (with hold music), as on a desk console: the operator never has to hang up
   * to take the next caller.
   */
  async answer(id?: string): Promise<AnswerResult> {
    const ctx = this.ctx;
    const calls = ctx.state;
    const target = id ?? selectQueue(calls)[0]?.id;
    const session = target ? ctx.sessions.get(target) : undefined;
    if (!target || !session || calls.calls[target]?.state !== CallState.Ringing) return 'no-call';
    if (!(session instanceof Invitation)) return 'no-call';
    const active = selectActiveCall(calls);
    if (active) {
      ctx.log({ level: 'info', code: 'call.answer-holds-active' });
      if (!(await this.holdCall(active.id))) {
        if (active.state === CallState.Calling) await this.hangup(active.id);
        else return 'busy';
      }
    }
    ctx.state.setState(target, CallState.Answering, ctx.now());
    try {
      await session.accept({ sessionDescriptionHandlerOptions: { constraints: ctx.audioConstraints() } });
      return 'answered';
    } catch (error) {
      ctx.log({ level: 'error', code: 'call.answer-failed', detail: { error: errorName(error) } });
      if (session.state === SessionState.Initial || session.state === SessionState.Establishing) {
        ctx.localHangups.add(target);
        await session.reject({ statusCode: 500 }).catch(() => undefined); // it may already be gone
      }
      ctx.state.end(target, 'failed', ctx.now());
      return 'failed';
    }
  }

  /** Hangs up the given call, or the active one. Returns false when there was nothing to hang up. */
  async hangup(id?: string): Promise<boolean> {
    const ctx = this.ctx;
    const target = id ?? selectActiveCall(ctx.state)?.id;
    const session = target ? ctx.sessions.get(target) : undefined;
    if (!target || !session) return false;
    ctx.localHangups.add(target);
    try {
      if (session.state === SessionState.Established) await session.bye();
      else if (session instanceof Inviter && (session.state === SessionState.Initial || session.state === SessionState.Establishing)) await session.cancel();
      else await session.dispose(); // ringing or answering: SIP.js rejects the INVITE
      return true;
    } catch (error) {
      ctx.log({ level: 'error', code: 'call.hangup-failed', detail: { error: errorName(error) } });
      return false;
    }
  }

  /** Holds the active call, or resumes the most recently held one when nothing is active. */
  async toggleHold(): Promise<ActionResult> {
    const active = selectActiveCall(this.ctx.state);
    if (active) return (await this.holdCall(active.id)) ? 'ok' : 'failed';
    return this.resume();
  }

  /** Resumes the given held call (or the most recently held one), holding the active call first. */
  async resume(id?: string): Promise<ActionResult> {
    const ctx = this.ctx;
    const state = ctx.state;
    const target = id ?? this.mostRecentlyHeld();
    const call = target ? state.calls[target] : undefined;
    if (!target || !call || call.state !== CallState.Held) return 'no-call';
    const active = selectActiveCall(state);
    if (active && active.id !== target && !(await this.holdCall(active.id))) return 'failed';
    const ok = await this.reinvite(target, false);
    if (!ok) return 'failed';
    ctx.heldAt.delete(target);
    this.media.restoreMic(target);
    ctx.state.patch(target, { parkSlot: null, recall: null });
    ctx.state.setState(target, CallState.Talking, ctx.now());
    this.media.syncAudio();
    return 'ok';
  }

  /** Puts a call on hold: hold music replaces the microphone, then the re-INVITE (sendonly). */
  async holdCall(id: string): Promise<boolean> {
    const ctx = this.ctx;
    const call = ctx.state.calls[id];
    if (!call) return false;
    if (call.state === CallState.Held) return true;
    if (call.state !== CallState.Talking) return false;
    await this.media.playHoldMusic(id);
    const ok = await this.reinvite(id, true);
    if (!ok) {
      this.media.restoreMic(id);
      return false;
    }
    ctx.heldAt.set(id, ctx.now());
    ctx.state.setState(id, CallState.Held, ctx.now());
    this.media.syncAudio();
    return true;
  }

  /** Mutes or unmutes the operator's microphone on the active call. */
  toggleMute(): ActionResult {
    const ctx = this.ctx;
    const active = selectActiveCall(ctx.state);
    if (!active) return 'no-call';
    const muted = !active.muted;
    const mic = ctx.media.get(active.id)?.mic ?? ctx.senderOf(active.id)?.track ?? null;
    if (mic) mic.enabled = !muted;
    ctx.state.patch(active.id, { muted });
    return 'ok';
  }

  /** Sends DTMF on the active call: RFC 4733 (RTCDTMFSender), SIP INFO, or both (settings.calls.dtmfMode). */
  async sendDtmf(tones: string): Promise<ActionResult> {
    const ctx = this.ctx;
    const active = selectActiveCall(ctx.state);
    const session = active ? ctx.sessions.get(active.id) : undefined;
    if (!active || !session || session.state !== SessionState.Established) return 'no-call';
    const digits = tones.replace(/[^0-9A-D*#]/gi, '');
    if (!digits) return 'no-target';
    const mode = ctx.calls.dtmfMode;
    let ok = true;
    if (mode === 'rfc4733' || mode === 'both') {
      // insertDTMF replaces what is still queued: append, or fast typing loses digits.
      const dtmf = ctx.senderOf(active.id)?.dtmf;
      try {
        if (!dtmf) throw new Error('no DTMF sender');
        dtmf.insertDTMF(dtmf.toneBuffer + digits, 100, 70);
      } catch (error) {
        ctx.log({ level: 'warn', code: 'call.dtmf-rtp-failed', detail: { error: errorName(error) } });
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
          ctx.log({ level: 'warn', code: 'call.dtmf-info-failed', detail: { error: errorName(error) } });
          ok = false;
        }
      }
    }
    return ok ? 'ok' : 'failed';
  }

  /** Calls a number, extension or SIP URI (D-KEYS dial-out). The active call is held first. */
  async dial(target: string): Promise<ActionResult> {
    const uri = this.ctx.targetUri(target);
    if (!uri) return 'no-target';
    const active = selectActiveCall(this.ctx.state);
    if (active && !(await this.holdCall(active.id))) return 'failed';
    return (await this.callOut(target, uri)) ? 'ok' : 'failed';
  }

  /** Places an outgoing call; returns its id, or null when it could not be sent. */
  async callOut(target: string, uri: string, options: CallOutOptions = {}): Promise<string | null> {
    const ctx = this.ctx;
    const ua = ctx.ua;
    const to = UserAgent.makeURI(uri);
    if (!ua || !to) return null;
    const id = ctx.newId();
    const consultFor = options.consultFor ?? null;
    const inviter = new Inviter(ua, to, {
      extraHeaders: options.extraHeaders ?? [],
      sessionDescriptionHandlerOptions: { constraints: ctx.audioConstraints() },
    });
    ctx.sessions.set(id, inviter);
    ctx.state.dialled(
      {
        id,
        callerNumber: to.user ?? target,
        callerName: '',
        dialledNumber: to.user ?? target,
        greeting: '',
        greetingKind: 'internal',
        switchboardId: null,
        offeredAt: ctx.now(),
      },
      consultFor,
      options.legKind ?? 'call',
    );
    if (consultFor) ctx.state.patch(id, { transfer: { kind: options.legKind === 'safe' ? 'safe' : 'announced', target, status: 'trying', code: 0 } });
    ctx.watch(id, inviter);
    const code = (response: { message: { statusCode?: number } }) => response.message.statusCode ?? 0;
    try {
      await inviter.invite({
        requestDelegate: {
          onProgress: (response) => options.onProgress?.(code(response), id),
          onReject: (response) => {
            ctx.log({ level: 'info', code: 'call.out-rejected', detail: { status: code(response) } });
            options.onReject?.(code(response), id);
          },
        },
      });
      return id;
    } catch (error) {
      ctx.log({ level: 'error', code: 'call.out-failed', detail: { error: errorName(error) } });
      ctx.sessions.delete(id);
      ctx.state.end(id, 'failed', ctx.now());
      return null;
    }
  }

  /** A re-INVITE with hold on or off; resolves true when the peer accepted it. */
  private reinvite(id: string, hold: boolean): Promise<boolean> {
    const ctx = this.ctx;
    const session = ctx.sessions.get(id);
    if (!session || session.state !== SessionState.Established) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      session.sessionDescriptionHandlerOptionsReInvite = { ...session.sessionDescriptionHandlerOptionsReInvite, hold } as typeof session.sessionDescriptionHandlerOptionsReInvite;
      session
        .invite({
          requestDelegate: {
            onAccept: () => resolve(true),
            onReject: (response) => {
              ctx.log({ level: 'warn', code: hold ? 'call.hold-rejected' : 'call.resume-rejected', detail: { status: response.message.statusCode ?? 0 } });
              resolve(false);
            },
          },
        })
        .catch((error: unknown) => {
          ctx.log({ level: 'error', code: hold ? 'call.hold-failed' : 'call.resume-failed', detail: { error: errorName(error) } });
          resolve(false);
        });
    });
  }

  private mostRecentlyHeld(): string | undefined {
    const held = selectHeld(this.ctx.state).filter((c) => !c.transfer || c.transfer.status === 'failed');
    held.sort((a, b) => (this.ctx.heldAt.get(b.id) ?? 0) - (this.ctx.heldAt.get(a.id) ?? 0));
    return held[0]?.id;
  }
}
