// Node-side driver of one lab phone: a Chromium browser context running page.ts (SIP.js).
//   const phone = await openPhone(browser, { username: '2001', password });
//   const phone = await openPhone(browser, { gateway: true, callerNumber: '+46701234567' });
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadLabManifest, type LabManifest } from '../manifest.js';
import type { PhoneSession, PhoneStats, WatchedNotify } from './api.js';
import { phonePageServer } from './server.js';

export type { PhoneSession, PhoneStats, WatchedNotify } from './api.js';

export interface PhoneAccount {
  username: string;
  password: string;
  displayName?: string;
}

/** The simulated PSTN trunk: authenticates as the manifest's gateway, asserts callerNumber in From. */
export interface GatewayCaller {
  gateway: true;
  callerNumber: string;
  displayName?: string;
}

export interface OpenPhoneOptions {
  manifest?: LabManifest;
  /** Register (to receive calls). Default: true for accounts, false for the gateway. */
  register?: boolean;
  autoAnswer?: boolean;
  /** Where the page bundle goes (first phone of the process only). */
  runDir?: string;
  name?: string;
}

export class LabPhone {
  constructor(
    readonly name: string,
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly domain: string,
  ) {}

  /** A bare user ("2001", "+4651257000") becomes sip:user@domain. */
  targetUri(target: string): string {
    return target.startsWith('sip:') ? target : `sip:${target}@${this.domain}`;
  }

  call(target: string, extraHeaders: string[] = []): Promise<string> {
    return this.page.evaluate(([t, h]) => window.labPhone.call(t, h), [this.targetUri(target), extraHeaders] as const);
  }

  /** Resolves with the session once it reaches state (SIP.js SessionState); throws on timeout. */
  async waitState(state: 'Initial' | 'Establishing' | 'Established' | 'Terminating' | 'Terminated', callId?: string, timeoutMs = 10000): Promise<PhoneSession> {
    const s = await this.page.evaluate(([st, id, t]) => window.labPhone.waitState(st, id, t), [state, callId ?? null, timeoutMs] as const);
    if (!s) {
      const now = await this.sessions();
      throw new Error(`${this.name}: no call ${callId ?? '(current)'} reached ${state} in ${timeoutMs} ms; sessions: ${JSON.stringify(now)}`);
    }
    return s;
  }

  answer(callId?: string): Promise<void> {
    return this.page.evaluate((id) => window.labPhone.answer(id), callId ?? null);
  }

  setAutoAnswer(on: boolean): Promise<void> {
    return this.page.evaluate((v) => window.labPhone.setAutoAnswer(v), on);
  }

  /** Hold (true) or resume (false) the call with a re-INVITE; resolves when the peer accepted it. */
  hold(on: boolean, callId?: string): Promise<void> {
    return this.page.evaluate(([v, id]) => window.labPhone.hold(v, id), [on, callId ?? null] as const);
  }

  hangup(callId?: string): Promise<void> {
    return this.page.evaluate((id) => window.labPhone.hangup(id), callId ?? null);
  }

  stats(callId?: string): Promise<PhoneStats | null> {
    return this.page.evaluate((id) => window.labPhone.stats(id), callId ?? null);
  }

  /** INFO requests this phone received (DTMF relay), oldest first. */
  infos(): Promise<{ callId: string; contentType: string; body: string }[]> {
    return this.page.evaluate(() => window.labPhone.infos());
  }

  /** PUBLISH presence (PIDF) for this account, or for target (another user: only operators may); resolves with the final status. */
  publish(body: string, target?: string, event = 'presence', contentType = 'application/pidf+xml'): Promise<number> {
    return this.page.evaluate(([b, t, e, c]) => window.labPhone.publish(b, t, e, c), [body, target ? this.targetUri(target) : null, event, contentType] as const);
  }

  /** SUBSCRIBE to a user's presence or dialog event; read what arrives with notifies(). */
  subscribe(target: string, event: 'presence' | 'dialog' = 'presence'): Promise<void> {
    const accept = event === 'presence' ? 'application/pidf+xml' : 'application/dialog-info+xml';
    return this.page.evaluate(([t, e, a]) => window.labPhone.subscribe(t, e, a), [this.targetUri(target), event, accept] as const);
  }

  /** Benchmarks: watches every target's events with a window of windowSize (see api.ts). */
  watchMany(targets: string[], events: ('dialog' | 'presence')[], windowSize = 32, timeoutMs = 120000): Promise<{ ms: number; failed: number; unanswered: number }> {
    return this.page.evaluate(([t, e, w, ms]) => window.labPhone.watchMany(t, e, w, ms), [targets.map((x) => this.targetUri(x)), events, windowSize, timeoutMs] as const);
  }

  watchLog(since = 0): Promise<WatchedNotify[]> {
    return this.page.evaluate((n) => window.labPhone.watchLog(n), since);
  }

  notifies(): Promise<{ target: string; event: string; subState: string; body: string; at: number }[]> {
    return this.page.evaluate(() => window.labPhone.notifies());
  }

  sessions(): Promise<PhoneSession[]> {
    return this.page.evaluate(() => window.labPhone.sessions());
  }

  async close(): Promise<void> {
    await this.page.evaluate(() => window.labPhone.stop()).catch(() => undefined);
    await this.context.close();
  }
}

export async function openPhone(browser: Browser, who: PhoneAccount | GatewayCaller, opts: OpenPhoneOptions = {}): Promise<LabPhone> {
  const m = opts.manifest ?? loadLabManifest();
  const isGateway = 'gateway' in who;
  const start = {
    wsUrl: m.wsUrl,
    domain: m.sipDomain,
    user: isGateway ? who.callerNumber : who.username,
    authorizationUsername: isGateway ? m.gateway.username : who.username,
    password: isGateway ? m.gateway.password : who.password,
    displayName: who.displayName ?? (isGateway ? who.callerNumber : who.username),
    register: opts.register ?? !isGateway,
  };
  const server = await phonePageServer(opts.runDir);
  const context = await browser.newContext(); // own profile: phones share no state
  const page = await context.newPage();
  const name = opts.name ?? start.user;
  page.on('pageerror', (e) => console.error(`[phone ${name}] ${e.message}`));
  await page.goto(server.url);
  const phone = new LabPhone(name, page, context, m.sipDomain);
  if (opts.autoAnswer) await phone.setAutoAnswer(true);
  const r = await page.evaluate((o) => window.labPhone.start(o), start);
  if (start.register && !r.registered) {
    await phone.close();
    throw new Error(`phone ${name}: REGISTER as ${start.authorizationUsername} failed (wrong password, or Kamailio not reachable at ${m.wsUrl}?)`);
  }
  return phone;
}
