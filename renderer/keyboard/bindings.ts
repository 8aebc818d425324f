// Every key the console answers, in ONE table: the call actions of the keymap (keymap.ts, with the
// operator's overrides) plus the fixed keys of dialogs, touch-tone mode, the contact card and the
// results list. Each binding has a scope and an owner; the key layer (key-layer.ts) asks the active
// scopes in SCOPE_PRECEDENCE order and, inside a scope, only the owners that are mounted. Pure: no
// DOM, so the node tier checks precedence and clashes from this very table.
import { ACTIONS, type ActionId, type Keymap } from './keymap';

/**
 * Scopes, first asked first:
 *  - dialog: the topmost open dialog only; it keeps every other key typed in it except function keys
 *    (the operator can still answer and hang up with a message pad open);
 *  - mode: touch-tone entry (F10): digits go to the call, not into the search field;
 *  - card: a contact card is shown; its keys work from the search field (home position);
 *  - global: the call actions, wherever focus is;
 *  - list: the search field moving through its results. Last, because Enter on a typed number
 *    dials (global) and only otherwise opens the active result.
 */
export const SCOPE_PRECEDENCE = ['dialog', 'mode', 'card', 'global', 'list'] as const;
export type Scope = (typeof SCOPE_PRECEDENCE)[number];

/** Scopes that keep unhandled keys from the scopes after them (typing in a dialog is text). */
export const CONTAINING_SCOPES: ReadonlySet<Scope> = new Set<Scope>(['dialog']);

/** Keys a containing scope lets through: F1–F12, with or without modifiers. */
export const isFunctionKey = (key: string) => /^F\d{1,2}$/.test(key);

/** Owners shared by every registration of a scope (Escape closes any dialog). */
export const SHARED_OWNER: Partial<Record<Scope, string>> = { dialog: 'dialog' };

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Keys outside the keymap: id, scope, owner, chords (keymap notation, see keymap.ts). */
const FIXED = [
  { id: 'dialog.close', scope: 'dialog', owner: 'dialog', chords: ['Escape'] },
  // Tab from the last control goes to the first (and back): focus never leaves an open dialog
  { id: 'dialog.tabForward', scope: 'dialog', owner: 'dialog', chords: ['Tab'] },
  { id: 'dialog.tabBack', scope: 'dialog', owner: 'dialog', chords: ['Shift+Tab'] },
  { id: 'message.send', scope: 'dialog', owner: 'message', chords: ['Control+Enter', 'Meta+Enter'] },
  { id: 'message.callback', scope: 'dialog', owner: 'message', chords: ['Alt+r'] },
  { id: 'message.urgent', scope: 'dialog', owner: 'message', chords: ['Alt+b'] },
  { id: 'absence.save', scope: 'dialog', owner: 'absence', chords: ['Enter'] },
  { id: 'absence.reason', scope: 'dialog', owner: 'absence', chords: DIGITS },
  { id: 'editor.save', scope: 'dialog', owner: 'unit-editor', chords: ['Enter', 'Control+Enter'] },
  { id: 'referral.confirm', scope: 'dialog', owner: 'referral', chords: ['Enter'] },
  { id: 'orders.save', scope: 'dialog', owner: 'orders', chords: ['Control+Enter', 'Meta+Enter'] },
  { id: 'notices.closeHistory', scope: 'dialog', owner: 'notice-history', chords: ['Enter'] },
  { id: 'nightService.confirm', scope: 'dialog', owner: 'night-service', chords: ['Enter'] },
  { id: 'switchboard.save', scope: 'dialog', owner: 'switchboard-settings', chords: ['Control+Enter'] },
  { id: 'dialout.call', scope: 'dialog', owner: 'dialout', chords: ['Enter'] },
  { id: 'dtmf.digit', scope: 'mode', owner: 'dtmf', chords: [...DIGITS, '*', '#'] },
  { id: 'dtmf.end', scope: 'mode', owner: 'dtmf', chords: ['Escape'] },
  { id: 'card.copy1', scope: 'card', owner: 'card', chords: ['Alt+1'] },
  { id: 'card.copy2', scope: 'card', owner: 'card', chords: ['Alt+2'] },
  { id: 'card.copy3', scope: 'card', owner: 'card', chords: ['Alt+3'] },
  { id: 'card.newNotice', scope: 'card', owner: 'card', chords: ['Alt+n'] },
  { id: 'card.editHours', scope: 'card', owner: 'card', chords: ['Alt+o'] },
  { id: 'card.noticeHistory', scope: 'card', owner: 'card', chords: ['Alt+h'] },
  // the orders register (P-ORDERS): a new order from wherever focus is
  { id: 'orders.new', scope: 'global', owner: 'orders', chords: ['Alt+b'] },
  { id: 'list.next', scope: 'list', owner: 'search', chords: ['ArrowDown'] },
  { id: 'list.previous', scope: 'list', owner: 'search', chords: ['ArrowUp'] },
  { id: 'list.pageDown', scope: 'list', owner: 'search', chords: ['PageDown'] },
  { id: 'list.pageUp', scope: 'list', owner: 'search', chords: ['PageUp'] },
  { id: 'list.open', scope: 'list', owner: 'search', chords: ['Enter'] },
] as const satisfies readonly { id: string; scope: Scope; owner: string; chords: readonly string[] }[];

/** Keymap actions that act on the contact card's person: the card scope. */
const CARD_ACTIONS: ReadonlySet<ActionId> = new Set<ActionId>(['absence', 'pickup', 'watchUnit']);

/** Global keymap actions the switchboard feature handles (renderer/features/switchboard), not the call keys. */
const SWITCHBOARD_ACTIONS: ReadonlySet<ActionId> = new Set<ActionId>(['nightService', 'switchboardHours']);

export type FixedBindingId = (typeof FIXED)[number]['id'];
export type BindingId = ActionId | FixedBindingId;

export interface Binding {
  readonly id: BindingId;
  readonly scope: Scope;
  readonly owner: string;
  readonly chord: string;
  /** A held key repeats: call actions run once per press, the rest (arrows) repeat. */
  readonly repeat: 'swallow' | 'repeat';
}

/** The copy keys Alt+1..3, in the order the card gives numbers out (no action may take them). */
export const COPY_BINDINGS = ['card.copy1', 'card.copy2', 'card.copy3'] as const satisfies readonly FixedBindingId[];

/** The whole table for a keymap: the keymap's actions first, then the fixed keys. */
export function keyBindings(keymap: Keymap): readonly Binding[] {
  const out: Binding[] = ACTIONS.map((id) => ({
    id,
    scope: CARD_ACTIONS.has(id) ? 'card' : 'global',
    owner: CARD_ACTIONS.has(id) ? 'card' : SWITCHBOARD_ACTIONS.has(id) ? 'switchboard' : 'console',
    chord: keymap[id],
    repeat: 'swallow',
  }));
  for (const f of FIXED) for (const chord of f.chords) out.push({ id: f.id, scope: f.scope, owner: f.owner, chord, repeat: f.scope === 'list' || f.scope === 'mode' ? 'repeat' : 'swallow' });
  return out;
}

/** The chord of a fixed binding as the UI shows it ("Alt+N" on the card's button). */
export function chordsOfBinding(id: FixedBindingId): readonly string[] {
  return FIXED.find((f) => f.id === id)!.chords;
}

/** Pairs of bindings that could both be asked for one key in one scope (never fine). */
export function clashes(table: readonly Binding[]): [Binding, Binding][] {
  const out: [Binding, Binding][] = [];
  for (let i = 0; i < table.length; i++)
    for (let j = i + 1; j < table.length; j++) {
      const a = table[i]!;
      const b = table[j]!;
      if (a.scope !== b.scope || a.chord !== b.chord || a.id === b.id) continue;
      // two owners of a scope are asked together only when one is the scope's shared owner, or
      // both are the same owner; different dialogs are never open at the top together
      const shared = SHARED_OWNER[a.scope];
      if (a.owner === b.owner || a.owner === shared || b.owner === shared || a.scope !== 'dialog') out.push([a, b]);
    }
  return out;
}

/** The bindings a key could reach, in the order they are asked, given which owners are mounted per scope. */
export function candidates(table: readonly Binding[], chords: readonly string[], mounted: ReadonlyMap<Scope, readonly string[]>): Binding[] {
  const out: Binding[] = [];
  for (const scope of SCOPE_PRECEDENCE) {
    const owners = mounted.get(scope);
    if (!owners?.length) continue;
    for (const owner of owners) for (const b of table) if (b.scope === scope && (b.owner === owner || b.owner === SHARED_OWNER[scope]) && chords.includes(b.chord) && !out.includes(b)) out.push(b);
  }
  return out;
}
