// The console's headset: built once per console from the settings, fed by navigator.hid. HID input
// reports reach the page whether or not its window has focus, so the buttons work in the background.
// The status store says which headset is chosen and whether it is attached right now.
import type { StoreApi } from 'zustand/vanilla';
import { createStore } from 'zustand/vanilla';
import type { Settings } from '../../common/settings/schema';
import type { HeadsetDevice } from '../../common/headset/settings';
import type { CallsState } from '../sip/stores';
import type { HeadsetButtonConfig } from '../../common/headset/interpret';
import { HeadsetController, type HeadsetPhone } from './controller';
import type { HeadsetLog } from './driver';
import { chooseHeadset, HeadsetManager, type HidApi } from './manager';

export { HeadsetController } from './controller';
export { HeadsetManager, chooseHeadset, TELEPHONY_FILTERS } from './manager';

export interface HeadsetStatus {
  readonly supported: boolean;
  /** The chosen headset with its Flash and Redial choices. */
  readonly chosen: HeadsetDevice | null;
  readonly connected: boolean;
}

export interface ConsoleHeadset {
  readonly status: StoreApi<HeadsetStatus>;
  /** Opens the device chooser (call from a click); the chosen device is used at once and returned. */
  choose(): Promise<HeadsetDevice | null>;
  /** New Flash/Redial choices for the chosen headset take effect at once; returns the device to save. */
  configure(buttons: HeadsetButtonConfig): HeadsetDevice | null;
  dispose(): void;
}

export function startHeadset(settings: Settings, phone: HeadsetPhone, calls: StoreApi<CallsState>, log: HeadsetLog, hid: HidApi | undefined = navigator.hid): ConsoleHeadset {
  const setting = settings.headset && settings.headset !== 'none' ? settings.headset : null;
  const status = createStore<HeadsetStatus>()(() => ({ supported: hid !== undefined, chosen: setting, connected: false }));
  if (!hid) return { status, choose: async () => null, configure: () => null, dispose: () => undefined };
  const onAttached = (connected: boolean) => status.setState({ connected });
  const controller = new HeadsetController({ phone, calls, log, onAttached, ...(setting ? { buttons: { flash: setting.flash, redial: setting.redial } } : {}) });
  const manager = new HeadsetManager(hid, controller);
  if (setting) manager.use(setting).catch(() => log({ level: 'error', code: 'headset.use-failed' }));
  return {
    status,
    async choose() {
      const picked = await chooseHeadset(hid);
      if (!picked) return null;
      const previous = status.getState().chosen;
      const device: HeadsetDevice = { ...picked, flash: previous?.flash ?? 'hold', redial: previous?.redial ?? 'none' };
      status.setState({ chosen: device });
      await manager.use(device);
      if (previous && (previous.vendorId !== device.vendorId || previous.productId !== device.productId)) log({ level: 'info', code: 'headset.changed' });
      return device;
    },
    configure(buttons) {
      const chosen = status.getState().chosen;
      if (!chosen) return null;
      const device: HeadsetDevice = { ...chosen, ...buttons };
      status.setState({ chosen: device });
      controller.configure(buttons);
      return device;
    },
    dispose() {
      void manager.stop();
    },
  };
}
