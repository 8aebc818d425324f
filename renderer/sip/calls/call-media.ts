// A call's media as the operator hears it: hold music instead of the microphone while held, the
// microphone back (muted or not) on resume, and the active call's remote audio on the talk device.
import { SessionState, Web, type Session } from 'sip.js';
import { errorName } from '../log';
import { selectActiveCall } from '../stores';
import type { SoftphoneContext } from './context';

export class CallMediaControl {
  constructor(private readonly ctx: SoftphoneContext) {}

  /** Hold music replaces the microphone on the call's sender (remembering the mic). */
  async playHoldMusic(id: string): Promise<void> {
    const ctx = this.ctx;
    const sender = ctx.senderOf(id);
    if (!sender) return;
    const media = ctx.media.get(id) ?? { mic: null, music: null };
    if (!media.music) media.music = ctx.tones.holdMusicTrack();
    if (media.music) {
      if (sender.track !== media.music) media.mic = sender.track;
      await sender.replaceTrack(media.music).catch((error: unknown) => ctx.log({ level: 'warn', code: 'call.hold-music-failed', detail: { error: errorName(error) } }));
    }
    ctx.media.set(id, media);
  }

  restoreMic(id: string): void {
    const ctx = this.ctx;
    const media = ctx.media.get(id);
    const sender = ctx.senderOf(id);
    if (!media || !sender) return;
    if (media.mic) {
      media.mic.enabled = !ctx.state.calls[id]?.muted;
      void sender.replaceTrack(media.mic).catch((error: unknown) => ctx.log({ level: 'warn', code: 'call.mic-restore-failed', detail: { error: errorName(error) } }));
    }
    media.music?.stop();
    media.music = null;
  }

  release(id: string): void {
    this.ctx.media.get(id)?.music?.stop();
    this.ctx.media.delete(id);
  }

  /** Every timer and track of every call, and the ring tone (the engine stops). */
  releaseAll(): void {
    const ctx = this.ctx;
    for (const timer of ctx.timers.values()) clearTimeout(timer);
    ctx.timers.clear();
    for (const id of [...ctx.media.keys()]) this.release(id);
    ctx.tones.stopRing();
  }

  /** Plays the active call's remote audio on the talk device; nothing when no call is active. */
  syncAudio(): void {
    const ctx = this.ctx;
    const active = selectActiveCall(ctx.state);
    const session = active ? ctx.sessions.get(active.id) : undefined;
    if (!session || session.state !== SessionState.Established) {
      if (!active) ctx.audio.detach();
      return;
    }
    void this.attachAudio(session);
  }

  private async attachAudio(session: Session): Promise<void> {
    const sdh = session.sessionDescriptionHandler;
    if (!(sdh instanceof Web.SessionDescriptionHandler)) {
      this.ctx.log({ level: 'error', code: 'audio.no-media-handler' });
      return;
    }
    await this.ctx.audio.attach(sdh.remoteMediaStream, this.ctx.settings?.audio.talkOutputId ?? '');
  }
}
