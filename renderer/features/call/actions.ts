// The operator's call actions, shared by the buttons and the keys so both behave the same:
// act, say what happened when nothing did, then put focus back in the search field.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ActionResult, Softphone } from '../../sip';
import type { SearchFocus } from '../directory/search-focus';
import { DEFAULT_KEYMAP, type Keymap } from '../../keyboard/keymap';
import type { CallReferral } from '../../../common/ipc/contract';

export type NoticeKey = 'call.busy' | 'call.answerFailed' | 'call.noTarget' | 'call.noCall' | 'call.actionFailed' | 'call.noSlot' | 'transfer.messageNotYet';

export interface NoticeState {
  readonly notice: NoticeKey | null;
}

export function createNoticeStore(): StoreApi<NoticeState> {
  return createStore<NoticeState>()(() => ({ notice: null }));
}

/** UI modes the keys switch: the help overlay, touch-tone entry and the referral script shown. */
export interface UiModeState {
  readonly helpOpen: boolean;
  readonly dtmfMode: boolean;
  readonly referral: CallReferral | null;
  /** The "Koppla ut" dialog is open (P-DIALOUT). */
  readonly dialOut: boolean;
}

/** A dial-out ready to place: what the PBX gets, how it is shown, and where to (for the call log). */
export interface DialOutPlan {
  /** Outside-line prefix and number ("000442079460958"). */
  readonly dial: string;
  /** "+44 20 7946 0958" */
  readonly label: string;
  readonly country: string | null;
  readonly callingCode: string;
}

/** Told when the operator dials out for a caller: the caller's call id and the destination's country. */
export type DialOutListener = (callId: string, destination: { country: string | null; callingCode: string }) => void;

/** Told when the operator opens a referral script on a call (the call log counts it). */
export type ReferralListener = (callId: string, reason: CallReferral) => void;

/** What a directory hit gives a transfer: the number to call and how to show it. */
export interface TransferTarget {
  readonly number: string;
  readonly label: string;
}

export interface CallActions {
  readonly keymap: Keymap;
  readonly ui: StoreApi<UiModeState>;
  answerNext(): Promise<void>;
  hangupActive(): Promise<void>;
  toggleHold(): Promise<void>;
  resume(id: string): Promise<void>;
  toggleMute(): Promise<void>;
  dtmf(digit: string): Promise<void>;
  toggleDtmfMode(): void;
  toggleHelp(): void;
  /** Shows a referral script (P-EXT-INFO, P-STAFF-LOOKUP); counted once on the call being talked to. */
  openReferral(reason: CallReferral): void;
  closeReferral(): void;
  /** Subscribes to referrals opened on a call; returns the unsubscribe. */
  onReferral(listener: ReferralListener): () => void;
  /** Opens / closes the "Koppla ut" dialog (P-DIALOUT). */
  openDialOut(): void;
  closeDialOut(): void;
  /** Places a guided dial-out; with a caller on the line, the caller is held and the number called. */
  dialOut(plan: DialOutPlan): Promise<ActionResult>;
  /** Subscribes to dial-outs placed for a caller; returns the unsubscribe. */
  onDialOut(listener: DialOutListener): () => void;
  /** True when the operator is talking to a caller (a dial-out then holds them and is announced). */
  hasCaller(): boolean;
  /** Dial-out or, with a caller on the line, an announced transfer (Enter). For the directory too. */
  dial(target?: string): Promise<void>;
  announced(target?: string): Promise<void>;
  complete(): Promise<void>;
  cancel(): Promise<boolean>;
  /** True when Escape has something to cancel (a consultation or a recall). */
  hasTransferWork(): boolean;
  blind(target?: string): Promise<void>;
  safe(target?: string): Promise<void>;
  voicemail(target?: string): Promise<void>;
  message(): Promise<void>;
  /** The message pad registers how it opens (false: no call to take a message for). */
  setMessageOpener(open: (() => boolean) | null): void;
  takeBack(): Promise<void>;
  park(): Promise<void>;
  retrieve(slot: number): Promise<void>;
  /** The directory's selected (or top) hit, used by the transfer keys; null clears it. */
  setSelectedTarget(target: TransferTarget | null): void;
  /** What the transfer keys act on now: a number typed in the search field, else the opened entry. */
  currentTarget(): string | null;
  /** A number typed in the search field, if the text is one (Enter dials only that). */
  typedNumber(): string | null;
}

const NOTICE: Partial<Record<ActionResult, NoticeKey>> = {
  'no-call': 'call.noCall',
  'no-target': 'call.noTarget',
  failed: 'call.actionFailed',
  'no-slot': 'call.noSlot',
};

/** Text that reads as a phone number or extension ("2001", "070-123 45 67", "+46 512 570 00"). */
export function looksLikeNumber(text: string): boolean {
  return /^\+?[0-9][0-9\s\-()/.]{0,24}$/.test(text.trim());
}

export function createCallActions(softphone: Softphone, notices: StoreApi<NoticeState>, searchFocus: SearchFocus, keymap: Keymap = DEFAULT_KEYMAP, searchText: () => string = () => ''): CallActions {
  const ui = createStore<UiModeState>()(() => ({ helpOpen: false, dtmfMode: false, referral: null, dialOut: false }));
  const referralListeners = new Set<ReferralListener>();
  const dialOutListeners = new Set<DialOutListener>();
  let selected: TransferTarget | null = null;
  let messageOpener: (() => boolean) | null = null;
  const say = (result: ActionResult) => notices.setState({ notice: NOTICE[result] ?? null });
  const done = async (result: Promise<ActionResult> | ActionResult) => {
    say(await result);
    searchFocus.focus();
  };
  const typedNumber = (): string | null => {
    const typed = searchText().trim();
    return typed && looksLikeNumber(typed) ? typed : null;
  };
  const currentTarget = (): string | null => typedNumber() ?? selected?.number ?? null;
  const recallTarget = () => softphone.recalled()?.recall?.target ?? null;
  const withTarget = async (target: string | null | undefined, act: (t: string) => Promise<ActionResult>) => {
    if (!target) {
      notices.setState({ notice: 'call.noTarget' });
      searchFocus.focus();
      return;
    }
    await done(act(target));
  };

  const actions: CallActions = {
    keymap,
    ui,
    async answerNext() {
      const result = await softphone.answer();
      notices.setState({ notice: result === 'busy' ? 'call.busy' : result === 'failed' ? 'call.answerFailed' : null });
      searchFocus.focus();
    },
    async hangupActive() {
      await softphone.hangup();
      notices.setState({ notice: null });
      searchFocus.focus();
    },
    toggleHold: () => done(softphone.toggleHold()),
    resume: (id) => done(softphone.resume(id)),
    toggleMute: () => done(softphone.toggleMute()),
    dtmf: async (digit) => say(await softphone.sendDtmf(digit)),
    toggleDtmfMode: () => ui.setState((s) => ({ dtmfMode: !s.dtmfMode })),
    toggleHelp: () => ui.setState((s) => ({ helpOpen: !s.helpOpen })),
    openReferral(reason) {
      ui.setState({ referral: reason });
      const callId = softphone.activeCallId();
      if (callId) for (const listener of referralListeners) listener(callId, reason);
    },
    closeReferral: () => ui.setState({ referral: null }),
    onReferral(listener) {
      referralListeners.add(listener);
      return () => referralListeners.delete(listener);
    },
    openDialOut: () => ui.setState({ dialOut: true }),
    closeDialOut: () => ui.setState({ dialOut: false }),
    async dialOut(plan) {
      const callerId = softphone.hasCaller() ? softphone.activeCallId() : null;
      const result = await softphone.dialOut(plan.dial, plan.label, { country: plan.country, callingCode: plan.callingCode });
      say(result);
      if (result === 'ok' && callerId) for (const listener of dialOutListeners) listener(callerId, { country: plan.country, callingCode: plan.callingCode });
      return result;
    },
    hasCaller: () => softphone.hasCaller(),
    onDialOut(listener) {
      dialOutListeners.add(listener);
      return () => dialOutListeners.delete(listener);
    },
    dial: (target) => withTarget(target ?? currentTarget(), (t) => (softphone.hasCaller() ? softphone.startAnnounced(t) : softphone.dial(t))),
    announced: (target) => withTarget(target ?? currentTarget(), (t) => softphone.startAnnounced(t)),
    complete: () => done(softphone.completeTransfer()),
    async cancel() {
      if (softphone.hasConsult()) {
        await done(softphone.cancelTransfer());
        return true;
      }
      if (softphone.recalled()) {
        await done(softphone.takeBack());
        return true;
      }
      return false;
    },
    hasTransferWork: () => softphone.hasConsult() || softphone.recalled() !== null,
    blind: (target) => withTarget(target ?? currentTarget() ?? recallTarget(), (t) => softphone.blindTransfer(t)),
    safe: (target) => withTarget(target ?? currentTarget() ?? recallTarget(), (t) => softphone.safeTransfer(t)),
    voicemail: (target) => withTarget(target ?? currentTarget() ?? recallTarget() ?? softphone.lastTransferTarget(), (t) => softphone.toVoicemail(t)),
    async message() {
      if (messageOpener) {
        // The pad takes focus itself; nothing to say unless there was no call.
        notices.setState({ notice: messageOpener() ? null : 'call.noCall' });
        return;
      }
      softphone.takeMessage();
      notices.setState({ notice: 'transfer.messageNotYet' });
      searchFocus.focus();
    },
    takeBack: () => done(softphone.takeBack()),
    park: () => done(softphone.park()),
    retrieve: (slot) => done(softphone.retrieve(slot)),
    setMessageOpener(open) {
      messageOpener = open;
    },
    setSelectedTarget(target) {
      selected = target;
    },
    currentTarget,
    typedNumber,
  };
  return actions;
}
