// What the parts of the softphone engine share (softphone.ts is the façade; call-control.ts,
// transfers.ts, park.ts, inbound.ts and session-lifecycle.ts work on this): the stores, the SIP
// sessions by call id with their media and timers, the settings in force, and small lookups.
import { UserAgent, Web, type Session } from 'sip.js';
import { callSettings, type CallSettings, type Settings } from '../../../common/settings/schema';
import type { ReportLog } from '../log';
import type { RemoteAudio } from '../remote-audio';
import type { CallsState, SoftphoneStores } from '../stores';
import type { Tones } from '../tones';

/** Per-call media the engine swaps: the microphone track, and hold music while held. */
export interface CallMedia {
  mic: MediaStreamTrack | null;
  music: MediaStreamTrack | null;
}

export interface ContextDeps {
  readonly stores: SoftphoneStores;
  readonly log: ReportLog;
  readonly audio: RemoteAudio;
  readonly tones: Tones;
  readonly now: () => number;
  readonly newId: () => string;
}

export class SoftphoneContext {
  readonly stores: SoftphoneStores;
  readonly log: ReportLog;
  readonly audio: RemoteAudio;
  readonly tones: Tones;
  readonly now: () => number;
  readonly newId: () => string;
  /** The UserAgent of the current connection; null while disconnected. */
  ua: UserAgent | null = null;
  settings: Settings | null = null;
  /** The call settings in force (defaults until start()). */
  calls: CallSettings = callSettings({});
  readonly sessions = new Map<string, Session>();
  readonly media = new Map<string, CallMedia>();
  /** When each held call was put on hold (resume picks the most recent). */
  readonly heldAt = new Map<string, number>();
  /** Safe-transfer no-answer timers, by the leg's call id. */
  readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Calls the operator ended, so their Terminated is not mistaken for the remote hanging up. */
  readonly localHangups = new Set<string>();
  /** Follows a new session's state (session-lifecycle.ts); wired by the façade. */
  watch: (id: string, session: Session) => void = () => undefined;

  constructor(deps: ContextDeps) {
    this.stores = deps.stores;
    this.log = deps.log;
    this.audio = deps.audio;
    this.tones = deps.tones;
    this.now = deps.now;
    this.newId = deps.newId;
  }

  /** The calls store's current state and actions. */
  get state(): CallsState {
    return this.stores.calls.getState();
  }

  clearTimer(id: string): void {
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
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

  /**
   * sip: URI for a dial-out through the PBX's trunk (P-DIALOUT): the outside-line prefix and the
   * number as the dial-out settings build it ("000442079460958", "0+442079460958").
   */
  outsideUri(dial: string): string | null {
    if (!/^[0-9*#]{0,4}\+?[0-9]{3,20}$/.test(dial)) return null;
    const domain = this.settings?.accounts[0]?.domain;
    return domain ? `sip:${dial}@${domain}` : null;
  }

  /** The audio sender of a call's peer connection (its track is the mic or the hold music). */
  senderOf(id: string): RTCRtpSender | null {
    const sdh = this.sessions.get(id)?.sessionDescriptionHandler;
    if (!(sdh instanceof Web.SessionDescriptionHandler)) return null;
    return sdh.peerConnection?.getSenders().find((s) => s.track?.kind === 'audio' || s.track === null) ?? null;
  }

  /** The audio constraints for the talk device chosen in settings. */
  audioConstraints(): { audio: boolean | MediaTrackConstraints; video: false } {
    const inputId = this.settings?.audio.talkInputId ?? '';
    return { audio: inputId ? { deviceId: { exact: inputId } } : true, video: false };
  }
}
