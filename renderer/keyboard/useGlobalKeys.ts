// Global call keys (D-KEYS, D-HEADSET): they work wherever focus is, including the search field,
// so the operator never has to leave the keyboard's home position. The bindings come from the
// keymap (defaults in keymap.ts, overrides in settings.calls.keymap) through the key layer's table;
// touch-tone mode (F10) is the layer's "mode" scope, asked before the card and the call keys.
import { useEffect } from 'react';
import type { CallActions } from '../features/call/actions';
import type { BindingId } from './bindings';
import type { KeyEventLike, KeyHandler, KeyLayer } from './key-layer';
import { ACTIONS, DEFAULT_KEYMAP, type ActionId } from './keymap';

/** The default keymap, for places that only need a label. Prefer actions.keymap. */
export const KEYS = DEFAULT_KEYMAP;

/** Runs an action; returns false when the key should keep its normal meaning. */
function run(actions: CallActions, action: ActionId, target: unknown): boolean {
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
    case 'extInfo':
      actions.openReferral('external-info');
      return true;
    case 'staffLookup':
      actions.openReferral('staff-lookup');
      return true;
    case 'dialOut':
      actions.openDialOut();
      return true;
    case 'absence':
    case 'pickup':
    case 'watchUnit':
      return false; // the contact card's keys (card scope, CardPresence)
    case 'nightService':
    case 'switchboardHours':
      return false; // the switchboard feature's keys (renderer/features/switchboard)
    default: {
      const slot = /^retrieve([1-9])$/.exec(action);
      if (slot) void actions.retrieve(Number(slot[1]));
      return !!slot;
    }
  }
}

/** The global scope's and touch-tone mode's handlers, registered with the console's key layer. */
export function globalKeyHandlers(actions: CallActions): { global: Partial<Record<BindingId, KeyHandler>>; mode: Partial<Record<BindingId, KeyHandler>> } {
  const global: Partial<Record<BindingId, KeyHandler>> = {};
  for (const action of ACTIONS) global[action] = (e: KeyEventLike) => run(actions, action, e.target);
  const mode: Partial<Record<BindingId, KeyHandler>> = {
    'dtmf.digit': (e) => {
      if (!actions.ui.getState().dtmfMode) return false;
      // the digit goes to the call, not into the search field
      if (!e.repeat) void actions.dtmf(e.key);
      return true;
    },
    'dtmf.end': () => {
      if (!actions.ui.getState().dtmfMode) return false;
      actions.toggleDtmfMode();
      return true;
    },
  };
  return { global, mode };
}

export function useGlobalKeys(layer: KeyLayer, actions: CallActions): void {
  useEffect(() => {
    const { global, mode } = globalKeyHandlers(actions);
    const offGlobal = layer.register({ scope: 'global', owner: 'console', handlers: global });
    const offMode = layer.register({ scope: 'mode', owner: 'dtmf', handlers: mode });
    const detach = layer.attach(window);
    return () => {
      detach();
      offMode();
      offGlobal();
    };
  }, [layer, actions]);
}
