// HID usages a telephony headset speaks (USB HID Usage Tables 1.4: page 0x0B Telephony, page 0x08
// LEDs). WebHID reports a usage as one 32-bit number, usage page in the high 16 bits.
export const TELEPHONY_PAGE = 0x0b;
export const LED_PAGE = 0x08;

export const usage = (page: number, id: number): number => ((page << 16) | id) >>> 0;

/** Buttons the headset sends (input items). */
export const INPUT_USAGES = {
  hook: usage(TELEPHONY_PAGE, 0x20), // Hook Switch
  flash: usage(TELEPHONY_PAGE, 0x21), // Flash
  redial: usage(TELEPHONY_PAGE, 0x24), // Redial
  mute: usage(TELEPHONY_PAGE, 0x2f), // Phone Mute
  busy: usage(TELEPHONY_PAGE, 0x97), // Line Busy Tone (read, no action)
} as const;
export type HeadsetControl = keyof typeof INPUT_USAGES;

/** Lamps the host drives (output items). */
export const OUTPUT_USAGES = {
  mute: usage(LED_PAGE, 0x09), // Mute
  offHook: usage(LED_PAGE, 0x17), // Off-Hook
  ring: usage(LED_PAGE, 0x18), // Ring
  hold: usage(LED_PAGE, 0x20), // Hold
  microphone: usage(LED_PAGE, 0x21), // Microphone
  online: usage(LED_PAGE, 0x2a), // On-Line
} as const;
export type HeadsetLed = keyof typeof OUTPUT_USAGES;

export const HEADSET_CONTROLS = Object.keys(INPUT_USAGES) as HeadsetControl[];
export const HEADSET_LEDS = Object.keys(OUTPUT_USAGES) as HeadsetLed[];
