// STAND-IN WebHID objects for Node tests: no USB headset can be plugged in here. They implement the
// WebHID HIDDevice and HID interfaces (collections, open/close, sendReport, `inputreport`,
// `connect`/`disconnect`) so the driver runs the same code path it runs on navigator.hid; what a
// real headset would send is replayed from the recorded sequences in headset-fixtures.ts.
import type { HeadsetModel } from './headset-fixtures';

export interface SentReport {
  readonly reportId: number;
  readonly data: readonly number[];
}

export class StandInHidDevice extends EventTarget implements HIDDevice {
  oninputreport: ((this: HIDDevice, ev: HIDInputReportEvent) => unknown) | null = null;
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  readonly collections: HIDCollectionInfo[];
  readonly sent: SentReport[] = [];
  plugged = true;
  private isOpen = false;

  constructor(model: HeadsetModel) {
    super();
    this.vendorId = model.vendorId;
    this.productId = model.productId;
    this.productName = model.productName;
    this.collections = structuredClone(model.collections) as HIDCollectionInfo[];
  }

  override addEventListener(type: 'inputreport', listener: (this: HIDDevice, ev: HIDInputReportEvent) => unknown, options?: boolean | AddEventListenerOptions): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  override addEventListener(type: string, listener: unknown, options?: boolean | AddEventListenerOptions): void {
    super.addEventListener(type, listener as EventListenerOrEventListenerObject | null, options);
  }

  override removeEventListener(type: 'inputreport', listener: (this: HIDDevice, ev: HIDInputReportEvent) => unknown, options?: boolean | EventListenerOptions): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
  override removeEventListener(type: string, listener: unknown, options?: boolean | EventListenerOptions): void {
    super.removeEventListener(type, listener as EventListenerOrEventListenerObject | null, options);
  }

  get opened(): boolean {
    return this.isOpen;
  }

  async open(): Promise<void> {
    if (!this.plugged) throw new DOMException('Failed to open the device.', 'NotAllowedError');
    this.isOpen = true;
  }

  async close(): Promise<void> {
    this.isOpen = false;
  }

  async forget(): Promise<void> {
    this.isOpen = false;
  }

  async sendReport(reportId: number, data: BufferSource): Promise<void> {
    // As in Chromium: a closed or unplugged device rejects the write.
    if (!this.isOpen || !this.plugged) throw new DOMException('The device must be opened first.', 'InvalidStateError');
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.sent.push({ reportId, data: [...bytes] });
  }

  async sendFeatureReport(): Promise<void> {
    throw new DOMException('Not supported by the stand-in.', 'NotSupportedError');
  }

  async receiveFeatureReport(): Promise<DataView> {
    throw new DOMException('Not supported by the stand-in.', 'NotSupportedError');
  }

  /** The headset sends an input report (a button press or a state report). Ignored while closed, as on a real device. */
  input(reportId: number, bytes: readonly number[]): void {
    if (!this.isOpen || !this.plugged) return;
    const event = new Event('inputreport') as Event & { device: HIDDevice; reportId: number; data: DataView };
    Object.assign(event, { device: this, reportId, data: new DataView(new Uint8Array(bytes).buffer) });
    this.dispatchEvent(event);
    this.oninputreport?.call(this, event as unknown as HIDInputReportEvent);
  }

  /** The last report sent on a report id, or null. */
  lastSent(reportId: number): readonly number[] | null {
    for (let i = this.sent.length - 1; i >= 0; i--) if (this.sent[i]!.reportId === reportId) return this.sent[i]!.data;
    return null;
  }
}

/** STAND-IN for navigator.hid: the granted devices, and plug/unplug events. */
export class StandInHid extends EventTarget implements HID {
  onconnect: ((this: HID, ev: Event) => unknown) | null = null;
  ondisconnect: ((this: HID, ev: Event) => unknown) | null = null;
  readonly granted: StandInHidDevice[] = [];
  /** What the next requestDevice() "chooser" returns; records the filters it was asked with. */
  chooserPick: StandInHidDevice[] = [];
  readonly requests: HIDDeviceRequestOptions[] = [];

  override addEventListener(type: 'connect' | 'disconnect', listener: (this: HID, ev: HIDConnectionEvent) => unknown, options?: boolean | AddEventListenerOptions): void;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  override addEventListener(type: string, listener: unknown, options?: boolean | AddEventListenerOptions): void {
    super.addEventListener(type, listener as EventListenerOrEventListenerObject | null, options);
  }

  override removeEventListener(type: 'connect' | 'disconnect', listener: (this: HID, ev: HIDConnectionEvent) => unknown, options?: boolean | EventListenerOptions): void;
  override removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
  override removeEventListener(type: string, listener: unknown, options?: boolean | EventListenerOptions): void {
    super.removeEventListener(type, listener as EventListenerOrEventListenerObject | null, options);
  }

  async getDevices(): Promise<HIDDevice[]> {
    return this.granted.filter((d) => d.plugged);
  }

  async requestDevice(options?: HIDDeviceRequestOptions): Promise<HIDDevice[]> {
    if (options) this.requests.push(options);
    for (const d of this.chooserPick) if (!this.granted.includes(d)) this.granted.push(d);
    return this.chooserPick;
  }

  unplug(device: StandInHidDevice): void {
    device.plugged = false;
    void device.close();
    this.fire('disconnect', device);
  }

  plug(device: StandInHidDevice): void {
    device.plugged = true;
    if (!this.granted.includes(device)) this.granted.push(device);
    this.fire('connect', device);
  }

  private fire(type: 'connect' | 'disconnect', device: StandInHidDevice): void {
    const event = new Event(type) as Event & { device: HIDDevice };
    Object.assign(event, { device });
    this.dispatchEvent(event);
  }
}
