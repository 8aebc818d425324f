// The console's keymap (D-KEYS, D-HEADSET): every call action has a key that works while the
// cursor is in the search field. Defaults are F-keys and chords nobody types into a search; the
// operator's settings (settings.calls.keymap) override them per action. Pure: no DOM, so the
// node tier counts the keys of the standard flows from this very table.

export const ACTIONS = [
  'help',
  'answer',
  'hold',
  'hangup',
  'dial',
  'announced',
  'complete',
  'cancel',
  'blind',
  'safe',
  'voicemail',
  'message',
  'mute',
  'dtmf',
  'park',
  'retrieve1',
  'retrieve2',
  'retrieve3',
  'retrieve4',
  'retrieve5',
  'retrieve6',
  'retrieve7',
  'retrieve8',
  'retrieve9',
  'absence',
  'pickup',
  'watchUnit',
  'extInfo',
  'staffLookup',
  'nightService',
  'switchboardHours',
  'dialOut',
] as const;
export type ActionId = (typeof ACTIONS)[number];
export type Keymap = Readonly<Record<ActionId, string>>;

/**
 * Key names are KeyboardEvent.key values, chords joined with '+' in the order
 * Control+Alt+Shift+Meta+key ("F2", "Shift+F7", "Control+1", "Enter", "Escape").
 */
export const DEFAULT_KEYMAP: Keymap = {
  help: 'F1',
  answer: 'F2',
  hold: 'F3',
  hangup: 'F4',
  // Enter in the search field: with a caller on the line it starts an announced transfer to the
  // number typed (or the directory's selected entry); with no call it dials out.
  dial: 'Enter',
  announced: 'F5',
  complete: 'F6',
  cancel: 'Escape',
  blind: 'F7',
  safe: 'F8',
  voicemail: 'Shift+F7',
  message: 'Shift+F8',
  mute: 'F9',
  dtmf: 'F10',
  park: 'F11',
  retrieve1: 'Control+1',
  retrieve2: 'Control+2',
  retrieve3: 'Control+3',
  retrieve4: 'Control+4',
  retrieve5: 'Control+5',
  retrieve6: 'Control+6',
  retrieve7: 'Control+7',
  retrieve8: 'Control+8',
  retrieve9: 'Control+9',
  // Code (or clear) the absence of the person on the contact card (P-RECODE): Alt+F, a digit, Enter.
  absence: 'Alt+f',
  // Pick up the call ringing at the card's (or the only ringing watched) extension (P-PICKUP).
  pickup: 'Insert',
  watchUnit: 'Alt+e',
  // Referral scripts (P-EXT-INFO, P-STAFF-LOOKUP): shown to read out; Enter transfers (external) or closes.
  extInfo: 'Shift+F9',
  staffLookup: 'Shift+F10',
  // P-AFTERHOURS: "Stäng växeln" / "Öppna växeln" (a confirm with the municipality chosen; Enter
  // switches), and the settings screen "Växelns öppettider".
  nightService: 'Shift+F11',
  switchboardHours: 'Control+F11',
  // Guided dial-out "Koppla ut" (P-DIALOUT): Shift+F5 opens it, type the number, Enter calls (the
  // caller held), F6 connects, Escape returns to the caller.
  dialOut: 'Shift+F5',
};

/** Keys the console never takes, whatever the settings say (window close, reload, devtools). */
// Window keys, and the contact card's own keys (copy Alt+1..3, new notice Alt+N, opening hours
// Alt+O, notice history Alt+H: bindings.ts) and a new order (Alt+B), which no action may take over.
const RESERVED = new Set(['Alt+F4', 'Control+w', 'Control+W', 'Control+q', 'Control+Q', 'F12', 'Control+r', 'Control+R', 'Alt+1', 'Alt+2', 'Alt+3', 'Alt+n', 'Alt+o', 'Alt+h', 'Alt+b']);

/** The defaults overridden by the operator's settings; unknown actions and reserved keys are ignored. */
export function resolveKeymap(overrides: Readonly<Record<string, string>> | undefined): Keymap {
  const map: Record<ActionId, string> = { ...DEFAULT_KEYMAP };
  for (const [action, key] of Object.entries(overrides ?? {})) {
    if ((ACTIONS as readonly string[]).includes(action) && key && !RESERVED.has(key)) map[action as ActionId] = key;
  }
  return map;
}

/** The chord name of a key event, in keymap form. */
export function chordOf(e: { key: string; ctrlKey: boolean; altKey: boolean; shiftKey: boolean; metaKey: boolean }): string {
  const parts: string[] = [];
  if (e.ctrlKey) parts.push('Control');
  if (e.altKey) parts.push('Alt');
  // Shift on a printable key is part of the character ('?' is Shift+/): name the character only.
  if (e.shiftKey && e.key.length > 1) parts.push('Shift');
  if (e.metaKey) parts.push('Meta');
  parts.push(e.key.length === 1 && (e.ctrlKey || e.altKey) ? e.key.toLowerCase() : e.key);
  return parts.join('+');
}

/** The action bound to a chord, if any. */
export function actionFor(keymap: Keymap, chord: string): ActionId | null {
  for (const action of ACTIONS) if (keymap[action] === chord) return action;
  return null;
}

/** How many physical keys a chord takes ("Shift+F7" is 2). */
export function keysInChord(chord: string): number {
  return chord.split('+').length;
}

// ---- the standard flows (P-FAST): counted, never timed -----------------------------------

/** A mapped action, typed text, or a plain key outside the keymap (Enter in the results list). */
export type FlowStep = { readonly key: ActionId } | { readonly type: string } | { readonly press: string };

export interface Flow {
  readonly id: string;
  readonly steps: readonly FlowStep[];
}

/** What operators do all day, as keys and typed text. The typed text is an example. */
export const STANDARD_FLOWS: readonly Flow[] = [
  // answer, type the name, Enter opens the top hit's card, F5 calls them, F6 completes
  { id: 'announced', steps: [{ key: 'answer' }, { type: 'karl' }, { press: 'Enter' }, { key: 'announced' }, { key: 'complete' }] },
  { id: 'announced-cancel', steps: [{ key: 'answer' }, { type: 'karl' }, { press: 'Enter' }, { key: 'announced' }, { key: 'cancel' }] },
  // a typed extension needs no card: Enter starts the announced transfer at once
  { id: 'announced-by-extension', steps: [{ key: 'answer' }, { type: '2001' }, { key: 'dial' }, { key: 'complete' }] },
  { id: 'blind', steps: [{ key: 'answer' }, { type: 'karl' }, { press: 'Enter' }, { key: 'blind' }] },
  { id: 'safe', steps: [{ key: 'answer' }, { type: 'karl' }, { press: 'Enter' }, { key: 'safe' }] },
  { id: 'safe-recall-retry', steps: [{ key: 'safe' }] },
  { id: 'voicemail', steps: [{ key: 'answer' }, { type: 'karl' }, { press: 'Enter' }, { key: 'voicemail' }] },
  { id: 'dial-out', steps: [{ type: '0701234567' }, { key: 'dial' }] },
  { id: 'hold-resume', steps: [{ key: 'hold' }, { key: 'hold' }] },
  { id: 'park-retrieve', steps: [{ key: 'park' }, { key: 'retrieve1' }] },
  { id: 'answer-hangup', steps: [{ key: 'answer' }, { key: 'hangup' }] },
  // the script on screen, then Enter: blind transfer to the configured number (or close)
  { id: 'ext-info', steps: [{ key: 'extInfo' }, { press: 'Enter' }] },
  // reading the script out needs no key to close it: the next call key (F4, F7 …) works over it
  { id: 'staff-lookup', steps: [{ key: 'staffLookup' }] },
  // "Stäng växeln" / "Öppna växeln": the confirm opens with the municipality chosen, Enter switches
  { id: 'night-service', steps: [{ key: 'nightService' }, { press: 'Enter' }] },
  // P-DIALOUT with a caller on the line: open "Koppla ut", type the number as said, Enter calls, F6 connects
  { id: 'guided-dial-out', steps: [{ key: 'dialOut' }, { type: '+442079460958' }, { press: 'Enter' }, { key: 'complete' }] },
  { id: 'guided-dial-out-back', steps: [{ key: 'dialOut' }, { type: '+442079460958' }, { press: 'Enter' }, { press: 'Escape' }] },
];

export interface FlowCount {
  readonly id: string;
  /** Physical key presses for the actions (a chord counts each key). */
  readonly keys: number;
  /** Characters typed (names, numbers). */
  readonly typed: number;
  /** Presses: a chord held together (Shift+F9) is one press, as the operator experiences it. */
  readonly presses: number;
}

export function countFlow(flow: Flow, keymap: Keymap): FlowCount {
  let keys = 0;
  let typed = 0;
  let presses = 0;
  for (const step of flow.steps) {
    if ('key' in step) keys += keysInChord(keymap[step.key]);
    else if ('press' in step) keys += keysInChord(step.press);
    else typed += step.type.length;
    if (!('type' in step)) presses += 1;
  }
  return { id: flow.id, keys, typed, presses };
}
