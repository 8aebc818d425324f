// Sounds the console makes itself (WebAudio, no files): the ring tone, played on the separately
// chosen ring device through its own <audio> element (setSinkId), and hold music, a generated
// MediaStreamTrack that replaces the microphone on a held call's sender (SIP.js hold only flips
// the SDP direction; without this a held caller hears silence).
//
// Both are looping AudioBuffers: they keep playing while the window is in the background, with no
// timers or requestAnimationFrame to be throttled. (Electron must also set
// webPreferences.backgroundThrottling = false, and autoplayPolicy 'no-user-gesture-required'.)
import { errorName, type ReportLog } from './log';

export interface Tones {
  /** Starts the ring tone on the ring device (idempotent). */
  startRing(ringOutputId: string): void;
  stopRing(): void;
  readonly ringing: boolean;
  /** A live track of hold music; each call gets its own, stop it when done. Null when audio is unavailable. */
  holdMusicTrack(): MediaStreamTrack | null;
  /** Creates the audio context and tone buffers ahead, so the first call rings without delay. */
  prepare(): void;
  dispose(): void;
}

/** For tests and hosts without audio: does nothing. */
export const silentTones: Tones = {
  startRing: () => undefined,
  stopRing: () => undefined,
  ringing: false,
  holdMusicTrack: () => null,
  prepare: () => undefined,
  dispose: () => undefined,
};

const RATE = 48000;

/** Two-tone ring, 1 s on (alternating 440/480 Hz at 20 Hz, like a desk phone's warble), 2 s off. */
function ringBuffer(ctx: BaseAudioContext): AudioBuffer {
  const seconds = 3;
  const buffer = ctx.createBuffer(1, RATE * seconds, RATE);
  const data = buffer.getChannelData(0);
  for (let i = 0; i < RATE; i++) {
    const t = i / RATE;
    const f = Math.floor(t * 20) % 2 === 0 ? 440 : 480;
    const envelope = Math.min(1, t * 50, (1 - t) * 50);
    data[i] = 0.3 * envelope * Math.sin(2 * Math.PI * f * t);
  }
  return buffer;
}

/** A calm eight-note phrase (C major arpeggio, soft sine with decay), 4 s, looped. */
function holdMusicBuffer(ctx: BaseAudioContext): AudioBuffer {
  const notes = [261.63, 329.63, 392.0, 523.25, 392.0, 329.63, 293.66, 349.23];
  const noteSeconds = 0.5;
  const buffer = ctx.createBuffer(1, Math.round(RATE * noteSeconds * notes.length), RATE);
  const data = buffer.getChannelData(0);
  const perNote = Math.round(RATE * noteSeconds);
  notes.forEach((f, n) => {
    for (let i = 0; i < perNote; i++) {
      const t = i / RATE;
      const envelope = Math.min(1, t * 40) * Math.exp(-3 * t);
      data[n * perNote + i] = 0.25 * envelope * (Math.sin(2 * Math.PI * f * t) + 0.3 * Math.sin(4 * Math.PI * f * t));
    }
  });
  return buffer;
}

export class WebAudioTones implements Tones {
  private ctx: AudioContext | null = null;
  private ringSource: AudioBufferSourceNode | null = null;
  private readonly ringElement: HTMLAudioElement;
  private ringSink = '';
  private music: { source: AudioBufferSourceNode; destination: MediaStreamAudioDestinationNode } | null = null;
  /** Rendered once per context: computing a second of samples on every ring delayed the queue row. */
  private ringSamples: AudioBuffer | null = null;

  constructor(
    private readonly log: ReportLog,
    ringElement?: HTMLAudioElement,
  ) {
    this.ringElement = ringElement ?? new Audio();
  }

  get ringing(): boolean {
    return this.ringSource !== null;
  }

  /** The ring element, so a host page may put it in the DOM (tests read its state). */
  get ringAudioElement(): HTMLAudioElement {
    return this.ringElement;
  }

  private context(): AudioContext | null {
    if (this.ctx) {
      if (this.ctx.state === 'suspended') void this.ctx.resume().catch(() => undefined);
      return this.ctx;
    }
    try {
      this.ctx = new AudioContext({ sampleRate: RATE, latencyHint: 'playback' });
      return this.ctx;
    } catch (error) {
      this.log({ level: 'error', code: 'audio.context-failed', detail: { error: errorName(error) } });
      return null;
    }
  }

  prepare(): void {
    const ctx = this.context();
    if (ctx) this.ringSamples ??= ringBuffer(ctx);
  }

  startRing(ringOutputId: string): void {
    if (this.ringSource) return;
    const ctx = this.context();
    if (!ctx) return;
    const destination = ctx.createMediaStreamDestination();
    const source = ctx.createBufferSource();
    source.buffer = this.ringSamples ??= ringBuffer(ctx);
    source.loop = true;
    source.connect(destination);
    source.start();
    this.ringSource = source;
    this.ringElement.srcObject = destination.stream;
    void this.playRing(ringOutputId);
  }

  private async playRing(ringOutputId: string): Promise<void> {
    if (ringOutputId !== this.ringSink && typeof this.ringElement.setSinkId === 'function') {
      try {
        await this.ringElement.setSinkId(ringOutputId);
        this.ringSink = ringOutputId;
      } catch (error) {
        // Ring on the default device rather than not at all.
        this.log({ level: 'warn', code: 'audio.ring-sink-failed', detail: { error: errorName(error) } });
      }
    }
    try {
      if (this.ringSource) await this.ringElement.play();
    } catch (error) {
      this.log({ level: 'error', code: 'audio.ring-play-failed', detail: { error: errorName(error) } });
    }
  }

  stopRing(): void {
    const source = this.ringSource;
    this.ringSource = null;
    if (!source) return;
    try {
      source.stop();
    } catch {
      // already stopped
    }
    source.disconnect();
    this.ringElement.pause();
    this.ringElement.srcObject = null;
  }

  holdMusicTrack(): MediaStreamTrack | null {
    const ctx = this.context();
    if (!ctx) return null;
    if (!this.music) {
      const destination = ctx.createMediaStreamDestination();
      const source = ctx.createBufferSource();
      source.buffer = holdMusicBuffer(ctx);
      source.loop = true;
      source.connect(destination);
      source.start();
      this.music = { source, destination };
    }
    // Clones share the one generator; each held call stops only its own clone.
    return this.music.destination.stream.getAudioTracks()[0]?.clone() ?? null;
  }

  dispose(): void {
    this.stopRing();
    if (this.music) {
      try {
        this.music.source.stop();
      } catch {
        // already stopped
      }
      this.music = null;
    }
    void this.ctx?.close().catch(() => undefined);
    this.ctx = null;
    this.ringSamples = null;
  }
}
