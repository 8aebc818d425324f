// The renderer's delivery agent for the message pad. SIP MESSAGE and the voice deposit need a SIP
// stack, and the console's lives here; the outbox lives in main. The agent takes one due job at a
// time from main (messageClaimJob: main records the attempt and leases it before handing it out),
// performs it, and reports the outcome under that lease. A report that never arrives (the console
// closed, the network dropped) lets the lease expire; main then resolves the job per channel.
//
// It sends on the console's registered UserAgent (one WebSocket for all SIP traffic, behind the
// message guard; it used to open a second, unguarded one): MESSAGE and the deposit INVITE leave
// from the registered connection, and answers come back on it. Deliveries still never touch the
// operator's calls: the softphone only tracks calls it made or was offered, so a deposit call has
// no entry in the calls store, no hold, no ring; its audio is the synthesised speech, never the
// operator's microphone (local-stream.ts).
// P-SECRECY: reports are codes and counts only.
import { Inviter, Messager, SessionState, TransportState, UserAgent, type Session } from 'sip.js';
import type { StoreApi } from 'zustand/vanilla';
import { MESSAGE_ID_HEADER, type MessageJob, type MessageJobReport } from '../../../common/messages/model';
import type { Settings } from '../../../common/settings/schema';
import type { RegistrationStoreState, ReportLog } from '../../sip';
import { RegistrationState } from '../../sip';
import { withLocalStream } from '../../sip/local-stream';

export interface AgentApi {
  messageClaimJob(input: { channels: ('voice' | 'sip' | 'email')[] }): Promise<MessageJob | null>;
  messageReportJob(input: MessageJobReport): Promise<boolean>;
  messageNudge(): Promise<number>;
}

export interface DeliveryAgentOptions {
  settings: Settings;
  api: AgentApi;
  log: ReportLog;
  registration: StoreApi<RegistrationStoreState>;
  /** The softphone's registered UserAgent: the listener gets the current one now and every new one (or null). */
  onUserAgent: (listener: (ua: UserAgent | null) => void) => () => void;
  /** Idle poll; default 2 s. */
  pollMs?: number;
  /** Wait after the voicemail answers before speaking (its greeting or beep); default 1 s. */
  greetingDelayMs?: number;
}

export interface DeliveryAgent {
  /** Look for work now (after a send, or when the network came back). */
  wake(): void;
  stop(): Promise<void>;
}

type Result = { outcome: MessageJobReport['outcome']; code: string };

const PERMANENT = new Set([400, 403, 404, 405, 406, 410, 415, 416, 420, 484, 488, 604, 606]);
const statusResult = (code: number, okCode: 'sent' | 'delivered'): Result =>
  code >= 200 && code < 300 ? { outcome: code === 202 ? 'sent' : okCode, code: `sip-${code}` } : { outcome: PERMANENT.has(code) ? 'failed' : 'retry', code: `sip-${code || 0}` };

const errName = (e: unknown) =>
  (e instanceof Error ? e.name : 'unknown')
    .replace(/[^A-Za-z0-9.-]/g, '')
    .slice(0, 40)
    .toLowerCase() || 'unknown';

export function startDeliveryAgent(options: DeliveryAgentOptions): DeliveryAgent {
  const { settings, api, log } = options;
  const account = settings.accounts[0];
  const pollMs = options.pollMs ?? 2000;
  const greetingDelay = options.greetingDelayMs ?? 1000;
  let stopped = false;
  let running = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ua: UserAgent | null = null;
  const offUserAgent = options.onUserAgent((next) => {
    ua = next;
  });

  /** The registered UserAgent while its WebSocket is up; null otherwise (the job waits in main). */
  const connect = (): UserAgent | null => {
    if (!account || !ua) return null;
    return ua.transport.state === TransportState.Connected ? ua : null;
  };

  const sendMessage = (agent: UserAgent, job: MessageJob): Promise<Result> =>
    new Promise<Result>((resolve) => {
      const target = UserAgent.makeURI(job.target);
      if (!target) return resolve({ outcome: 'failed', code: 'bad-target' });
      const timeout = setTimeout(() => resolve({ outcome: 'retry', code: 'sip-timeout' }), 40_000);
      const done = (r: Result) => {
        clearTimeout(timeout);
        resolve(r);
      };
      const messager = new Messager(agent, target, job.body, 'text/plain;charset=utf-8', {
        extraHeaders: [`${MESSAGE_ID_HEADER}: ${job.messageId}`],
        params: { fromDisplayName: job.fromDisplayName },
      });
      messager
        .message({
          requestDelegate: {
            onAccept: (r) => done(statusResult(r.message.statusCode ?? 200, 'delivered')),
            onReject: (r) => done(statusResult(r.message.statusCode ?? 0, 'delivered')),
          },
        })
        .catch((error: unknown) => done({ outcome: 'retry', code: `send-${errName(error)}`.slice(0, 48) }));
    });

  const deposit = async (agent: UserAgent, job: MessageJob): Promise<Result> => {
    const target = UserAgent.makeURI(job.target);
    if (!target || !job.speech) return { outcome: 'failed', code: 'bad-target' };
    const bytes = Uint8Array.from(atob(job.speech.mulawBase64), (c) => c.charCodeAt(0));
    const ctx = new AudioContext();
    const buffer = ctx.createBuffer(1, Math.max(1, bytes.length), job.speech.sampleRate);
    buffer.copyToChannel(decodeMulaw(bytes), 0);
    const dest = ctx.createMediaStreamDestination();
    const session: Session = new Inviter(agent, target, {
      params: { fromDisplayName: job.fromDisplayName },
      extraHeaders: [`${MESSAGE_ID_HEADER}: ${job.messageId}`],
      sessionDescriptionHandlerOptions: withLocalStream({ constraints: { audio: true, video: false } }, dest.stream),
    });
    try {
      return await new Promise<Result>((resolve) => {
        let answered = false;
        let finished = false;
        const ringTimeout = setTimeout(() => {
          if (!answered) {
            void (session as Inviter).cancel().catch(() => undefined);
            resolve({ outcome: 'retry', code: 'no-answer' });
          }
        }, 60_000);
        session.stateChange.addListener((state) => {
          if (state === SessionState.Established && !answered) {
            answered = true;
            clearTimeout(ringTimeout);
            void api.messageReportJob({ deliveryId: job.deliveryId, leaseToken: job.leaseToken, outcome: 'answered', code: 'answered' }).catch(() => undefined);
            setTimeout(() => {
              if (session.state !== SessionState.Established) return;
              void ctx.resume().then(() => {
                const source = ctx.createBufferSource();
                source.buffer = buffer;
                source.connect(dest);
                source.onended = () =>
                  setTimeout(() => {
                    finished = true;
                    if (session.state === SessionState.Established) void session.bye().catch(() => undefined);
                    resolve({ outcome: 'delivered', code: 'played' });
                  }, 600);
                source.start();
              });
            }, greetingDelay);
          }
          if (state === SessionState.Terminated) {
            clearTimeout(ringTimeout);
            // Hung up by the voicemail before the message was played to the end.
            if (answered && !finished) resolve({ outcome: 'failed', code: 'cut-off' });
          }
        });
        (session as Inviter)
          .invite({
            requestDelegate: {
              onReject: (r) => {
                clearTimeout(ringTimeout);
                resolve(statusResult(r.message.statusCode ?? 0, 'delivered'));
              },
            },
          })
          .catch((error: unknown) => {
            clearTimeout(ringTimeout);
            resolve({ outcome: 'retry', code: `invite-${errName(error)}`.slice(0, 48) });
          });
      });
    } finally {
      dest.stream.getTracks().forEach((t) => t.stop());
      void ctx.close().catch(() => undefined);
    }
  };

  const report = async (job: MessageJob, result: Result) => {
    for (let i = 0; i < 5 && !stopped; i++) {
      try {
        await api.messageReportJob({ deliveryId: job.deliveryId, leaseToken: job.leaseToken, outcome: result.outcome, code: result.code });
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 1000 * (i + 1)));
      }
    }
    log({ level: 'warn', code: 'messages.report-lost', detail: { channel: job.channel } });
  };

  const pump = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        while (!stopped) {
          if (options.registration.getState().state !== RegistrationState.Registered) break; // offline: keep it queued in main
          const agent = connect();
          if (!agent) break;
          let job: MessageJob | null = null;
          try {
            job = await api.messageClaimJob({ channels: ['sip', 'voice'] });
          } catch {
            break;
          }
          if (!job) break;
          let result: Result;
          try {
            result = job.channel === 'sip' ? await sendMessage(agent, job) : await deposit(agent, job);
          } catch (error) {
            result = { outcome: 'retry', code: `agent-${errName(error)}`.slice(0, 48) };
          }
          log({ level: 'info', code: 'messages.job-done', detail: { channel: job.channel, outcome: result.outcome, reason: result.code } });
          await report(job, result);
        }
      } while (again && !stopped);
    } finally {
      running = false;
    }
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void pump().finally(schedule);
    }, pollMs);
  };
  schedule();

  // Registered again (network back, failover): everything queued is due now, in main too (e-mail).
  let wasRegistered = options.registration.getState().state === RegistrationState.Registered;
  const offRegistration = options.registration.subscribe((s) => {
    const now = s.state === RegistrationState.Registered;
    if (now && !wasRegistered) {
      void api.messageNudge().catch(() => undefined);
      void pump();
    }
    wasRegistered = now;
  });
  const onOnline = () => void api.messageNudge().catch(() => undefined);
  window.addEventListener('online', onOnline);

  return {
    wake: () => void pump(),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      offRegistration();
      offUserAgent();
      window.removeEventListener('online', onOnline);
      ua = null; // the softphone's, not ours to stop
    },
  };
}

export function decodeMulaw(bytes: Uint8Array): Float32Array<ArrayBuffer> {
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const u = ~bytes[i]! & 0xff;
    const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
    out[i] = (u & 0x80 ? 0x84 - t : t - 0x84) / 32768;
  }
  return out;
}
