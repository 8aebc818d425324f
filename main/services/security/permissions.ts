// What the Electron window may be granted (issue 15 point 5): only our own page, and only what the
// console needs: the microphone (calls), output device choice (ring tone), notifications
// (incoming call in the background), and HID for headsets on the telephony usage page (0x0B).
import { isTrustedSender } from '../ipc/senderCheck';

export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['media', 'speaker-selection', 'notifications', 'hid']);
/** USB HID usage tables: page 0x0B is Telephony Devices (hook switch, mute, ring LEDs). */
export const TELEPHONY_USAGE_PAGE = 0x0b;

/** Our renderer is a file:// page; Electron reports its origin as "file://" where it has no URL. */
export function isOwnOrigin(url: string | undefined, rendererUrl: string): boolean {
  if (url === 'file://' || url === 'file:///') return rendererUrl.startsWith('file://');
  return isTrustedSender({ isOurMainFrame: true, url }, rendererUrl);
}

export function isPermissionAllowed(permission: string, url: string | undefined, rendererUrl: string, mediaTypes?: readonly string[]): boolean {
  if (!ALLOWED_PERMISSIONS.has(permission) || !isOwnOrigin(url, rendererUrl)) return false;
  // Calls need audio only; a camera request is a page doing something we did not write.
  if (permission === 'media' && mediaTypes && mediaTypes.some((t) => t !== 'audio')) return false;
  return true;
}

export interface HidDeviceLike {
  collections?: readonly { usagePage: number }[];
}

/** A headset: a HID device with at least one top-level collection on the telephony page. */
export function isTelephonyHid(device: object): boolean {
  const collections = (device as HidDeviceLike).collections;
  return Array.isArray(collections) && collections.some((c) => c.usagePage === TELEPHONY_USAGE_PAGE);
}

export function isDevicePermissionAllowed(deviceType: string, device: object, origin: string, rendererUrl: string): boolean {
  return deviceType === 'hid' && isOwnOrigin(origin, rendererUrl) && isTelephonyHid(device);
}
