// Busy lamps through resource lists (RFC 4662) where the PBX serves them: a few list
// subscriptions (each list URI × dialog and presence) instead of one per extension.
// - Detection: on every new connection the lists are SUBSCRIBEd; the first multipart/related NOTIFY
//   means "lists"; a non-list NOTIFY, a refusal or no NOTIFY in DETECT_MS on every list means
//   "per-extension" (the manager's paced subscriptions, as before). Until then those wait.
// - Coverage: an extension named in a list's NOTIFY is covered for that event; the manager makes no
//   per-extension subscription for it. One the lists do not name gets its own, after SETTLE_MS.
// - Order: each list subscription's NOTIFYs go through an RlmiSequence; a gap, a repeat or a
//   partial state before any full one greys that list's lamps and re-SUBSCRIBEs (a new dialog
//   starts with a full state). A refused body (malformed, hostile) changes no lamp and refreshes.
// - Faults: a list subscription that ends (481, terminated, failed refresh) greys its lamps and
//   is made again after 250 ms, then a growing delay. A lost connection is the manager's: it greys
//   every lamp, and the next connection starts here again.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { RlmiSequence, type Absence, type ParseResult } from '../../../common/presence';
import { backoffDelay, type BackoffPolicy } from '../../../common/backoff';
import type { UserAgent } from 'sip.js';
import type { ReportLog } from '../log';
import type { BodyParser } from './body-parser';
import { ListSubscription, type ListSubscriptionEvents } from './list-subscription';
import type { PresenceStore } from './presence-store';

/** Which way the lamps come: shown to the operator (Swedish first) beside the favourites. */
export type LampSource = 'detecting' | 'lists' | 'per-extension' | 'off';
export interface ListModeState {
  readonly source: LampSource;
  /** List subscriptions currently up (each list URI counts once per event). */
  readonly listSubscriptions: number;
  /** Extensions the lists name. */
  readonly covered: number;
}

export interface ListSettings {
  readonly mode: 'auto' | 'off';
  readonly lists: readonly string[];
}

export const DETECT_MS = 3000;
export const SETTLE_MS = 1000;
/** Accepted as a list but no NOTIFY yet: extensions wait this long for it before their own SUBSCRIBE. */
export const FIRST_NOTIFY_MS = 10000;
const RETRY: BackoffPolicy = { baseMs: 1000, maxMs: 30000, jitterFloor: 0.6 };
const FIRST_RETRY_MS = 250;
const EVENTS = ['dialog', 'presence'] as const;
type Ev = (typeof EVENTS)[number];

interface Slot {
  readonly user: string;
  readonly event: Ev;
  sub: ListSubscriptionLike | null;
  seq: RlmiSequence;
  /** Extensions this slot's NOTIFYs named. */
  readonly exts: Set<string>;
  failures: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** false once the PBX said this URI is no list. */
  isList: boolean | null;
  /** A list NOTIFY came on this slot's current subscription. */
  notified: boolean;
}

export interface ListModeDeps {
  readonly store: PresenceStore;
  readonly parser: BodyParser;
  readonly log: ReportLog;
  readonly now: () => number;
  readonly domain: () => string | null;
  /** An absence from a list (stale notices are the manager's). */
  readonly applyAbsence: (ext: string, absence: Absence | null) => void;
  /** Per-extension subscriptions may (or must no longer) wait: the manager pumps again. */
  readonly changed: () => void;
  /** Makes one list subscription; default a SIP.js one (./list-subscription). Tests pass their own. */
  readonly subscribe?: (ua: UserAgent, uri: string, event: Ev, events: ListSubscriptionEvents) => ListSubscriptionLike;
}

/** What the list mode needs of a list subscription. */
export interface ListSubscriptionLike {
  readonly active: boolean;
  close(politely: boolean): void;
}

export class ListMode {
  readonly state: StoreApi<ListModeState> = createStore<ListModeState>()(() => ({ source: 'detecting', listSubscriptions: 0, covered: 0 }));
  private settings: ListSettings = { mode: 'auto', lists: ['rl-all'] };
  private slots: Slot[] = [];
  private ua: UserAgent | null = null;
  private detectTimer: ReturnType<typeof setTimeout> | undefined;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private settled = false;
  /** The first list NOTIFY since the lists were found (starts SETTLE_MS). */
  private firstNotify = false;
  private generation = 0;

  constructor(private readonly deps: ListModeDeps) {}

  configure(settings: Partial<ListSettings> | undefined): void {
    const next: ListSettings = { mode: settings?.mode ?? 'auto', lists: [...new Set(settings?.lists ?? ['rl-all'])] };
    if (JSON.stringify(next) === JSON.stringify(this.settings)) return;
    this.settings = next;
    const ua = this.ua;
    this.stop();
    this.set({ source: next.mode === 'off' ? 'off' : 'detecting' });
    if (ua) this.start(ua);
    this.deps.changed();
  }

  get source(): LampSource {
    return this.state.getState().source;
  }

  /** May the manager's per-extension subscriptions go now? */
  ready(): boolean {
    const s = this.source;
    return s === 'per-extension' || s === 'off' || (s === 'lists' && this.settled);
  }

  /** Is this extension's lamp (or absence) the lists' to show? */
  covers(event: Ev, ext: string): boolean {
    if (this.source !== 'lists') return false;
    return this.slots.some((s) => s.event === event && s.isList !== false && s.exts.has(ext));
  }

  /** A connected UserAgent: (re)subscribe the lists. The source found before is kept meanwhile. */
  start(ua: UserAgent): void {
    this.stop();
    this.ua = ua;
    if (this.settings.mode === 'off') return this.set({ source: 'off' });
    const gen = ++this.generation;
    const known = new Map(this.slotsBefore.map((s) => [`${s.event}:${s.user}`, s.exts]));
    this.slots = this.settings.lists.flatMap((user) =>
      EVENTS.map((event): Slot => ({
        user,
        event,
        sub: null,
        seq: new RlmiSequence(),
        exts: known.get(`${event}:${user}`) ?? new Set(),
        failures: 0,
        timer: undefined,
        isList: null,
        notified: false,
      })),
    );
    for (const slot of this.slots) this.open(slot);
    if (this.source !== 'lists') {
      this.set({ source: 'detecting' });
      this.detectTimer = setTimeout(() => {
        if (gen !== this.generation || this.source !== 'detecting') return;
        this.deps.log({ level: 'info', code: 'presence.lists-unanswered' });
        this.decide('per-extension');
      }, DETECT_MS);
    }
    this.count();
  }

  private slotsBefore: Slot[] = [];

  /** The UserAgent went (or the transport): list subscriptions end with it, no un-SUBSCRIBE. */
  stop(): void {
    clearTimeout(this.detectTimer);
    for (const s of this.slots) {
      clearTimeout(s.timer);
      s.sub?.close(false);
      s.sub = null;
    }
    if (this.slots.length) this.slotsBefore = this.slots;
    this.slots = [];
    this.ua = null;
    this.count();
  }

  dispose(): void {
    clearTimeout(this.settleTimer);
    for (const s of this.slots) s.sub?.close(true);
    this.stop();
  }

  // ---- internals ---------------------------------------------------------------------------

  private set(patch: Partial<ListModeState>): void {
    this.state.setState(patch);
  }

  private count(): void {
    const exts = new Set<string>();
    for (const s of this.slots) if (s.isList !== false) for (const e of s.exts) exts.add(e);
    this.set({ listSubscriptions: this.slots.filter((s) => s.sub?.active).length, covered: exts.size });
  }

  private decide(source: 'lists' | 'per-extension'): void {
    if (this.source === source) return;
    clearTimeout(this.detectTimer);
    this.set({ source });
    this.deps.log({ level: 'info', code: 'presence.lamp-source', detail: { source } });
    if (source === 'per-extension') {
      for (const s of this.slots) s.sub?.close(true);
      this.slots = [];
      this.slotsBefore = [];
      this.count();
      this.deps.changed();
      return;
    }
    // extensions the lists do not name get their own subscriptions once the full state is in
    // (SETTLE_MS after the first list NOTIFY), or after FIRST_NOTIFY_MS without one
    this.settled = false;
    this.firstNotify = false;
    this.settleIn(FIRST_NOTIFY_MS);
  }

  private settleIn(ms: number): void {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settled = true;
      this.deps.changed();
    }, ms);
  }

  private open(slot: Slot): void {
    const ua = this.ua;
    const domain = this.deps.domain();
    if (!ua || !domain) return;
    slot.seq = new RlmiSequence();
    slot.notified = false;
    let sub: ListSubscriptionLike;
    const make = this.deps.subscribe ?? ((u, uri, event, events) => new ListSubscription(u, uri, event, events));
    try {
      sub = make(ua, `sip:${slot.user}@${domain}`, slot.event, {
        onAccepted: (eventlist) => {
          if (slot.sub !== sub || !eventlist || slot.isList === true) return;
          slot.isList = true;
          this.decide('lists');
        },
        onList: (contentType, body) => {
          if (slot.sub !== sub) return;
          if (!slot.notified) {
            slot.notified = true;
            if (!this.settled && !this.firstNotify) {
              this.firstNotify = true;
              this.settleIn(SETTLE_MS);
            }
          }
          if (slot.isList !== true) {
            slot.isList = true;
            this.decide('lists');
          }
          slot.failures = 0;
          this.deps.parser.submit({ key: `list:${slot.event}:${slot.user}`, event: slot.event, kind: 'list', contentType, body }, (r) => {
            if (slot.sub === sub) this.apply(slot, r);
          });
        },
        onNotList: () => {
          if (slot.sub !== sub) return;
          slot.sub = null;
          slot.isList = false;
          this.afterNotList();
        },
        onEnded: (notified) => {
          if (slot.sub !== sub) return;
          slot.sub = null;
          if (!notified && slot.isList === null) {
            // refused at once (404, 489, 421 …): not a list here
            slot.isList = false;
            return this.afterNotList();
          }
          this.grey(slot);
          this.retry(slot);
        },
      });
    } catch {
      slot.isList = false;
      return this.afterNotList();
    }
    slot.sub = sub;
    this.count();
  }

  private afterNotList(): void {
    this.count();
    if (this.slots.every((s) => s.isList === false)) this.decide('per-extension');
    else if (this.source === 'lists') this.deps.changed();
  }

  private retry(slot: Slot): void {
    slot.failures++;
    const delay = slot.failures === 1 ? FIRST_RETRY_MS : backoffDelay(slot.failures - 1, RETRY);
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      slot.timer = undefined;
      if (this.slots.includes(slot) && !slot.sub) this.open(slot);
    }, delay);
    this.count();
  }

  /** Every lamp (or absence) this slot showed becomes unknown (last-known) until its next full state. */
  private grey(slot: Slot): void {
    const at = this.deps.now();
    for (const ext of slot.exts) {
      if (slot.event === 'dialog') this.deps.store.patch(ext, { lamp: 'unknown', dialog: null, lampAt: at });
      else this.deps.store.patch(ext, { absenceLive: false });
    }
  }

  /** A new subscription (its first NOTIFY is a full state); `grey`: what is shown may be wrong meanwhile. */
  private refresh(slot: Slot, why: string, grey: boolean): void {
    this.deps.log({ level: 'warn', code: 'presence.list-refresh', detail: { event: slot.event, why } });
    slot.sub?.close(true);
    slot.sub = null;
    if (grey) this.grey(slot);
    this.open(slot);
  }

  private apply(slot: Slot, r: ParseResult): void {
    if (r.rejected) {
      // the whole body refused: no lamp changes; whatever news it had come with the full state
      this.deps.log({ level: 'warn', code: 'presence.body-rejected', detail: { event: slot.event, reason: r.rejected } });
      return this.refresh(slot, 'rejected', false);
    }
    if (r.partsRejected) this.deps.log({ level: 'warn', code: 'presence.list-parts-rejected', detail: { event: slot.event, count: r.partsRejected } });
    if (slot.seq.step(r.version, r.full) === 'refresh') return this.refresh(slot, r.full ? 'old-full' : 'gap', true);
    const at = this.deps.now();
    let grew = false;
    for (const c of r.changes) {
      if (!slot.exts.has(c.ext)) {
        slot.exts.add(c.ext);
        grew = true;
      }
      if (c.event === 'dialog') this.deps.store.patch(c.ext, { lamp: c.lamp, dialog: c.dialog, lampAt: at });
      else if (c.absence === undefined) this.deps.store.patch(c.ext, { absenceLive: false });
      else this.deps.applyAbsence(c.ext, c.absence);
    }
    // a full state names every member, including those not yet known (state "none"): covered too
    if (r.full) grew = this.coverNamed(slot, r) || grew;
    if (grew) {
      this.count();
      this.deps.changed();
    }
  }

  private coverNamed(slot: Slot, r: ParseResult): boolean {
    let grew = false;
    for (const ext of r.named) {
      if (slot.exts.has(ext)) continue;
      slot.exts.add(ext);
      grew = true;
    }
    return grew;
  }
}
