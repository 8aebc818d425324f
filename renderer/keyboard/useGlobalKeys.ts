// Global call keys (D-KEYS, D-HEADSET): they work wherever focus is, including the search field,
// so the operator never has to leave the keyboard's home position.
import { useEffect } from 'react';
import type { CallActions } from '../features/call/actions';

/** The keymap; aria-keyshortcuts on the buttons uses the same names. */
export const KEYS = { answer: 'F2', hangup: 'F4' } as const;

export function useGlobalKeys(actions: CallActions): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // Alt+F4 and friends belong to the operating system: never hang up on a window close.
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const action = event.key === KEYS.answer ? actions.answerNext : event.key === KEYS.hangup ? actions.hangupActive : null;
      if (!action) return;
      event.preventDefault(); // F-keys have browser meanings (F4 opens the address bar in some hosts)
      if (!event.repeat) void action();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [actions]);
}
