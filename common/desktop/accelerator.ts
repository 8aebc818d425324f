// Global shortcut strings (Electron accelerators, "CommandOrControl+Alt+F2") checked before they
// reach globalShortcut.register: a typo or a key that would swallow ordinary typing in every other
// program is refused with a reason, and two actions on one key are reported.
import type { GlobalShortcutAction, GlobalShortcuts } from '../settings/schema';

const MODIFIERS = new Map(
  Object.entries({
    command: 'Command',
    cmd: 'Command',
    control: 'Control',
    ctrl: 'Control',
    commandorcontrol: 'CommandOrControl',
    cmdorctrl: 'CommandOrControl',
    alt: 'Alt',
    option: 'Alt',
    altgr: 'AltGr',
    shift: 'Shift',
    super: 'Super',
    meta: 'Super',
  }),
);

const NAMED_KEYS = [
  'Plus',
  'Space',
  'Tab',
  'Capslock',
  'Numlock',
  'Scrolllock',
  'Backspace',
  'Delete',
  'Insert',
  'Return',
  'Enter',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
  'Esc',
  'PrintScreen',
  'VolumeUp',
  'VolumeDown',
  'VolumeMute',
  'MediaNextTrack',
  'MediaPreviousTrack',
  'MediaStop',
  'MediaPlayPause',
  'num0',
  'num1',
  'num2',
  'num3',
  'num4',
  'num5',
  'num6',
  'num7',
  'num8',
  'num9',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
];
const NAMED = new Map(NAMED_KEYS.map((k) => [k.toLowerCase(), k]));
const PUNCTUATION = new Set([')', '!', '@', '#', '$', '%', '^', '&', '*', '(', ':', ';', '<', '=', '>', '?', ',', '-', '_', '.', '/', '`', '~', '[', '{', '\\', '|', ']', '}', '"', "'"]);
/**
 * Keys the system or every program already means something by (close window, switch program, lock,
 * copy/paste/undo/save…): taken globally they would break the operator's other programs.
 */
const RESERVED = new Set(
  ['Alt+F4', 'Alt+Tab', 'Alt+Space', 'Alt+Escape', 'Control+Escape', 'Control+Alt+Delete', 'Control+Shift+Escape', 'Super+L', 'Super+D', 'Super+Tab']
    .concat(['A', 'C', 'V', 'X', 'Z', 'Y', 'S', 'P', 'F', 'W', 'N', 'T', 'Q'].flatMap((k) => [`Control+${k}`, `Command+${k}`, `CommandOrControl+${k}`]))
    .map((a) => a.toLowerCase()),
);

/** Keys that are free to take alone: nobody types with them (F13–F24, media keys). */
const ALONE_OK = /^(F1[3-9]|F2[0-4]|Media\w+|Volume\w+)$/;

export type AcceleratorCheck = { ok: true; accelerator: string } | { ok: false; reason: string };

/** Parses and normalises one accelerator ("ctrl+alt+f2" → "Control+Alt+F2"). */
export function checkAccelerator(text: string): AcceleratorCheck {
  const parts = text.split('+').map((p) => p.trim());
  // "Control++" means Control and the plus key
  if (text.endsWith('++')) parts.splice(parts.length - 2, 2, 'Plus');
  if (parts.some((p) => p === '')) return { ok: false, reason: 'empty part (a stray "+")' };
  const keyPart = parts.pop()!;
  const modifiers: string[] = [];
  for (const part of parts) {
    const mod = MODIFIERS.get(part.toLowerCase());
    if (!mod) return { ok: false, reason: `"${part}" is not a modifier (Control, Alt, Shift, Super, CommandOrControl)` };
    if (modifiers.includes(mod)) return { ok: false, reason: `${mod} given twice` };
    modifiers.push(mod);
  }
  if (MODIFIERS.has(keyPart.toLowerCase())) return { ok: false, reason: 'no key after the modifiers' };
  const key = normaliseKey(keyPart);
  if (!key) return { ok: false, reason: `"${keyPart}" is not a key Electron knows` };
  const typing = modifiers.every((m) => m === 'Shift');
  if (typing && !ALONE_OK.test(key)) {
    return { ok: false, reason: 'needs Control, Alt or Super: alone it would take the key from every other program' };
  }
  const accelerator = [...modifiers, key].join('+');
  if (RESERVED.has(accelerator.toLowerCase())) return { ok: false, reason: 'reserved: the system or other programs use this key' };
  return { ok: true, accelerator };
}

function normaliseKey(part: string): string | undefined {
  if (/^[a-z0-9]$/i.test(part)) return part.toUpperCase();
  if (/^f([1-9]|1[0-9]|2[0-4])$/i.test(part)) return part.toUpperCase();
  if (PUNCTUATION.has(part)) return part;
  return NAMED.get(part.toLowerCase());
}

export interface ShortcutPlan {
  /** Valid, distinct accelerators to register, by action. */
  register: { action: GlobalShortcutAction; accelerator: string }[];
  /** Actions left without a key, and why. */
  problems: { action: GlobalShortcutAction; accelerator: string; reason: string }[];
}

/** Which shortcuts to register: '' is off; invalid ones and the later of two equal ones are refused. */
export function planShortcuts(shortcuts: GlobalShortcuts): ShortcutPlan {
  const plan: ShortcutPlan = { register: [], problems: [] };
  const taken = new Map<string, GlobalShortcutAction>();
  for (const action of Object.keys(shortcuts) as GlobalShortcutAction[]) {
    const text = shortcuts[action].trim();
    if (!text) continue;
    const check = checkAccelerator(text);
    if (!check.ok) {
      plan.problems.push({ action, accelerator: text, reason: check.reason });
      continue;
    }
    const canonical = check.accelerator.toLowerCase();
    const other = taken.get(canonical);
    if (other) {
      plan.problems.push({ action, accelerator: text, reason: `the same key as ${other}` });
      continue;
    }
    taken.set(canonical, action);
    plan.register.push({ action, accelerator: check.accelerator });
  }
  return plan;
}
