// Turns headset button reports into console actions, given what the console is doing. Pure and
// clock-injected so the same rules run in tests and in the renderer.
//
// The hook switch is a level on most headsets (1 = off-hook) and the host drives the Off-Hook lamp
// so the two agree. So a hook report is read against the console's state, not the last report:
// off-hook while not in a call answers, on-hook while in a call hangs up, and a report that agrees
// with the console (the echo of the lamp we just set, a repeat) does nothing. Toggle hooks (relative
// items, or a vendor quirk) act on the press.
import type { HeadsetQuirks } from './quirks';
import type { HeadsetControl } from './usages';

export type HeadsetButtonAction = 'none' | 'hold' | 'swap' | 'answer-next' | 'redial';
export interface HeadsetButtonConfig {
  readonly flash: HeadsetButtonAction;
  readonly redial: HeadsetButtonAction;
}
export const DEFAULT_BUTTONS: HeadsetButtonConfig = { flash: 'hold', redial: 'none' };

export interface ConsoleCallState {
  /** Calls waiting in the queue. */
  readonly ringing: number;
  /** A call the operator talks on (not held). */
  readonly inCall: boolean;
  readonly muted: boolean;
  readonly held: number;
}

export type HeadsetAction = 'answer' | 'hangup' | 'toggle-mute' | 'hold' | 'swap' | 'answer-next' | 'redial';

/** After the host changes the Off-Hook lamp, a disagreeing hook level this soon is the device catching up. */
export const HOOK_SETTLE_MS = 1000;

export class HeadsetInterpreter {
  private readonly last = new Map<HeadsetControl, number>();
  private readonly pressedAt = new Map<HeadsetControl, number>();
  private lampChangedAt = Number.NEGATIVE_INFINITY;
  private lampOffHook = false;

  constructor(
    private readonly quirks: HeadsetQuirks,
    private readonly buttons: HeadsetButtonConfig,
    private readonly now: () => number,
  ) {}

  /** The host set the Off-Hook lamp (call state changed, or a re-plug restored it). */
  lampSet(offHook: boolean): void {
    if (offHook !== this.lampOffHook) this.lampChangedAt = this.now();
    this.lampOffHook = offHook;
  }

  /** Forget edge memory (the device was re-opened and starts from its own idle state). */
  reset(): void {
    this.last.clear();
    this.pressedAt.clear();
  }

  /** One control's value from an input report. Returns the action to take, or null. */
  feed(control: HeadsetControl, value: number, isAbsolute: boolean, state: ConsoleCallState): HeadsetAction | null {
    const previous = this.last.get(control) ?? 0;
    this.last.set(control, value);
    if (control === 'hook' && isAbsolute && !this.quirks.hookIsToggle) return this.hookLevel(value !== 0, state);
    const pressed = value !== 0 && previous === 0;
    if (!pressed || this.bounced(control)) return null;
    switch (control) {
      case 'hook':
        if (state.inCall) return 'hangup';
        return state.ringing > 0 ? 'answer' : null;
      case 'mute':
        return state.inCall ? 'toggle-mute' : null;
      case 'flash':
      case 'redial':
        return this.button(this.buttons[control], state);
      default:
        return null;
    }
  }

  private hookLevel(offHook: boolean, state: ConsoleCallState): HeadsetAction | null {
    if (offHook === state.inCall) return null; // agrees: echo of our lamp, or a repeat
    if (this.now() - this.lampChangedAt < HOOK_SETTLE_MS && offHook !== this.lampOffHook) return null; // not yet in step
    if (offHook) return state.ringing > 0 ? 'answer' : null;
    return 'hangup';
  }

  private button(action: HeadsetButtonAction, state: ConsoleCallState): HeadsetAction | null {
    if (action === 'hold') return state.inCall || state.held > 0 ? 'hold' : null;
    if (action === 'swap') return state.held > 0 ? 'swap' : null;
    if (action === 'answer-next') return state.ringing > 0 ? 'answer-next' : null;
    // Only from an idle line: mid-call the press would put the caller on hold to call out.
    if (action === 'redial') return state.inCall ? null : 'redial';
    return null;
  }

  private bounced(control: HeadsetControl): boolean {
    if (this.quirks.pressDebounceMs <= 0) return false;
    const t = this.now();
    const before = this.pressedAt.get(control);
    this.pressedAt.set(control, t);
    return before !== undefined && t - before < this.quirks.pressDebounceMs;
  }
}
