// One opened HID telephony device: decodes its input reports into button values and writes the
// lamp reports. DOM-free except the WebHID HIDDevice interface, so a stand-in device drives the
// very same code in Node tests.
import { parseLayout, readField, writeField, type HeadsetLayout, type HidField } from '../../common/headset/layout';
import { quirksFor, type HeadsetQuirks } from '../../common/headset/quirks';
import { HEADSET_CONTROLS, HEADSET_LEDS, INPUT_USAGES, TELEPHONY_PAGE, type HeadsetControl, type HeadsetLed } from '../../common/headset/usages';

export type HeadsetLamps = Readonly<Record<HeadsetLed, boolean>>;
export const LAMPS_OFF: HeadsetLamps = { mute: false, offHook: false, ring: false, hold: false, microphone: false, online: false };

export type ControlListener = (control: HeadsetControl, value: number, isAbsolute: boolean) => void;
export type HeadsetLog = (entry: { level: 'info' | 'warn' | 'error'; code: string; detail?: Record<string, string | number | boolean> }) => void;

/** The report id of the first input report in a Telephony collection (Yealink's lamp report). */
function telephonyReportId(collections: readonly HIDCollectionInfo[]): number | null {
  for (const c of collections) {
    if (c.usagePage === TELEPHONY_PAGE && c.inputReports?.length) return c.inputReports[0]!.reportId ?? 0;
    const inner = telephonyReportId(c.children ?? []);
    if (inner !== null) return inner;
  }
  return null;
}

/** The descriptor's lamps, or the vendor's fixed bits where the descriptor labels none. */
function lampFields(device: HIDDevice, layout: HeadsetLayout, quirks: HeadsetQuirks): { outputs: HeadsetLayout['outputs']; bytes: ReadonlyMap<number, number> } {
  const labelled = Object.keys(layout.outputs).length > 0;
  if (labelled || !quirks.fallbackOutput) return { outputs: layout.outputs, bytes: layout.outputReportBytes };
  const reportId = telephonyReportId(device.collections);
  if (reportId === null) return { outputs: {}, bytes: new Map() };
  const outputs: Partial<Record<HeadsetLed, HidField>> = {};
  for (const [led, bit] of Object.entries(quirks.fallbackOutput.bits) as [HeadsetLed, number][]) {
    outputs[led] = { reportId, bitOffset: bit, bitSize: 1, isAbsolute: true };
  }
  return { outputs, bytes: new Map([[reportId, quirks.fallbackOutput.bytes]]) };
}

export class HeadsetDriver {
  readonly layout: HeadsetLayout;
  readonly quirks: HeadsetQuirks;
  private readonly outputs: HeadsetLayout['outputs'];
  private readonly outputBytes: ReadonlyMap<number, number>;
  private readonly sent = new Map<number, string>();
  private readonly onReport = (event: HIDInputReportEvent) => this.decode(event.reportId, event.data);

  constructor(
    readonly device: HIDDevice,
    private readonly onControl: ControlListener,
    private readonly log: HeadsetLog,
  ) {
    this.layout = parseLayout(device.collections);
    this.quirks = quirksFor(device.vendorId);
    const lamps = lampFields(device, this.layout, this.quirks);
    this.outputs = lamps.outputs;
    this.outputBytes = lamps.bytes;
  }

  /** Whether the device has a hook switch at all (what makes it a usable headset). */
  get hasHook(): boolean {
    return this.layout.inputs.hook !== undefined;
  }

  async open(): Promise<void> {
    if (!this.device.opened) await this.device.open();
    this.device.addEventListener('inputreport', this.onReport);
    this.sent.clear(); // a re-opened device starts from its own state: resend everything
  }

  async close(): Promise<void> {
    this.device.removeEventListener('inputreport', this.onReport);
    if (this.device.opened) await this.device.close().catch(() => this.log({ level: 'warn', code: 'headset.close-failed' }));
  }

  /** Writes the lamp reports that differ from the last ones sent (all of them when forced). */
  async setLamps(lamps: HeadsetLamps, force = false): Promise<void> {
    const reports = new Map<number, Uint8Array<ArrayBuffer>>();
    for (const [id, n] of this.outputBytes) reports.set(id, new Uint8Array(n));
    for (const led of HEADSET_LEDS) {
      const field = this.outputs[led];
      const data = field && reports.get(field.reportId);
      if (field && data && !field.array) writeField(data, field, lamps[led] ? 1 : 0);
    }
    for (const [id, data] of reports) {
      // Only reports that carry a lamp this console drives; others (volume, vendor) are left alone.
      if (!HEADSET_LEDS.some((led) => this.outputs[led]?.reportId === id)) continue;
      const key = data.join(',');
      if (!force && this.sent.get(id) === key) continue;
      this.sent.set(id, key);
      try {
        await this.device.sendReport(id, data);
      } catch {
        this.sent.delete(id);
        this.log({ level: 'warn', code: 'headset.send-failed', detail: { reportId: id } });
      }
    }
  }

  private decode(reportId: number, view: DataView): void {
    const data = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    for (const control of HEADSET_CONTROLS) {
      const field = this.layout.inputs[control];
      if (!field || field.reportId !== reportId) continue;
      this.onControl(control, readField(data, field, INPUT_USAGES[control]), field.isAbsolute);
    }
  }
}
