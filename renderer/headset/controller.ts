// Binds one headset at a time to the console: buttons → Softphone actions, calls store → lamps.
// Unplugging detaches the device and leaves every call alone; plugging it back in restores the
// lamps to the console's state before any button counts.
import type { StoreApi } from 'zustand/vanilla';
import { DEFAULT_BUTTONS, HeadsetInterpreter, type ConsoleCallState, type HeadsetAction, type HeadsetButtonConfig } from '../../common/headset/interpret';
import type { HeadsetControl } from '../../common/headset/usages';
import { selectActiveCall, selectHeld, selectQueue, type CallsState } from '../sip/stores';
import { HeadsetDriver, type HeadsetLamps, type HeadsetLog } from './driver';

/** The Softphone façade methods a headset uses (their results are not needed here). */
export interface HeadsetPhone {
  answer(id?: string): Promise<unknown>;
  hangup(id?: string): Promise<unknown>;
  toggleMute(): unknown;
  toggleHold(): Promise<unknown>;
  /** Resumes the most recently held call, holding the active one first (a swap). */
  resume(): Promise<unknown>;
  /** Calls the last dialled number again (kept in memory only, never logged). */
  redial(): Promise<unknown>;
}

export interface HeadsetControllerDeps {
  readonly phone: HeadsetPhone;
  readonly calls: StoreApi<CallsState>;
  readonly log: HeadsetLog;
  readonly buttons?: HeadsetButtonConfig;
  readonly now?: () => number;
  /** Told when a device is attached or let go (for the status text). */
  readonly onAttached?: (attached: boolean) => void;
}

export function callStateOf(s: Pick<CallsState, 'calls'>): ConsoleCallState {
  const active = selectActiveCall(s);
  return { ringing: selectQueue(s).length, inCall: active !== null, muted: active?.muted ?? false, held: selectHeld(s).length };
}

export function lampsOf(state: ConsoleCallState, inCallLeds: readonly string[]): HeadsetLamps {
  const mute = state.inCall && state.muted;
  // Microphone follows mute too: the headset's own mute sync waits for it (WICG/webhid issue #72).
  return { offHook: state.inCall, ring: state.ringing > 0, mute, microphone: mute, hold: state.held > 0, online: state.inCall && inCallLeds.includes('online') };
}

export class HeadsetController {
  private driver: HeadsetDriver | null = null;
  private interpreter: HeadsetInterpreter | null = null;
  private busy = false;
  private readonly unsubscribe: () => void;
  private buttons: HeadsetButtonConfig;
  private readonly now: () => number;

  constructor(private readonly deps: HeadsetControllerDeps) {
    this.buttons = deps.buttons ?? DEFAULT_BUTTONS;
    this.now = deps.now ?? (() => Date.now());
    this.unsubscribe = deps.calls.subscribe(() => void this.syncLamps(false));
  }

  get device(): HIDDevice | null {
    return this.driver?.device ?? null;
  }

  configure(buttons: HeadsetButtonConfig): void {
    this.buttons = buttons;
    if (this.driver) this.interpreter = new HeadsetInterpreter(this.driver.quirks, buttons, this.now);
  }

  /** Opens the device and brings its lamps to the console's state; buttons count from then on. */
  async attach(device: HIDDevice): Promise<boolean> {
    if (this.driver?.device === device) return true;
    await this.detach();
    const driver = new HeadsetDriver(device, (c, v, abs) => this.onControl(c, v, abs), this.deps.log);
    if (!driver.hasHook) {
      this.deps.log({ level: 'warn', code: 'headset.no-hook-switch', detail: { vendorId: device.vendorId, productId: device.productId } });
      return false;
    }
    try {
      await driver.open();
    } catch {
      this.deps.log({ level: 'error', code: 'headset.open-failed', detail: { vendorId: device.vendorId, productId: device.productId } });
      return false;
    }
    this.driver = driver;
    this.interpreter = new HeadsetInterpreter(driver.quirks, this.buttons, this.now);
    await this.syncLamps(true);
    this.deps.onAttached?.(true);
    this.deps.log({ level: 'info', code: 'headset.attached', detail: { vendor: driver.quirks.vendor } });
    return true;
  }

  /** Lets go of the device (unplugged or changed); calls are not touched. */
  async detach(device?: HIDDevice): Promise<void> {
    const driver = this.driver;
    if (!driver || (device && driver.device !== device)) return;
    this.driver = null;
    this.interpreter = null;
    await driver.close();
    this.deps.onAttached?.(false);
    this.deps.log({ level: 'info', code: 'headset.detached' });
  }

  async dispose(): Promise<void> {
    this.unsubscribe();
    const driver = this.driver;
    if (driver) await driver.setLamps(lampsOf({ ringing: 0, inCall: false, muted: false, held: 0 }, driver.quirks.inCallLeds));
    await this.detach();
  }

  private async syncLamps(force: boolean): Promise<void> {
    const driver = this.driver;
    if (!driver) return;
    const lamps = lampsOf(callStateOf(this.deps.calls.getState()), driver.quirks.inCallLeds);
    this.interpreter?.lampSet(lamps.offHook);
    await driver.setLamps(lamps, force);
  }

  private onControl(control: HeadsetControl, value: number, isAbsolute: boolean): void {
    const interpreter = this.interpreter;
    if (!interpreter) return;
    const action = interpreter.feed(control, value, isAbsolute, callStateOf(this.deps.calls.getState()));
    if (action && !this.busy) void this.run(action);
    else if (value !== 0 && this.driver?.quirks.replyToEveryPress) void this.syncLamps(true);
  }

  /** One action at a time: a repeated report while an answer is in flight must not answer the next caller. */
  private async run(action: HeadsetAction): Promise<void> {
    this.busy = true;
    try {
      switch (action) {
        case 'answer':
        case 'answer-next':
          await this.deps.phone.answer();
          break;
        case 'hangup':
          await this.deps.phone.hangup();
          break;
        case 'toggle-mute':
          this.deps.phone.toggleMute();
          break;
        case 'hold':
          await this.deps.phone.toggleHold();
          break;
        case 'swap':
          await this.deps.phone.resume();
          break;
        case 'redial':
          await this.deps.phone.redial();
          break;
      }
    } catch {
      this.deps.log({ level: 'error', code: 'headset.action-failed', detail: { action } });
    } finally {
      this.busy = false;
      await this.syncLamps(this.driver?.quirks.replyToEveryPress ?? false);
    }
  }
}
