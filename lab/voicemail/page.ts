// Browser side of the lab's voicemail box and SIP inbox: a SIP.js page registered as one account.
// As the voicemail account (Kamailio routes sip:vm-<ext>@ here) it answers every call and records
// what it hears: the mailbox (the To user), the X-Vaxel-Message-Id header, and the audio's energy
// over time (an AnalyserNode on the received track) plus a MediaRecorder recording. As an
// employee's account it keeps every SIP MESSAGE it receives (msilo delivers stored ones on REGISTER).
import { Registerer, SessionState, UserAgent, type Invitation } from 'sip.js';
import type { SessionDescriptionHandler } from 'sip.js/lib/platform/web/index.js';

export interface Deposit {
  mailbox: string;
  messageId: string;
  fromDisplayName: string;
  answeredAt: number;
  endedAt: number | null;
  /** RMS of the received audio, one value per 50 ms (0..1). */
  levels: number[];
  recordedBytes: number;
}

export interface InboxMessage {
  from: string;
  messageId: string;
  contentType: string;
  body: string;
  at: number;
}

export interface VoicemailStart {
  wsUrl: string;
  domain: string;
  user: string;
  password: string;
}

export interface LabVoicemailApi {
  start(o: VoicemailStart): Promise<{ registered: boolean }>;
  deposits(): Deposit[];
  messages(): InboxMessage[];
  stop(): Promise<void>;
}

declare global {
  interface Window {
    labVoicemail: LabVoicemailApi;
  }
}

const deposits: Deposit[] = [];
const inbox: InboxMessage[] = [];
let ua: UserAgent | null = null;

function record(invitation: Invitation, deposit: Deposit) {
  const sdh = invitation.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
  const pc = sdh?.peerConnection;
  const track = pc?.getReceivers().find((r) => r.track?.kind === 'audio')?.track;
  if (!track) return () => undefined;
  const stream = new MediaStream([track]);
  // Chromium feeds a remote WebRTC track to Web Audio only while a media element plays it.
  const sink = new Audio();
  sink.muted = true;
  sink.srcObject = stream;
  void sink.play().catch(() => undefined);
  const ctx = new AudioContext();
  void ctx.resume();
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 2048;
  ctx.createMediaStreamSource(stream).connect(analyser);
  const buf = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(buf);
    let sum = 0;
    for (const v of buf) sum += v * v;
    deposit.levels.push(Math.sqrt(sum / buf.length));
  }, 50);
  const recorder = new MediaRecorder(stream);
  recorder.ondataavailable = (e) => (deposit.recordedBytes += e.data.size);
  recorder.start(500);
  return () => {
    clearInterval(timer);
    if (recorder.state !== 'inactive') recorder.stop();
    sink.srcObject = null;
    void ctx.close();
  };
}

const api: LabVoicemailApi = {
  async start(o) {
    const uri = UserAgent.makeURI(`sip:${o.user}@${o.domain}`);
    if (!uri) throw new Error('bad user');
    ua = new UserAgent({
      uri,
      authorizationUsername: o.user,
      authorizationPassword: o.password,
      transportOptions: { server: o.wsUrl },
      sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] } },
      logBuiltinEnabled: false,
      delegate: {
        onMessage: (message) => {
          const req = message.request;
          inbox.push({
            from: req.from.uri.toString(),
            messageId: req.getHeader('X-Vaxel-Message-Id') ?? '',
            contentType: req.getHeader('Content-Type') ?? '',
            body: req.body ?? '',
            at: Date.now(),
          });
          void message.accept();
        },
        onInvite: (invitation) => {
          const req = invitation.request;
          const deposit: Deposit = {
            mailbox: req.to.uri.user ?? '',
            messageId: req.getHeader('X-Vaxel-Message-Id') ?? '',
            fromDisplayName: req.from.displayName ?? '',
            answeredAt: 0,
            endedAt: null,
            levels: [],
            recordedBytes: 0,
          };
          let stop = () => undefined as void;
          invitation.stateChange.addListener((s) => {
            if (s === SessionState.Established) {
              deposit.answeredAt = Date.now();
              deposits.push(deposit);
              stop = record(invitation, deposit);
            }
            if (s === SessionState.Terminated) {
              deposit.endedAt = Date.now();
              stop();
            }
          });
          void invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
        },
      },
    });
    await ua.start();
    const registerer = new Registerer(ua, { expires: 300 });
    const ok = await new Promise<boolean>((resolve) => {
      void registerer.register({
        requestDelegate: { onAccept: () => resolve(true), onReject: () => resolve(false) },
      });
      setTimeout(() => resolve(false), 15_000);
    });
    return { registered: ok };
  },
  deposits: () => deposits.map((d) => ({ ...d, levels: [...d.levels] })),
  messages: () => inbox.map((m) => ({ ...m })),
  async stop() {
    await ua?.stop();
    ua = null;
  },
};

window.labVoicemail = api;
