// The headset the operator chose (D-HEADSET): a USB vendor/product pair, or "none". Buttons that
// the HID telephony page leaves to the application (Flash, Redial) are configurable: hold/resume,
// swap between the call and the held one, answer the next caller, redial the last dialled number,
// or nothing.
import { z } from 'zod';

export const HeadsetButtonActions = ['none', 'hold', 'swap', 'answer-next', 'redial'] as const;
const ButtonAction = z.enum(HeadsetButtonActions);

export const HeadsetDevice = z.object({
  vendorId: z.number().int().min(0).max(0xffff),
  productId: z.number().int().min(0).max(0xffff),
  /** The product name Chromium showed when it was chosen; display only. */
  name: z.string().max(120).default(''),
  flash: ButtonAction.default('hold'),
  redial: ButtonAction.default('none'),
});
export type HeadsetDevice = z.infer<typeof HeadsetDevice>;

export const HeadsetSetting = z.union([z.literal('none'), HeadsetDevice]);
export type HeadsetSetting = z.infer<typeof HeadsetSetting>;
