// The console's one modal dialog (message pad, absence, unit notices and hours, key help). It is the
// native <dialog> opened with showModal(): the browser makes the rest of the page inert (focus stays
// inside, screen readers see only the dialog), puts it in the top layer and exposes it as a modal
// dialog. Chosen over @radix-ui/react-dialog and react-aria: no dependency, no portal, and the focus
// containment is the browser's own rather than a script's. What the element does not do, this does:
// it is labelled by its heading, Escape closes it through the key layer (so Escape never also cancels
// a transfer), Tab wraps at its ends, and focus returns on close to where it was, normally the
// search field.
// Mounted = open: render it only while the dialog should show.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { BindingId } from '../keyboard/bindings';
import type { KeyHandler } from '../keyboard/key-layer';
import { useKeyScope } from '../keyboard/useKeyScope';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  /** Whose dialog keys apply (bindings.ts: 'message', 'absence', 'unit-editor', 'help'). */
  owner: string;
  /** The heading, which is also the dialog's accessible name. */
  title: string;
  headingLevel?: 2 | 3;
  /** Escape, or the browser's own cancel. */
  onClose(): void;
  /** Handlers of the owner's dialog bindings (Control+Enter sends, …). */
  keys?: Partial<Record<BindingId, KeyHandler>>;
  /** Where focus goes after closing; by default back to the element focused before it opened. */
  returnFocus?: () => void;
  className?: string;
  children: ReactNode;
}

export function Dialog({ owner, title, headingLevel = 2, onClose, keys, returnFocus, className, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const latest = useRef({ onClose, returnFocus });
  latest.current = { onClose, returnFocus };

  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close(); // the page is no longer inert: focus can go back
      const back = latest.current.returnFocus;
      if (back) back();
      else if (before?.isConnected) before.focus();
    };
  }, []);

  // Focus stays inside: the browser makes the page inert, but Tab from the last control would
  // leave for the window's own chrome. Wrap it instead.
  const wrap = (forward: boolean) => () => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].filter((el) => !el.closest('[hidden]'));
    if (!items.length) return false;
    const edge = forward ? items[items.length - 1] : items[0];
    if (document.activeElement !== edge && ref.current?.contains(document.activeElement)) return false; // the browser moves it
    (forward ? items[0] : items[items.length - 1])!.focus();
    return true;
  };
  useKeyScope('dialog', owner, {
    ...keys,
    'dialog.close': () => {
      latest.current.onClose();
      return true;
    },
    'dialog.tabForward': wrap(true),
    'dialog.tabBack': wrap(false),
  });

  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  return (
    <dialog
      ref={ref}
      aria-modal="true"
      aria-labelledby={headingId}
      className={className}
      onCancel={(e) => {
        e.preventDefault(); // the owner decides (it may keep a draft); React unmounts it
        latest.current.onClose();
      }}
    >
      <Heading id={headingId}>{title}</Heading>
      {children}
    </dialog>
  );
}
