// Which headset answers navigator.hid.requestDevice() in Electron (select-hid-device): only devices
// with a telephony (0x0B) collection are offered; one is taken as it is, several are put to the
// operator by name (Electron has no chooser of its own). Pure, so Node tests cover the decision.

export interface HidDeviceOffer {
  readonly deviceId: string;
  readonly name?: string;
  readonly vendorId: number;
  readonly productId: number;
  readonly collections?: readonly { readonly usagePage: number }[];
}

export interface HeadsetChoice {
  readonly deviceId: string;
  /** What the operator sees: the product name, or the USB ids where the device gives no name. */
  readonly label: string;
}

const TELEPHONY_PAGE = 0x0b;
const hex = (n: number) => n.toString(16).padStart(4, '0');

/** The telephony devices on offer, each once (Windows lists one entry per top-level collection). */
export function headsetChoices(devices: readonly HidDeviceOffer[]): HeadsetChoice[] {
  const seen = new Set<string>();
  const out: HeadsetChoice[] = [];
  for (const d of devices) {
    if (!d.collections?.some((c) => c.usagePage === TELEPHONY_PAGE) || seen.has(d.deviceId)) continue;
    seen.add(d.deviceId);
    const name = (d.name ?? '').trim().slice(0, 120);
    out.push({ deviceId: d.deviceId, label: name || `USB ${hex(d.vendorId)}:${hex(d.productId)}` });
  }
  // Same product twice (two of one model): the labels say which is which.
  const counts = new Map<string, number>();
  for (const c of out) counts.set(c.label, (counts.get(c.label) ?? 0) + 1);
  const numbered = new Map<string, number>();
  return out.map((c) => {
    if ((counts.get(c.label) ?? 0) < 2) return c;
    const n = (numbered.get(c.label) ?? 0) + 1;
    numbered.set(c.label, n);
    return { ...c, label: `${c.label} (${n})` };
  });
}

/**
 * The device to grant: none offered → null; one → it; several → `ask` shows the labels and
 * returns the picked index, or -1 (cancelled) → null.
 */
export async function pickHeadset(choices: readonly HeadsetChoice[], ask: (labels: string[]) => Promise<number>): Promise<string | null> {
  if (choices.length === 0) return null;
  if (choices.length === 1) return choices[0]!.deviceId;
  const index = await ask(choices.map((c) => c.label));
  return Number.isInteger(index) && index >= 0 && index < choices.length ? choices[index]!.deviceId : null;
}
