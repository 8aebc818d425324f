// Busy lamps (RFC 4235 dialog event) and absence codes (presence event, PIDF + RPID) for the
// extensions that matter, over the softphone's UserAgent.
// - Interest is per owner ("favourites", "results", "card", "unit:<id>"); the union is watched.
//   Search results are kept in a bounded LRU (RESULTS_LRU) so scrolling back is instant while the
//   number of subscriptions stays bounded.
// - Subscriptions are paced: at most MAX_IN_FLIGHT SUBSCRIBEs wait for their first NOTIFY at a
//   time (a window, not a fixed rate: 2,000 extensions go as fast as the server answers).
// - NOTIFYs of one subscription are applied in dialog-info version order; a 408/481 or a
//   terminated NOTIFY re-subscribes after a short, growing delay.
// - The registration manager re-creates the UserAgent on every reconnect: when the UserAgent goes
//   (or the transport is not connected) every lamp turns "unknown" at once and absences become
//   last-known; when a new one is connected everything is subscribed again.
// - Where the PBX serves resource lists (RFC 4662), ./list-mode subscribes to a few list URIs and
//   the extensions they name get no subscription of their own; bodies of both kinds are parsed
//   off the page (./body-parser: a Web Worker), only lamp changes come back.
// Longer than ~400 lines: the per-extension subscriptions and the PUBLISH of absences share the
// UserAgent hand-over and the connection watch; the list mode and parsing live in their own files.
import { Publisher, PublisherState, Subscriber, SubscriptionState, UserAgent, type Subscription } from 'sip.js';
import type { StoreApi } from 'zustand/vanilla';
import { buildPidf, pickupRoute, staleReason, VersionGate, type Absence, type DialogRef, type ParseResult, type PickupRoute, type StaleReason } from '../../../common/presence';
import { backoffDelay, type BackoffPolicy } from '../../../common/backoff';
import type { ReportLog } from '../log';
import { selectConnected, type RegistrationStoreState } from '../registration/registration-store';
import { inlineParser, workerParser, type BodyParser } from './body-parser';
import { CachedCredentials, subscribeMessageOf } from './cached-credentials';
import { ListMode, type ListSettings } from './list-mode';
import { createPresenceStore, type PresenceStore } from './presence-store';

export const MAX_IN_FLIGHT = 64;
export const RESULTS_LRU = 200;
const EXPIRES_S = 600;
/** Re-SUBSCRIBE after a failure: 1 s, 2 s … 30 s, each ±25 % (= 1.25 × that, scaled by [0.6, 1)). */
const RESUBSCRIBE_BACKOFF: BackoffPolicy = { baseMs: 1250, maxMs: 37500, jitterFloor: 0.6 };
const PUBLISH_EXPIRES_S = 3600;

type EventKind = 'dialog' | 'presence';
const ACCEPT: Record<EventKind, string> = { dialog: 'application/dialog-info+xml', presence: 'application/pidf+xml' };

interface Sub {
  readonly ext: string;
  readonly event: EventKind;
  subscriber: Subscriber | null;
  gate: VersionGate;
  waiting: boolean;
  failures: number;
  /** The stale reason last raised for this subscription's absence (the store applies per frame). */
  stale: StaleReason | null;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export type PublishResult = 'ok' | 'refused' | 'failed' | 'offline';

export interface PresenceManagerDeps {
  /** The registration store: watched while its transport is connected (selectConnected). */
  readonly registration: StoreApi<RegistrationStoreState>;
  readonly log: ReportLog;
  readonly domain: () => string | null;
  readonly now?: () => number;
  /** Where bodies are parsed; default a Web Worker where one can run, else inline. */
  readonly parser?: BodyParser;
}

/** What the settings say about presence: watched from start, and how to pick up. */
export interface PresenceConfig {
  readonly favourites: readonly string[];
  readonly pickupPrefix: string;
  readonly internalNumberPattern: string;
  /** Resource lists (settings.presenceLists); default: ask for rl-all. */
  readonly lists?: Partial<ListSettings>;
}

export class PresenceManager {
  readonly store: PresenceStore = createPresenceStore();
  private readonly deps: PresenceManagerDeps;
  private readonly now: () => number;
  private ua: UserAgent | null = null;
  private readonly interests = new Map<string, Set<string>>();
  private readonly recentResults: string[] = [];
  private readonly subs = new Map<string, Sub>();
  private queue: string[] = [];
  private inFlight = 0;
  private readonly publishers = new Map<string, Publisher>();
  private readonly unsubscribeConnection: () => void;
  private config: PresenceConfig = { favourites: [], pickupPrefix: '', internalNumberPattern: '^[1-9][0-9]{3}$' };
  private readonly parser: BodyParser;
  readonly lists: ListMode;
  /** The stale reason last raised per extension for absences that came through a list. */
  private readonly listStale = new Map<string, StaleReason | null>();

  constructor(deps: PresenceManagerDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
    this.parser = deps.parser ?? (typeof window === 'object' ? workerParser((code) => deps.log({ level: 'warn', code })) : inlineParser());
    this.lists = new ListMode({
      store: this.store,
      parser: this.parser,
      log: deps.log,
      now: this.now,
      domain: deps.domain,
      applyAbsence: (ext, absence) => this.applyAbsence(ext, absence, this.listStale),
      changed: () => this.requeue(),
    });
    this.unsubscribeConnection = deps.registration.subscribe((s, prev) => {
      const connected = selectConnected(s);
      if (connected === selectConnected(prev)) return;
      if (connected) this.resubscribeAll();
      else {
        this.lists.stop();
        this.allUnknown();
      }
    });
  }

  /** The softphone's current UserAgent (null while disconnected). */
  setUserAgent(ua: UserAgent | null): void {
    if (ua === this.ua) return;
    this.lists.stop();
    this.dropSubscriptions();
    this.ua = ua;
    this.allUnknown();
    if (ua && this.connected()) this.resubscribeAll();
  }

  /** The settings' favourites (watched at once, owner "favourites") and pick-up prefix. */
  configure(config: Partial<PresenceConfig>): void {
    this.config = {
      favourites: [...new Set(config.favourites ?? [])],
      pickupPrefix: config.pickupPrefix ?? '',
      internalNumberPattern: config.internalNumberPattern ?? this.config.internalNumberPattern,
      lists: config.lists ?? this.config.lists,
    };
    this.lists.configure(this.config.lists);
    this.watch('favourites', this.config.favourites);
  }

  get favourites(): readonly string[] {
    return this.config.favourites;
  }

  /** P-PICKUP: Replaces for a caller on the PBX, the configured prefix for anyone else. */
  pickupRoute(ext: string, dialog: DialogRef | null): PickupRoute {
    return pickupRoute(ext, dialog, { domain: this.deps.domain() ?? '', internalPattern: this.config.internalNumberPattern, prefix: this.config.pickupPrefix });
  }

  private readonly staleListeners = new Set<(ext: string, reason: StaleReason) => void>();

  /** Called when a NOTIFY brings an absence that is already stale; returns the removal. */
  onStale(listener: (ext: string, reason: StaleReason) => void): () => void {
    this.staleListeners.add(listener);
    return () => this.staleListeners.delete(listener);
  }

  /** Replaces what one owner wants watched. */
  watch(owner: string, extensions: Iterable<string>): void {
    const set = new Set([...extensions].filter((e) => /^[0-9A-Za-z+_.-]{1,40}$/.test(e)));
    if (set.size) this.interests.set(owner, set);
    else this.interests.delete(owner);
    this.reconcile();
  }

  /** Visible search results: watched now and kept in a bounded LRU after they scroll away. */
  watchVisible(extensions: readonly string[]): void {
    for (const e of extensions) {
      const i = this.recentResults.indexOf(e);
      if (i >= 0) this.recentResults.splice(i, 1);
      this.recentResults.push(e);
    }
    if (this.recentResults.length > RESULTS_LRU) this.recentResults.splice(0, this.recentResults.length - RESULTS_LRU);
    this.watch('results', this.recentResults);
  }

  /** How many subscriptions exist and how many still wait for their first NOTIFY. */
  counts(): { watched: number; subscriptions: number; waiting: number; queued: number; perExtension: number; lists: number } {
    let waiting = 0;
    let perExtension = 0;
    for (const s of this.subs.values()) {
      if (s.waiting) waiting++;
      if (s.subscriber) perExtension++;
    }
    return { watched: this.wanted().size, subscriptions: this.subs.size, waiting, queued: this.queue.length, perExtension, lists: this.lists.state.getState().listSubscriptions };
  }

  dispose(): void {
    this.unsubscribeConnection();
    this.lists.dispose();
    this.parser.dispose();
    this.interests.clear();
    this.reconcile();
    for (const p of this.publishers.values()) void p.dispose().catch(() => undefined);
    this.publishers.clear();
  }

  /**
   * Codes (or clears, with null) an absence for an employee by PUBLISH (P-RECODE). Only operator
   * accounts may do it for others: the PBX answers 403 otherwise ('refused').
   */
  async publishAbsence(ext: string, absence: Absence | null): Promise<PublishResult> {
    const ua = this.ua;
    const uri = this.uriOf(ext);
    if (!ua || !uri || !this.connected()) return 'offline';
    let publisher = this.publishers.get(ext);
    if (!publisher || publisher.state === PublisherState.Terminated) {
      publisher = new Publisher(ua, uri, 'presence', { expires: PUBLISH_EXPIRES_S, contentType: 'application/pidf+xml', unpublishOnClose: false });
      this.publishers.set(ext, publisher);
    }
    const p = publisher;
    // SIP.js's Publisher reports only its state; keep the final status of this request.
    let status = 0;
    const internal = p as unknown as { receiveResponse(r: { statusCode?: number }): void };
    const original = internal.receiveResponse.bind(p);
    internal.receiveResponse = (r) => {
      if ((r.statusCode ?? 0) >= 200) status = r.statusCode ?? 0;
      original(r);
    };
    const body = buildPidf(uri.toString(), absence, { now: this.now(), id: `op-${ext}` });
    const done = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (status >= 200 && status !== 401 && status !== 407) {
          clearInterval(check);
          resolve();
        }
      }, 20);
      setTimeout(() => {
        clearInterval(check);
        resolve();
      }, 10000);
    });
    try {
      await p.publish(body);
    } catch (error) {
      this.deps.log({ level: 'error', code: 'presence.publish-failed', detail: { error: String((error as Error).name) } });
      return 'failed';
    }
    await done;
    internal.receiveResponse = original;
    this.deps.log({ level: 'info', code: 'presence.published', detail: { status } });
    if (status >= 200 && status < 300) return 'ok';
    if (status === 403) {
      this.publishers.delete(ext);
      return 'refused';
    }
    return 'failed';
  }

  // ---- internals ---------------------------------------------------------------------------

  private uriOf(ext: string) {
    const domain = this.deps.domain();
    return domain ? UserAgent.makeURI(`sip:${ext}@${domain}`) : undefined;
  }

  private wanted(): Set<string> {
    const all = new Set<string>();
    for (const set of this.interests.values()) for (const e of set) all.add(e);
    return all;
  }

  private reconcile(): void {
    const wanted = this.wanted();
    for (const [key, sub] of this.subs) {
      if (wanted.has(sub.ext)) continue;
      this.endSub(sub, true);
      this.subs.delete(key);
    }
    this.queue = this.queue.filter((k) => this.subs.has(k));
    // every busy lamp first, then the absences: with 2,000 watched, lamps are known in half the time
    for (const event of ['dialog', 'presence'] as const) {
      for (const ext of wanted) {
        const key = `${event}:${ext}`;
        if (this.subs.has(key)) continue;
        this.subs.set(key, { ext, event, subscriber: null, gate: new VersionGate(), waiting: false, failures: 0, timer: undefined, stale: null });
        this.queue.push(key);
      }
    }
    this.pump();
  }

  private endSub(sub: Sub, politely: boolean): void {
    clearTimeout(sub.timer);
    sub.timer = undefined;
    if (sub.waiting) this.inFlight--;
    sub.waiting = false;
    const s = sub.subscriber;
    sub.subscriber = null;
    if (s) {
      s.delegate = undefined;
      // un-SUBSCRIBE; a subscription of a UserAgent that is gone is disposed by its ua.stop()
      if (politely) void s.dispose().catch(() => undefined);
    }
  }

  private dropSubscriptions(): void {
    for (const sub of this.subs.values()) this.endSub(sub, false);
    this.queue = [];
    this.inFlight = 0;
    for (const p of this.publishers.values()) void p.dispose().catch(() => undefined);
    this.publishers.clear();
  }

  private resubscribeAll(): void {
    if (!this.ua) return;
    this.lists.start(this.ua);
    for (const sub of this.subs.values()) this.endSub(sub, false);
    this.inFlight = 0;
    this.queue = [...this.subs.keys()].sort((a, b) => Number(b.startsWith('dialog:')) - Number(a.startsWith('dialog:')));
    this.pump();
  }

  private allUnknown(): void {
    for (const sub of this.subs.values()) {
      if (sub.event === 'dialog') this.store.patch(sub.ext, { lamp: 'unknown', dialog: null, lampAt: this.now() });
      else this.store.patch(sub.ext, { absenceLive: false });
    }
    // and every lamp a list showed, watched or not
    for (const [ext, entry] of this.store.all()) if (entry.lamp !== 'unknown' || entry.absenceLive) this.store.patch(ext, { lamp: 'unknown', dialog: null, lampAt: this.now(), absenceLive: false });
  }

  /** The list mode changed what it covers: every subscription not running is queued again. */
  private requeue(): void {
    this.queue = [...this.subs.entries()]
      .filter(([, s]) => !s.subscriber && !s.timer)
      .map(([k]) => k)
      .sort((a, b) => Number(b.startsWith('dialog:')) - Number(a.startsWith('dialog:')));
    this.pump();
  }

  private pump(): void {
    const ua = this.ua;
    // per-extension subscriptions wait while the list mode finds out what the PBX serves
    if (!ua || !this.connected() || !this.lists.ready()) return;
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length) {
      const key = this.queue.shift()!;
      const sub = this.subs.get(key);
      if (!sub || sub.subscriber) continue;
      if (this.lists.covers(sub.event, sub.ext)) continue; // the list shows it
      this.start(ua, sub);
    }
  }

  private start(ua: UserAgent, sub: Sub): void {
    const uri = this.uriOf(sub.ext);
    if (!uri) return;
    const subscriber = new Subscriber(ua, uri, sub.event, { expires: EXPIRES_S, extraHeaders: [`Accept: ${ACCEPT[sub.event]}`] });
    sub.subscriber = subscriber;
    sub.gate = new VersionGate();
    sub.waiting = true;
    this.inFlight++;
    subscriber.delegate = {
      onNotify: (notification) => {
        void notification.accept().catch(() => undefined);
        if (sub.subscriber !== subscriber) return;
        this.settle(sub);
        sub.failures = 0;
        this.onBody(sub, notification.request.body ?? '');
      },
    };
    subscriber.stateChange.addListener((state) => {
      if (state !== SubscriptionState.Terminated || sub.subscriber !== subscriber) return;
      // 408/481, a terminated NOTIFY, or a refresh that failed: subscribe again, a little later.
      this.settle(sub);
      sub.subscriber = null;
      if (sub.event === 'dialog') this.store.patch(sub.ext, { lamp: 'unknown', dialog: null, lampAt: this.now() });
      else this.store.patch(sub.ext, { absenceLive: false });
      if (this.subs.get(`${sub.event}:${sub.ext}`) !== sub) return;
      sub.failures++;
      const delay = backoffDelay(sub.failures, RESUBSCRIBE_BACKOFF);
      sub.timer = setTimeout(() => {
        sub.timer = undefined;
        if (this.subs.get(`${sub.event}:${sub.ext}`) !== sub || sub.subscriber) return;
        this.queue.push(`${sub.event}:${sub.ext}`);
        this.pump();
      }, delay);
    });
    // the credentials of an earlier SUBSCRIBE, so this one needs no 407 round trip
    const message = subscribeMessageOf(subscriber);
    if (message) CachedCredentials.of(ua).authorize(message);
    subscriber.subscribe().catch(() => undefined);
  }

  /** The transport to the SIP server is up (the registration store says so). */
  private connected(): boolean {
    return selectConnected(this.deps.registration.getState());
  }

  private settle(sub: Sub): void {
    if (!sub.waiting) return;
    sub.waiting = false;
    this.inFlight--;
    this.pump();
  }

  private onBody(sub: Sub, body: string): void {
    const current = sub.subscriber;
    this.parser.submit({ key: `${sub.event}:${sub.ext}`, event: sub.event, kind: 'single', contentType: '', body }, (r) => {
      if (sub.subscriber !== current) return;
      this.applySingle(sub, r);
    });
  }

  private applySingle(sub: Sub, r: ParseResult): void {
    // a body the XML reader rejects changes nothing shown; the log gets the reason code only
    if (r.rejected) {
      this.deps.log({ level: 'warn', code: 'presence.body-rejected', detail: { event: sub.event, reason: r.rejected } });
      return;
    }
    const c = r.changes[0];
    if (!c) return;
    if (c.event === 'dialog') {
      if (!sub.gate.accept(c.version)) return;
      this.store.patch(sub.ext, { lamp: c.lamp, dialog: c.dialog, lampAt: this.now() });
      return;
    }
    if (c.absence !== undefined) this.applyAbsence(sub.ext, c.absence, sub);
  }

  /** An absence heard (null: available); a stale one is announced once, when it arrives stale. */
  private applyAbsence(ext: string, absence: Absence | null, holder: { stale: StaleReason | null } | Map<string, StaleReason | null>): void {
    const now = this.now();
    const stale = absence ? staleReason(absence, now) : null;
    this.store.patch(ext, { absence, absenceAt: now, absenceLive: true, stale });
    const before = holder instanceof Map ? (holder.get(ext) ?? null) : holder.stale;
    if (holder instanceof Map) holder.set(ext, stale);
    else holder.stale = stale;
    if (stale && stale !== before) for (const l of this.staleListeners) l(ext, stale);
  }
}

/** The subscription object, for tests that want to look at it. */
export type { Subscription };
