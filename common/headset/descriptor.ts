// A USB HID report descriptor (the raw bytes a device sends, HID 1.11 section 6.2.2) turned into
// the structure WebHID gives as `device.collections`. Real headsets' descriptors are published as
// bytes (hidapi's test data, usbhid-dump output); this lets a test feed those very bytes through
// the same layout code a real HIDDevice's collections go through. Items are attached to the
// innermost open collection, one report info per report id and direction, as Chromium does.
// Usages are made 32-bit (page << 16 | id) at the main item with the usage page then in force,
// unless the usage item carried its own page (4 data bytes).

export interface DescriptorReportItem {
  isAbsolute: boolean;
  isArray: boolean;
  isConstant: boolean;
  isRange: boolean;
  hasNull: boolean;
  hasPreferredState: boolean;
  isVolatile: boolean;
  wrap: boolean;
  usages: number[];
  usageMinimum: number;
  usageMaximum: number;
  reportSize: number;
  reportCount: number;
  logicalMinimum: number;
  logicalMaximum: number;
}

export interface DescriptorReportInfo {
  reportId: number;
  items: DescriptorReportItem[];
}

export interface DescriptorCollection {
  usagePage: number;
  usage: number;
  /** Collection type: 0 physical, 1 application, 2 logical, … */
  type: number;
  children: DescriptorCollection[];
  inputReports: DescriptorReportInfo[];
  outputReports: DescriptorReportInfo[];
  featureReports: DescriptorReportInfo[];
}

export class DescriptorError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`report descriptor, byte ${offset}: ${message}`);
    this.name = 'DescriptorError';
  }
}

interface Globals {
  usagePage: number;
  logicalMinimum: number;
  logicalMaximum: number;
  reportSize: number;
  reportCount: number;
  reportId: number;
}

/** Limits that a real device never reaches; beyond them the bytes are not a descriptor. */
const MAX_BYTES = 16_384;
const MAX_DEPTH = 32;
const MAX_REPORT_BITS = 8 * 4096;

/** "05 0B 09 05 …" or "0x05, 0x0B, …" → bytes. */
export function hexBytes(text: string): Uint8Array {
  const tokens = text
    .replace(/\/\/[^\n]*/g, ' ')
    .split(/[\s,]+/)
    .filter(Boolean);
  return Uint8Array.from(
    tokens.map((t) => {
      const hex = t.replace(/^0x/i, '');
      if (!/^[0-9a-f]{1,2}$/i.test(hex)) throw new Error(`not a hex byte: "${t}"`);
      return parseInt(hex, 16);
    }),
  );
}

export function parseReportDescriptor(bytes: Uint8Array): DescriptorCollection[] {
  if (bytes.length > MAX_BYTES) throw new DescriptorError(`longer than ${MAX_BYTES} bytes`, 0);
  const top: DescriptorCollection[] = [];
  const open: DescriptorCollection[] = [];
  const stack: Globals[] = [];
  let g: Globals = { usagePage: 0, logicalMinimum: 0, logicalMaximum: 0, reportSize: 0, reportCount: 0, reportId: 0 };
  const bitsPerReport = new Map<string, number>();

  const extended = (value: number, size: number) => (size === 4 ? value >>> 0 : ((g.usagePage << 16) | (value & 0xffff)) >>> 0);
  // Local usages are stored with their data size so the page is applied at the main item.
  const pending: { value: number; size: number }[] = [];
  let min: { value: number; size: number } | null = null;
  let max: { value: number; size: number } | null = null;

  let i = 0;
  while (i < bytes.length) {
    const at = i;
    const prefix = bytes[i++]!;
    if (prefix === 0xfe) throw new DescriptorError('long items are not used by any HID class device', at);
    const size = [0, 1, 2, 4][prefix & 3]!;
    if (i + size > bytes.length) throw new DescriptorError('item runs past the end', at);
    let unsigned = 0;
    for (let b = 0; b < size; b++) unsigned |= bytes[i + b]! << (8 * b);
    unsigned >>>= 0;
    const signed = size === 0 ? 0 : size === 4 ? unsigned | 0 : (unsigned << (32 - 8 * size)) >> (32 - 8 * size);
    i += size;
    const type = (prefix >> 2) & 3;
    const tag = prefix >> 4;

    if (type === 1) {
      switch (tag) {
        case 0x0:
          g.usagePage = unsigned & 0xffff;
          break;
        case 0x1:
          g.logicalMinimum = signed;
          break;
        case 0x2:
          // A maximum below the minimum means the field is unsigned (HID 1.11 6.2.2.7).
          g.logicalMaximum = signed < g.logicalMinimum ? unsigned : signed;
          break;
        case 0x7:
          g.reportSize = unsigned;
          break;
        case 0x8:
          if (unsigned === 0 || unsigned > 0xff) throw new DescriptorError(`report id ${unsigned} is not 1–255`, at);
          g.reportId = unsigned;
          break;
        case 0x9:
          g.reportCount = unsigned;
          break;
        case 0xa:
          stack.push({ ...g });
          break;
        case 0xb: {
          const popped = stack.pop();
          if (!popped) throw new DescriptorError('Pop without Push', at);
          g = popped;
          break;
        }
        default:
          break; // physical range, units: not needed for buttons and lamps
      }
      continue;
    }
    if (type === 2) {
      if (tag === 0x0) pending.push({ value: unsigned, size });
      else if (tag === 0x1) min = { value: unsigned, size };
      else if (tag === 0x2) max = { value: unsigned, size };
      continue; // designators, strings, delimiters: not needed
    }
    if (type === 3) throw new DescriptorError(`reserved item type (prefix 0x${prefix.toString(16)})`, at);

    // Main items: resolve the local usages against the page in force now, then clear them.
    const l = {
      usages: pending.map((u) => extended(u.value, u.size)),
      usageMinimum: min ? extended(min.value, min.size) : null,
      usageMaximum: max ? extended(max.value, max.size) : null,
    };
    pending.length = 0;
    min = max = null;
    switch (tag) {
      case 0x8:
      case 0x9:
      case 0xb: {
        const current = open[open.length - 1];
        if (!current) throw new DescriptorError('a report item outside any collection', at);
        const side = tag === 0x8 ? 'inputReports' : tag === 0x9 ? 'outputReports' : 'featureReports';
        const key = `${side}:${g.reportId}`;
        const bits = (bitsPerReport.get(key) ?? 0) + g.reportSize * g.reportCount;
        if (bits > MAX_REPORT_BITS) throw new DescriptorError(`report ${g.reportId} grows past ${MAX_REPORT_BITS / 8} bytes`, at);
        bitsPerReport.set(key, bits);
        let report = current[side].find((r) => r.reportId === g.reportId);
        if (!report) current[side].push((report = { reportId: g.reportId, items: [] }));
        const isRange = l.usageMinimum !== null && l.usageMaximum !== null;
        report.items.push({
          isConstant: (unsigned & 0x01) !== 0,
          isArray: (unsigned & 0x02) === 0,
          isAbsolute: (unsigned & 0x04) === 0,
          wrap: (unsigned & 0x08) !== 0,
          hasPreferredState: (unsigned & 0x20) === 0,
          hasNull: (unsigned & 0x40) !== 0,
          isVolatile: (unsigned & 0x80) !== 0,
          isRange,
          usages: isRange ? [] : l.usages,
          usageMinimum: isRange ? l.usageMinimum! : 0,
          usageMaximum: isRange ? l.usageMaximum! : 0,
          reportSize: g.reportSize,
          reportCount: g.reportCount,
          logicalMinimum: g.logicalMinimum,
          logicalMaximum: g.logicalMaximum,
        });
        break;
      }
      case 0xa: {
        if (open.length >= MAX_DEPTH) throw new DescriptorError(`collections nested deeper than ${MAX_DEPTH}`, at);
        const usage = l.usages[0] ?? extended(0, 1);
        const collection: DescriptorCollection = { usagePage: usage >>> 16, usage: usage & 0xffff, type: unsigned & 0xff, children: [], inputReports: [], outputReports: [], featureReports: [] };
        const parent = open[open.length - 1];
        if (parent) parent.children.push(collection);
        else top.push(collection);
        open.push(collection);
        break;
      }
      case 0xc:
        if (!open.pop()) throw new DescriptorError('End Collection without a Collection', at);
        break;
      default:
        throw new DescriptorError(`unknown main item tag 0x${tag.toString(16)}`, at);
    }
  }
  if (open.length > 0) throw new DescriptorError(`${open.length} collection(s) not closed`, bytes.length);
  if (top.length === 0) throw new DescriptorError('no collection', bytes.length);
  return top;
}
