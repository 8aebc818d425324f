// The message pad's renderer side, built once per console: the pad's store, the opener the
// "message" key and the recall's "Meddelande" button use, sending to main, and the SIP delivery agent.
import type { StoreApi } from 'zustand/vanilla';
import type { Settings } from '../../../common/settings/schema';
import { reportLog, vaxel } from '../../platform/vaxel';
import { selectActiveCall, type Softphone, type SoftphoneStores } from '../../sip';
import { startDeliveryAgent, type DeliveryAgent } from './agent';
import { createPadStore, prefillFromCall, type PadState } from './pad-store';

export interface MessagesFeature {
  readonly pad: StoreApi<PadState>;
  /** Opens the pad for the recalled call, else the call on the line. False when there is no call. */
  openPad(): boolean;
  send(input: { employee: string; callerName: string; text: string; callbackWanted: boolean; urgent: boolean }): Promise<boolean>;
  dispose(): void;
}

export function createMessagesFeature(deps: {
  settings: Settings;
  softphone: Softphone;
  stores: SoftphoneStores;
  /** What the transfer keys act on now (a typed number or the directory's selection). */
  currentTarget: () => string | null;
}): MessagesFeature {
  const pad = createPadStore();
  let agent: DeliveryAgent | null = null;
  try {
    agent = startDeliveryAgent({
      settings: deps.settings,
      api: vaxel(),
      log: reportLog,
      registration: deps.stores.registration,
      onUserAgent: (listener) => deps.softphone.onUserAgent(listener),
    });
  } catch {
    reportLog({ level: 'error', code: 'messages.agent-start-failed' });
  }
  // The softphone's "take a message" (the recall's choice) opens the pad for that call.
  const off = deps.softphone.onTakeMessage((call, target) => pad.getState().openFor(prefillFromCall(call, target || deps.currentTarget() || '')));

  const openPad = () => {
    if (deps.softphone.takeMessage() === 'ok') return true; // a recalled call: the listener opened it
    const state = deps.stores.calls.getState();
    const active = selectActiveCall(state);
    const caller = active?.consultFor ? state.calls[active.consultFor] : active;
    if (!caller) return false;
    const target = caller.transfer?.target ?? (active?.consultFor ? active.callerNumber : null) ?? deps.currentTarget() ?? '';
    pad.getState().openFor(prefillFromCall(caller, target));
    return true;
  };

  return {
    pad,
    openPad,
    async send(input) {
      const s = pad.getState();
      const p = s.prefill;
      if (!p) return false;
      try {
        await vaxel().messageSend({
          id: s.id,
          callerNumber: p.callerNumber.replace(/[^0-9+*#() .-]/g, '').slice(0, 40),
          callerName: (input.callerName || p.callerName).slice(0, 120),
          calledAt: p.calledAt,
          switchboardId: p.switchboardId,
          dialledNumber: p.dialledNumber.replace(/[^0-9+*#() .-]/g, '').slice(0, 40),
          employee: input.employee,
          text: input.text,
          callbackWanted: input.callbackWanted,
          urgent: input.urgent,
        });
        s.sent();
        agent?.wake();
        return true;
      } catch {
        reportLog({ level: 'warn', code: 'messages.send-failed' });
        s.failed();
        return false;
      }
    },
    dispose() {
      off();
      void agent?.stop();
    },
  };
}

export { MessagePad } from './MessagePad';
export { MessagesPanel } from './MessagesPanel';
