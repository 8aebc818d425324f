// The absence dialog's and pick-up's keys. One window capture listener installed when this module
// loads, i.e. before the console's global call keys: while the dialog is open, Enter and Escape
// belong to it (Enter must not also dial the searched person), and Alt+F / Insert reach the card.
type Handler = (e: KeyboardEvent) => boolean;

const handlers: Handler[] = [];

if (typeof window !== 'undefined') {
  window.addEventListener(
    'keydown',
    (e) => {
      for (let i = handlers.length - 1; i >= 0; i--) {
        if (handlers[i]!(e)) {
          e.preventDefault();
          e.stopImmediatePropagation();
          return;
        }
      }
    },
    { capture: true },
  );
}

/** Adds a handler (the newest runs first); returns its removal. */
export function onEarlyKey(handler: Handler): () => void {
  handlers.push(handler);
  return () => {
    const i = handlers.indexOf(handler);
    if (i >= 0) handlers.splice(i, 1);
  };
}
