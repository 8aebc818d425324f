// Global call keys (D-KEYS, D-HEADSET): they work wherever focus is, including the search field,
// so the operator never has to leave the keyboard's home position. The bindings come from the
// keymap (defaults in keymap.ts, overrides in settings.calls.keymap).
import { useEffect } from 'react';
import type { CallActions } from '../features/call/actions';
import { actionFor, chordOf, DEFAULT_KEYMAP, type ActionId } from './keymap';

/** The default keymap, for places that only need a label. Prefer actions.keymap. */
export const KEYS = DEFAULT_KEYMAP;

const DTMF_KEYS = /^[0-9*#]$/;

/** Runs an action; returns false when the key should keep its normal meaning. */
function run(actions: CallActions, action: ActionId, target: EventTarget | null): boolean {
  switch (action) {
    case 'help':
      actions.toggleHelp();
      return true;
    case 'answer':
      void actions.answerNext();
      return true;
    case 'hold':
      void actions.toggleHold();
      return true;
    case 'hangup':
      void actions.hangupActive();
      return true;
    case 'dial': {
      // Enter: only for a number typed in the search field; with a name, Enter keeps the
      // directory's meaning (open the active result's card, which the transfer keys then use).
      const inField = target instanceof HTMLInputElement || target === document.body || target === null;
      if (!inField || !actions.typedNumber()) return false;
      void actions.dial();
      return true;
    }
    case 'announced':
      void actions.announced();
      return true;
    case 'complete':
      void actions.complete();
      return true;
    case 'cancel':
      // Escape: cancel a transfer or a recall when there is one; otherwise it clears the field as usual.
      if (!actions.hasTransferWork()) return false;
      void actions.cancel();
      return true;
    case 'blind':
      void actions.blind();
      return true;
    case 'safe':
      void actions.safe();
      return true;
    case 'voicemail':
      void actions.voicemail();
      return true;
    case 'message':
      void actions.message();
      return true;
    case 'mute':
      void actions.toggleMute();
      return true;
    case 'dtmf':
      actions.toggleDtmfMode();
      return true;
    case 'park':
      void actions.park();
      return true;
    default: {
      const slot = /^retrieve([1-9])$/.exec(action);
      if (slot) void actions.retrieve(Number(slot[1]));
      return !!slot;
    }
  }
}

export function useGlobalKeys(actions: CallActions): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const ui = actions.ui.getState();
      if (ui.dtmfMode && !event.ctrlKey && !event.altKey && !event.metaKey) {
        if (DTMF_KEYS.test(event.key)) {
          event.preventDefault(); // the digit goes to the call, not into the search field
          if (!event.repeat) void actions.dtmf(event.key);
          return;
        }
        if (event.key === 'Escape') {
          event.preventDefault();
          actions.toggleDtmfMode();
          return;
        }
      }
      if (ui.helpOpen && event.key === 'Escape') {
        event.preventDefault();
        actions.toggleHelp();
        return;
      }
      const action = actionFor(actions.keymap, chordOf(event));
      if (!action) return;
      if (event.repeat) {
        event.preventDefault();
        return;
      }
      if (run(actions, action, event.target)) {
        event.preventDefault(); // F-keys have browser meanings (F4 opens the address bar in some hosts)
        event.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [actions]);
}

