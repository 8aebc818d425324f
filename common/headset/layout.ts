// Where each telephony button and lamp sits in a headset's reports, read from the WebHID
// `device.collections` structure (not raw descriptor bytes). The types below are the subset of
// the WebHID spec's HIDCollectionInfo/HIDReportInfo/HIDReportItem this needs, so common/ stays
// free of DOM types while a real HIDDevice's collections fit them structurally.
import { HEADSET_CONTROLS, HEADSET_LEDS, INPUT_USAGES, OUTPUT_USAGES, type HeadsetControl, type HeadsetLed } from './usages';

export interface HidReportItemLike {
  readonly isAbsolute?: boolean;
  readonly isArray?: boolean;
  readonly isRange?: boolean;
  readonly isConstant?: boolean;
  readonly usages?: readonly number[];
  readonly usageMinimum?: number;
  readonly usageMaximum?: number;
  readonly reportSize?: number;
  readonly reportCount?: number;
  readonly logicalMinimum?: number;
}
export interface HidReportInfoLike {
  readonly reportId?: number;
  readonly items?: readonly HidReportItemLike[];
}
export interface HidCollectionLike {
  readonly usagePage?: number;
  readonly usage?: number;
  readonly children?: readonly HidCollectionLike[];
  readonly inputReports?: readonly HidReportInfoLike[];
  readonly outputReports?: readonly HidReportInfoLike[];
}

/** One field: report id, first bit (LSB first, after the report id byte), width. */
export interface HidField {
  readonly reportId: number;
  readonly bitOffset: number;
  readonly bitSize: number;
  /** false: a relative item (a press is a 1 followed by a 0, never a level). */
  readonly isAbsolute: boolean;
  /** Array item: the field holds usage indices instead of one value per usage. */
  readonly array?: { readonly count: number; readonly usages: readonly number[]; readonly logicalMinimum: number };
}

export interface HeadsetLayout {
  readonly inputs: Partial<Record<HeadsetControl, HidField>>;
  readonly outputs: Partial<Record<HeadsetLed, HidField>>;
  /** Output report lengths in bytes (without the report id byte), by report id. */
  readonly outputReportBytes: ReadonlyMap<number, number>;
}

function usagesOf(item: HidReportItemLike): number[] {
  if (item.isRange && item.usageMinimum !== undefined && item.usageMaximum !== undefined) {
    const out: number[] = [];
    for (let u = item.usageMinimum; u <= item.usageMaximum && out.length < 4096; u++) out.push(u >>> 0);
    return out;
  }
  return (item.usages ?? []).map((u) => u >>> 0);
}

type Side = 'inputReports' | 'outputReports';

/** Walks collections depth first (descriptor order), keeping a running bit offset per report id. */
function walk(collections: readonly HidCollectionLike[], side: Side, visit: (usage: number, field: HidField) => void, offsets = new Map<number, number>()): Map<number, number> {
  for (const collection of collections) {
    for (const report of collection[side] ?? []) {
      const reportId = report.reportId ?? 0;
      for (const item of report.items ?? []) {
        const size = item.reportSize ?? 0;
        const count = item.reportCount ?? 0;
        const start = offsets.get(reportId) ?? 0;
        offsets.set(reportId, start + size * count);
        if (item.isConstant) continue; // padding
        const usages = usagesOf(item);
        if (usages.length === 0) continue;
        if (item.isArray) {
          const array = { count, usages, logicalMinimum: item.logicalMinimum ?? 0 };
          for (const u of usages) visit(u, { reportId, bitOffset: start, bitSize: size, isAbsolute: item.isAbsolute ?? true, array });
          continue;
        }
        // Variable item: field i carries usages[i]; a shorter list repeats its last usage.
        for (let i = 0; i < count; i++) {
          const u = usages[Math.min(i, usages.length - 1)]!;
          if (i >= usages.length) break; // repeated usage: the first field is the one that counts
          visit(u, { reportId, bitOffset: start + i * size, bitSize: size, isAbsolute: item.isAbsolute ?? true });
        }
      }
    }
    if (collection.children?.length) walk(collection.children, side, visit, offsets);
  }
  return offsets;
}

const byUsage = <K extends string>(table: Readonly<Record<K, number>>): Map<number, K> => new Map(Object.entries(table).map(([k, v]) => [v as number, k as K]));
const INPUT_BY_USAGE = byUsage<HeadsetControl>(INPUT_USAGES);
const OUTPUT_BY_USAGE = byUsage<HeadsetLed>(OUTPUT_USAGES);

/** The telephony fields of a device; the first occurrence of a usage wins. */
export function parseLayout(collections: readonly HidCollectionLike[]): HeadsetLayout {
  const inputs: Partial<Record<HeadsetControl, HidField>> = {};
  const outputs: Partial<Record<HeadsetLed, HidField>> = {};
  walk(collections, 'inputReports', (u, field) => {
    const control = INPUT_BY_USAGE.get(u);
    if (control && !inputs[control]) inputs[control] = field;
  });
  const bits = walk(collections, 'outputReports', (u, field) => {
    const led = OUTPUT_BY_USAGE.get(u);
    if (led && !outputs[led]) outputs[led] = field;
  });
  const outputReportBytes = new Map<number, number>();
  for (const [id, n] of bits) outputReportBytes.set(id, Math.ceil(n / 8));
  return { inputs, outputs, outputReportBytes };
}

/** True when the device has a Telephony collection anywhere (the chooser filter's usage page). */
export function hasTelephony(collections: readonly HidCollectionLike[]): boolean {
  return collections.some((c) => c.usagePage === 0x0b || hasTelephony(c.children ?? []));
}

/** A field's value in a report's data (the bytes after the report id). */
export function readField(data: Uint8Array, field: HidField, usageWanted?: number): number {
  const readBits = (offset: number, size: number): number => {
    let v = 0;
    for (let b = 0; b < size && b < 32; b++) {
      const bit = offset + b;
      const byte = data[bit >> 3];
      if (byte !== undefined && (byte >> (bit & 7)) & 1) v |= 1 << b;
    }
    return v >>> 0;
  };
  if (!field.array) return readBits(field.bitOffset, field.bitSize);
  // An array item is "on" for a usage when any of its slots holds that usage's index.
  const index = usageWanted === undefined ? -1 : field.array.usages.indexOf(usageWanted >>> 0);
  for (let slot = 0; slot < field.array.count; slot++) {
    const v = readBits(field.bitOffset + slot * field.bitSize, field.bitSize);
    if (index >= 0 && v - field.array.logicalMinimum === index) return 1;
  }
  return 0;
}

/** Sets a field (variable items only) in an output report buffer. */
export function writeField(data: Uint8Array, field: HidField, value: number): void {
  for (let b = 0; b < field.bitSize; b++) {
    const bit = field.bitOffset + b;
    const i = bit >> 3;
    if (i >= data.length) return;
    const mask = 1 << (bit & 7);
    data[i] = (value >> b) & 1 ? data[i]! | mask : data[i]! & ~mask;
  }
}

export { HEADSET_CONTROLS, HEADSET_LEDS };
