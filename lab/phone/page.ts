// Browser side of the lab phone: a minimal SIP.js 0.21.2 softphone exposing window.labPhone.
// Bundled by esbuild at run time (bundle.ts) and driven through Playwright (phone.ts).
import { Inviter, Publisher, Subscriber, Registerer, RegistererState, SessionState, SIPExtension, UserAgent, type Invitation, type Session } from 'sip.js';
import type { SessionDescriptionHandler } from 'sip.js/lib/platform/web/index.js';
import type { LabPhoneApi, PhoneSession, PhoneStartOptions, PhoneStats } from './api.js';

interface Rec {
  info: PhoneSession;
  session: Session;
  tInvite: number;
}

const recs = new Map<string, Rec>();
/** INFO requests received (DTMF relay), oldest first. */
const infos: { callId: string; contentType: string; body: string }[] = [];
/** NOTIFYs of subscribe()d subscriptions (presence, dialog), oldest first. */
const notifies: { target: string; event: string; subState: string; body: string; at: number }[] = [];
let current: Rec | null = null;
let ua: UserAgent | null = null;
let autoAnswer = false;
const audioOptions = { sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } };

/** When the newest WebSocket frame arrived (wall clock): benchmarks time NOTIFY frame -> handled. */
let frameAt = 0;
{
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', () => (frameAt = performance.timeOrigin + performance.now()));
    }
  } as typeof WebSocket;
}
/** NOTIFYs of watchMany() subscriptions, without bodies: frame, handler and the next frame's times. */
const watchLog: { target: string; event: string; state: string; frameAt: number; handledAt: number; paintedAt: number }[] = [];

const recOf = (id: string | null) => (id ? (recs.get(id) ?? null) : current);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function peerConnection(rec: Rec | null): RTCPeerConnection | null {
  const sdh = rec?.session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
  return sdh?.peerConnection ?? null;
}

function track(rec: Rec) {
  recs.set(rec.info.id, rec);
  current = rec;
  // Like a desk phone: record DTMF INFO, and follow a transfer (REFER) by calling its target.
  rec.session.delegate = {
    onInfo: (info) => {
      infos.push({ callId: rec.info.id, contentType: info.request.getHeader('Content-Type') ?? '', body: info.request.body ?? '' });
      void info.accept();
    },
    onRefer: (referral) => {
      void referral
        .accept()
        .then(() => {
          const inviter = referral.makeInviter(audioOptions);
          const req = inviter.request;
          const r2: Rec = {
            session: inviter,
            tInvite: performance.now(),
            info: {
              id: req.callId,
              dir: 'out',
              state: inviter.state,
              responses: [],
              from: req.from.uri.toString(),
              fromDisplayName: req.from.displayName ?? '',
              to: req.to.uri.toString(),
              requestUri: req.ruri.toString(),
              inviteToEstablishedMs: null,
            },
          };
          track(r2);
          return inviter.invite({
            requestDelegate: {
              onProgress: (r) => void r2.info.responses.push(r.message.statusCode ?? 0),
              onAccept: (r) => void r2.info.responses.push(r.message.statusCode ?? 0),
              onReject: (r) => void r2.info.responses.push(r.message.statusCode ?? 0),
            },
          });
        })
        .catch(() => undefined);
    },
  };
  rec.session.stateChange.addListener((st) => {
    rec.info.state = st;
    if (st === SessionState.Established) {
      rec.info.inviteToEstablishedMs = Math.round(performance.now() - rec.tInvite);
      // play the remote audio: Chromium only decodes (and counts audio energy) for played tracks
      const sdh = rec.session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
      if (sdh) {
        const el = document.createElement('audio');
        el.autoplay = true;
        el.srcObject = sdh.remoteMediaStream;
        document.body.appendChild(el);
        void el.play().catch(() => undefined);
      }
    }
  });
}

function onInvite(inv: Invitation) {
  const req = inv.request;
  const rec: Rec = {
    session: inv,
    tInvite: performance.now(),
    info: {
      id: req.callId,
      dir: 'in',
      state: inv.state,
      responses: [],
      from: inv.remoteIdentity.uri.toString(),
      fromDisplayName: inv.remoteIdentity.displayName ?? '',
      to: req.to.uri.toString(),
      requestUri: req.ruri?.toString() ?? '',
      inviteToEstablishedMs: null,
      replaces: req.getHeader('Replaces') ?? null,
      offeredAt: performance.timeOrigin + performance.now(),
    },
  };
  track(rec);
  // An INVITE with Replaces (attended transfer) takes over a call this phone already has: accept it
  // whatever autoAnswer says (SIP.js 0.21 matched it to the replaced session already, or answered
  // 481, and sends that session a BYE once this one is accepted).
  if (autoAnswer || inv.replacee || req.hasHeader('Replaces')) void inv.accept(audioOptions).catch(() => undefined);
}

const api: LabPhoneApi = {
  async start(o: PhoneStartOptions) {
    ua = new UserAgent({
      uri: UserAgent.makeURI(`sip:${o.user}@${o.domain}`),
      transportOptions: { server: o.wsUrl },
      authorizationUsername: o.authorizationUsername,
      authorizationPassword: o.password,
      displayName: o.displayName,
      logLevel: 'warn',
      // attended transfer sends INVITE with Replaces; SIP.js's default is Unsupported
      sipExtensionReplaces: SIPExtension.Supported,
      sessionDescriptionHandlerFactoryOptions: {
        // SIP.js defaults to a Google STUN server: never reachable (nor wanted) in the lab
        peerConnectionConfiguration: { iceServers: [] },
        iceGatheringTimeout: 500,
      },
      delegate: { onInvite },
    });
    await ua.start();
    if (!o.register) return { registered: false };
    const registerer = new Registerer(ua, { expires: 600 });
    const registered = new Promise<boolean>((resolve) => {
      registerer.stateChange.addListener((s) => {
        if (s === RegistererState.Registered) resolve(true);
        if (s === RegistererState.Unregistered || s === RegistererState.Terminated) resolve(false);
      });
    });
    await registerer.register({ requestDelegate: { onReject: () => undefined } });
    return { registered: await Promise.race([registered, sleep(5000).then(() => false)]) };
  },

  async call(target, extraHeaders = []) {
    if (!ua) throw new Error('phone not started');
    const uri = UserAgent.makeURI(target);
    if (!uri) throw new Error(`bad target ${target}`);
    const inviter = new Inviter(ua, uri, { extraHeaders, ...audioOptions });
    const req = inviter.request;
    const rec: Rec = {
      session: inviter,
      tInvite: performance.now(),
      info: {
        id: req.callId,
        dir: 'out',
        state: inviter.state,
        responses: [],
        from: req.from.uri.toString(),
        fromDisplayName: req.from.displayName ?? '',
        to: req.to.uri.toString(),
        requestUri: req.ruri.toString(),
        inviteToEstablishedMs: null,
      },
    };
    track(rec);
    await inviter.invite({
      requestDelegate: {
        onProgress: (r) => void rec.info.responses.push(r.message.statusCode ?? 0),
        onAccept: (r) => void rec.info.responses.push(r.message.statusCode ?? 0),
        onReject: (r) => void rec.info.responses.push(r.message.statusCode ?? 0),
      },
    });
    return rec.info.id;
  },

  async waitState(state, callId, timeoutMs) {
    const t0 = performance.now();
    while (performance.now() - t0 < timeoutMs) {
      const r = recOf(callId);
      if (r && r.info.state === state) return { ...r.info };
      await sleep(20);
    }
    return null;
  },

  async answer(callId) {
    const r = recOf(callId);
    if (!r || r.info.dir !== 'in') throw new Error(`no incoming call ${callId ?? '(current)'}`);
    await (r.session as Invitation).accept(audioOptions);
  },

  setAutoAnswer(on) {
    autoAnswer = on;
  },

  hold(on, callId) {
    const r = recOf(callId);
    if (!r) return Promise.reject(new Error(`no call ${callId ?? '(current)'}`));
    const s = r.session;
    // SIP.js hold only flips the SDP direction (sendonly / sendrecv) in a re-INVITE
    s.sessionDescriptionHandlerOptionsReInvite = { ...s.sessionDescriptionHandlerOptionsReInvite, hold: on } as typeof s.sessionDescriptionHandlerOptionsReInvite;
    return new Promise<void>((resolve, reject) => {
      s.invite({
        requestDelegate: {
          onAccept: () => resolve(),
          onReject: (resp) => reject(new Error(`re-INVITE rejected ${resp.message.statusCode ?? 0}`)),
        },
      }).catch(reject);
    });
  },

  async hangup(callId) {
    const r = recOf(callId);
    if (!r) return;
    const s = r.session;
    if (s.state === SessionState.Established) await s.bye();
    else if (s.state === SessionState.Initial || s.state === SessionState.Establishing) {
      if (r.info.dir === 'in') await (s as Invitation).reject();
      else await (s as Inviter).cancel();
    }
  },

  async stats(callId): Promise<PhoneStats | null> {
    const pc = peerConnection(recOf(callId));
    if (!pc) return null;
    const out: PhoneStats = { ice: pc.iceConnectionState, inboundBytes: 0, outboundBytes: 0, inboundPackets: 0, audioEnergy: 0, codec: null };
    let codecId: string | undefined;
    const report = await pc.getStats();
    report.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') {
        out.inboundBytes = s.bytesReceived ?? 0;
        out.inboundPackets = s.packetsReceived ?? 0;
        out.audioEnergy = s.totalAudioEnergy ?? 0;
        codecId = s.codecId;
      }
      if (s.type === 'outbound-rtp' && s.kind === 'audio') out.outboundBytes = s.bytesSent ?? 0;
    });
    report.forEach((s) => {
      if (s.id === codecId) out.codec = s.mimeType ?? null;
    });
    return out;
  },

  infos: () => infos.map((i) => ({ ...i })),

  async publish(body, target, event, contentType) {
    if (!ua) throw new Error('phone not started');
    const uri = target ? UserAgent.makeURI(target) : ua.configuration.uri;
    if (!uri) throw new Error(`bad target ${target}`);
    const publisher = new Publisher(ua, uri, event, { expires: 600, contentType, unpublishOnClose: false });
    // Publisher reports only its state: keep the final status of the PUBLISH
    let status = 0;
    const p = publisher as unknown as { receiveResponse(r: { statusCode?: number }): void };
    const original = p.receiveResponse.bind(publisher);
    p.receiveResponse = (r) => {
      const code = r.statusCode ?? 0;
      if (code >= 200 && code !== 401 && code !== 407) status = code;
      original(r);
    };
    await publisher.publish(body);
    for (let i = 0; i < 500 && !status; i++) await sleep(20);
    return status;
  },

  async subscribe(target, event, accept) {
    if (!ua) throw new Error('phone not started');
    const uri = UserAgent.makeURI(target);
    if (!uri) throw new Error(`bad target ${target}`);
    const sub = new Subscriber(ua, uri, event, { expires: 600, extraHeaders: [`Accept: ${accept}`] });
    sub.delegate = {
      onNotify: (n) => {
        notifies.push({ target, event, subState: n.request.getHeader('Subscription-State') ?? '', body: n.request.body ?? '', at: performance.timeOrigin + performance.now() });
        void n.accept();
      },
    };
    await sub.subscribe();
  },

  watchMany(targets, events, windowSize, timeoutMs) {
    const u = ua;
    if (!u) throw new Error('phone not started');
    const now = () => performance.timeOrigin + performance.now();
    const t0 = now();
    const queue = events.flatMap((event) => targets.map((target) => ({ target, event }))); // event by event, like the console
    let inFlight = 0;
    let pending = queue.length;
    let failed = 0;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ ms: now() - t0, failed, unanswered: pending }), timeoutMs);
      const settle = () => {
        inFlight--;
        if (--pending === 0) {
          clearTimeout(timer);
          resolve({ ms: now() - t0, failed, unanswered: 0 });
        }
        next();
      };
      const next = () => {
        while (inFlight < windowSize && queue.length) {
          const { target, event } = queue.shift()!;
          inFlight++;
          const uri = UserAgent.makeURI(target);
          if (!uri) {
            failed++;
            settle();
            continue;
          }
          const accept = event === 'dialog' ? 'application/dialog-info+xml' : 'application/pidf+xml';
          const sub = new Subscriber(u, uri, event, { expires: 600, extraHeaders: [`Accept: ${accept}`] });
          let first = true;
          sub.delegate = {
            onNotify: (n) => {
              const rec = { target, event, state: /<(?:\w+:)?state\b[^>]*>\s*([\w-]+)/i.exec(n.request.body ?? '')?.[1] ?? '', frameAt, handledAt: now(), paintedAt: 0 };
              void n.accept();
              watchLog.push(rec);
              requestAnimationFrame(() => (rec.paintedAt = now()));
              if (first) {
                first = false;
                settle();
              }
            },
          };
          sub.stateChange.addListener((st) => {
            if (st === 'Terminated' && first) {
              first = false;
              failed++;
              settle();
            }
          });
          sub.subscribe().catch(() => undefined);
        }
      };
      next();
    });
  },

  watchLog: (since) => watchLog.slice(since).map((n) => ({ ...n })),

  notifies: () => notifies.map((n) => ({ ...n })),

  sessions: () => [...recs.values()].map((r) => ({ ...r.info, responses: [...r.info.responses] })),

  async stop() {
    await ua?.stop();
  },
};

window.labPhone = api;
