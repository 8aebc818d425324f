// The console's side of the desktop contract (issue 15 point 2): reports registration and the
// number of waiting callers to main (tray, notification, taskbar flash), runs the global shortcuts
// main forwards, and opens the dial-out for a tel:/sip: link (dial-out-request.ts). Plain functions over the stores, so
// the UI's keyboard layer can change without this file changing.
import type { StoreApi } from 'zustand/vanilla';
import type { DialRequest } from '../../common/desktop/dialLink';
import type { EventPayload, VaxelApi } from '../../common/ipc/contract';
import type { CallActions } from '../features/call/actions';
import { RegistrationState } from '../sip/states';
import { selectQueue, type CallsState } from '../sip/stores';
import type { RegistrationStoreState } from '../sip/registration/registration-store';

export interface DesktopBridgeOptions {
  api: VaxelApi;
  calls: StoreApi<CallsState>;
  registration: StoreApi<RegistrationStoreState>;
  actions: Pick<CallActions, 'answerNext' | 'hangupActive' | 'toggleHold' | 'toggleMute'>;
  /** Opens the dial-out prefilled with the link's target (scheme tells a number from a SIP URI). */
  openDialOut: (request: DialRequest) => void;
  onError?: (code: string) => void;
}

export function startDesktopBridge(options: DesktopBridgeOptions): () => void {
  const { api, calls, registration, actions } = options;
  let last = '';
  const report = () => {
    const state = { registered: registration.getState().state === RegistrationState.Registered, waiting: selectQueue(calls.getState()).length };
    const key = JSON.stringify(state);
    if (key === last) return;
    last = key;
    api.reportDesktopState(state).catch(() => options.onError?.('desktop.report-failed'));
  };
  const offCalls = calls.subscribe(report);
  const offRegistration = registration.subscribe(report);
  report();
  const run: Record<EventPayload<'globalShortcut'>['action'], () => unknown> = {
    answer: () => actions.answerNext(),
    hangup: () => actions.hangupActive(),
    hold: () => actions.toggleHold(),
    mute: () => actions.toggleMute(),
  };
  const offShortcut = api.on('globalShortcut', ({ action }) => void run[action]());
  const offDial = api.on('dialRequest', ({ target, scheme }) => options.openDialOut({ target, scheme }));
  return () => {
    offCalls();
    offRegistration();
    offShortcut();
    offDial();
  };
}

/** Sets a React-controlled input's value the way typing does (native setter + input event). */
export function typeInto(input: HTMLInputElement, text: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setter?.call(input, text);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.focus();
}
