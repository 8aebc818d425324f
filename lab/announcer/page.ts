// Browser side of the lab's announcer: a SIP.js page registered as the "announcer" account, the
// PBX's closed-message player (P-AFTERHOURS). Kamailio sends it switchboard calls while the
// switchboard is closed, with X-Vaxel-Closed: <municipality>. It answers, plays that
// municipality's prompt (closed-<municipality>.wav, fetched fresh per call from the prompt
// directory the console's PBX control writes) `plays` times through Web Audio, then hangs up.
// No microphone: the only audio it sends is the prompt.
import { Registerer, SessionState, UserAgent, Web, type Invitation, type Session, type UserAgentOptions } from 'sip.js';

export interface Announcement {
  municipality: string;
  prompt: string;
  answeredAt: number;
  endedAt: number | null;
  /** How long the prompt is, in ms (0 when it could not be loaded: the call is then refused). */
  promptMs: number;
  error: string | null;
}

export interface AnnouncerStart {
  wsUrl: string;
  domain: string;
  user: string;
  password: string;
  /** How many times a call hears the prompt before the announcer hangs up. */
  plays: number;
}

export interface LabAnnouncerApi {
  start(o: AnnouncerStart): Promise<{ registered: boolean }>;
  announcements(): Announcement[];
  stop(): Promise<void>;
}

declare global {
  interface Window {
    labAnnouncer: LabAnnouncerApi;
  }
}

const announcements: Announcement[] = [];
const streams = new WeakMap<Session, Promise<MediaStream>>();
let ua: UserAgent | null = null;
let plays = 2;

async function promptStream(name: string, a: Announcement, onDone: () => void): Promise<MediaStream> {
  const res = await fetch(`prompts/${encodeURIComponent(name)}`, { cache: 'no-store' });
  if (!res.ok) throw new Error(`prompt ${name}: HTTP ${res.status}`);
  const ctx = new AudioContext({ sampleRate: 48000 });
  await ctx.resume();
  const buffer = await ctx.decodeAudioData(await res.arrayBuffer());
  a.promptMs = Math.round(buffer.duration * 1000);
  const dest = ctx.createMediaStreamDestination();
  const source = ctx.createBufferSource();
  source.buffer = buffer;
  source.loop = true;
  source.connect(dest);
  source.start(0);
  // loop `plays` times, then stop and let the caller go
  setTimeout(
    () => {
      source.stop();
      void ctx.close();
      onDone();
    },
    buffer.duration * 1000 * plays + 300,
  );
  return dest.stream;
}

function onInvite(invitation: Invitation) {
  const municipality = (invitation.request.getHeader('X-Vaxel-Closed') ?? '').replace(/[^a-z]/g, '');
  const prompt = `closed-${municipality}.wav`;
  const a: Announcement = { municipality, prompt, answeredAt: 0, endedAt: null, promptMs: 0, error: null };
  announcements.push(a);
  const hangUp = () => {
    if (invitation.state === SessionState.Established) void invitation.bye().catch(() => undefined);
  };
  const stream = promptStream(prompt, a, hangUp);
  streams.set(invitation, stream);
  invitation.stateChange.addListener((s) => {
    if (s === SessionState.Established) a.answeredAt = Date.now();
    if (s === SessionState.Terminated) a.endedAt = Date.now();
  });
  stream.then(
    () => void invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } }),
    (e: unknown) => {
      a.error = e instanceof Error ? e.message : String(e);
      void invitation.reject({ statusCode: 503, reasonPhrase: 'Closed message not available' });
    },
  );
}

const api: LabAnnouncerApi = {
  async start(o) {
    plays = o.plays;
    const uri = UserAgent.makeURI(`sip:${o.user}@${o.domain}`);
    if (!uri) throw new Error('bad user');
    // the prompt of this very call instead of a microphone
    const sdhFactory = ((session: Session, options?: object) =>
      Web.defaultSessionDescriptionHandlerFactory(() => streams.get(session) ?? Promise.reject(new Error('no prompt for this call')))(
        session,
        options,
      )) as unknown as UserAgentOptions['sessionDescriptionHandlerFactory'];
    ua = new UserAgent({
      uri,
      authorizationUsername: o.user,
      authorizationPassword: o.password,
      transportOptions: { server: o.wsUrl },
      sessionDescriptionHandlerFactory: sdhFactory,
      sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] } },
      logBuiltinEnabled: false,
      delegate: { onInvite },
    });
    await ua.start();
    const registerer = new Registerer(ua, { expires: 300 });
    const ok = await new Promise<boolean>((resolve) => {
      void registerer.register({ requestDelegate: { onAccept: () => resolve(true), onReject: () => resolve(false) } });
      setTimeout(() => resolve(false), 15_000);
    });
    return { registered: ok };
  },
  announcements: () => announcements.map((a) => ({ ...a })),
  async stop() {
    await ua?.stop();
    ua = null;
  },
};

window.labAnnouncer = api;
