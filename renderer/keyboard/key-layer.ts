// The console's one keydown listener (D-KEYS). Features do not listen to the window themselves:
// they register handlers for bindings of the table (bindings.ts) while they are mounted, and this
// layer asks them in scope precedence, so which key wins is declared, not a matter of which module
// registered first. One layer per console, built in its composition root (Console.tsx).
import { candidates, CONTAINING_SCOPES, isFunctionKey, keyBindings, SCOPE_PRECEDENCE, type Binding, type BindingId, type Scope } from './bindings';
import { chordOf, type Keymap } from './keymap';

/** What the layer reads of a KeyboardEvent (node tests pass plain objects). */
export interface KeyEventLike {
  readonly key: string;
  readonly code?: string;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
  readonly metaKey: boolean;
  readonly repeat?: boolean;
  readonly target: unknown;
  preventDefault(): void;
  stopPropagation(): void;
}

/** True: the key did its work (its default is prevented). False: the next binding may have it. */
export type KeyHandler = (event: KeyEventLike) => boolean;

export interface KeyScopeRegistration {
  readonly scope: Scope;
  readonly owner: string;
  readonly handlers: Partial<Record<BindingId, KeyHandler>>;
  /** Only events whose target this accepts reach it (the list: the search field itself). */
  readonly accepts?: (target: unknown) => boolean;
}

export interface KeyLayer {
  readonly keymap: Keymap;
  readonly table: readonly Binding[];
  /** Adds a registration (the newest of a scope is asked first); returns its removal. */
  register(registration: KeyScopeRegistration): () => void;
  /** Runs one key event through the scopes; true when a binding handled it. */
  dispatch(event: KeyEventLike): boolean;
  /** Listens on the window (capture phase, before any element); returns the removal. */
  attach(target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>): () => void;
}

/**
 * The chords a key event may mean: its keymap name, and for Alt+letter/digit also the physical
 * key's name (Alt+N types "ñ" on some layouts, Alt+1 "¡").
 */
export function chordsOf(e: KeyEventLike): string[] {
  const named = chordOf(e);
  const out = [named];
  const physical = /^(?:Key([A-Z])|Digit([0-9]))$/.exec(e.code ?? '');
  if (physical && e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
    const alt = `Alt+${(physical[1] ?? physical[2]!).toLowerCase()}`;
    if (!out.includes(alt)) out.push(alt);
  }
  return out;
}

export function createKeyLayer(keymap: Keymap): KeyLayer {
  const table = keyBindings(keymap);
  const registrations: KeyScopeRegistration[] = [];

  /** Per scope, the registrations asked, newest first; of dialogs only the topmost. */
  const active = (event: KeyEventLike): Map<Scope, KeyScopeRegistration[]> => {
    const byScope = new Map<Scope, KeyScopeRegistration[]>();
    for (let i = registrations.length - 1; i >= 0; i--) {
      const r = registrations[i]!;
      if (r.accepts && !r.accepts(event.target)) continue;
      const list = byScope.get(r.scope) ?? [];
      if (r.scope === 'dialog' && list.length) continue;
      list.push(r);
      byScope.set(r.scope, list);
    }
    return byScope;
  };

  const dispatch = (event: KeyEventLike): boolean => {
    const byScope = active(event);
    const chords = chordsOf(event);
    for (const scope of SCOPE_PRECEDENCE) {
      const regs = byScope.get(scope);
      if (!regs) continue;
      for (const reg of regs) {
        for (const binding of candidates(table, chords, new Map([[scope, [reg.owner]]]))) {
          const handler = reg.handlers[binding.id];
          if (!handler) continue;
          if (event.repeat && binding.repeat === 'swallow') {
            event.preventDefault(); // a held F-key acts once, and never reaches the browser
            return true;
          }
          if (handler(event)) {
            event.preventDefault(); // F-keys have browser meanings (F4 opens the address bar in some hosts)
            event.stopPropagation();
            return true;
          }
        }
      }
      // typing in a dialog is text: it reaches the field, not the call keys (function keys do)
      if (CONTAINING_SCOPES.has(scope) && !isFunctionKey(event.key)) return false;
    }
    return false;
  };

  return {
    keymap,
    table,
    register(registration) {
      registrations.push(registration);
      return () => {
        const i = registrations.indexOf(registration);
        if (i >= 0) registrations.splice(i, 1);
      };
    },
    dispatch,
    attach(target) {
      const listener = (e: Event) => void dispatch(e as unknown as KeyEventLike);
      target.addEventListener('keydown', listener, { capture: true });
      return () => target.removeEventListener('keydown', listener, { capture: true });
    },
  };
}
