// Finds the chosen headset among the granted HID devices, attaches it, and follows it through
// unplug (`disconnect`) and replug (`connect`). The chooser asks only for the Telephony usage page,
// which is also the only one the Electron permission handler grants.
import { hasTelephony } from '../../common/headset/layout';
import type { HeadsetDevice } from '../../common/headset/settings';
import { TELEPHONY_PAGE } from '../../common/headset/usages';
import type { HeadsetController } from './controller';

export const TELEPHONY_FILTERS: HIDDeviceFilter[] = [{ usagePage: TELEPHONY_PAGE }];

/** navigator.hid, or a stand-in with the same shape. */
export type HidApi = Pick<HID, 'getDevices' | 'requestDevice' | 'addEventListener' | 'removeEventListener'>;

export type HeadsetChoice = Pick<HeadsetDevice, 'vendorId' | 'productId' | 'name'>;

/** A device is the chosen one when ids match and it exposes telephony (one HIDDevice per interface). */
export function matches(device: HIDDevice, choice: Pick<HeadsetChoice, 'vendorId' | 'productId'>): boolean {
  return device.vendorId === choice.vendorId && device.productId === choice.productId && hasTelephony(device.collections);
}

/** Opens the browser's device chooser (needs a user gesture); null when the operator cancels. */
export async function chooseHeadset(hid: HidApi): Promise<HeadsetChoice | null> {
  const devices = await hid.requestDevice({ filters: TELEPHONY_FILTERS });
  const device = devices.find((d) => hasTelephony(d.collections));
  return device ? { vendorId: device.vendorId, productId: device.productId, name: device.productName.slice(0, 120) } : null;
}

export class HeadsetManager {
  private choice: Pick<HeadsetChoice, 'vendorId' | 'productId'> | null = null;
  private readonly onConnect = (e: HIDConnectionEvent) => {
    if (this.choice && !this.controller.device && matches(e.device, this.choice)) void this.controller.attach(e.device);
  };
  private readonly onDisconnect = (e: HIDConnectionEvent) => void this.controller.detach(e.device);

  constructor(
    private readonly hid: HidApi,
    private readonly controller: HeadsetController,
  ) {
    hid.addEventListener('connect', this.onConnect);
    hid.addEventListener('disconnect', this.onDisconnect);
  }

  /** Uses this headset from now on (or none), attaching it if it is plugged in and granted. */
  async use(choice: Pick<HeadsetChoice, 'vendorId' | 'productId'> | null): Promise<boolean> {
    this.choice = choice;
    const current = this.controller.device;
    if (current && (!choice || !matches(current, choice))) await this.controller.detach();
    if (!choice) return false;
    if (this.controller.device) return true;
    for (const device of await this.hid.getDevices()) {
      if (matches(device, choice) && (await this.controller.attach(device))) return true;
    }
    return false;
  }

  async stop(): Promise<void> {
    this.hid.removeEventListener('connect', this.onConnect);
    this.hid.removeEventListener('disconnect', this.onDisconnect);
    await this.controller.dispose();
  }
}
