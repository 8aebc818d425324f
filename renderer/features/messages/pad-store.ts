// The message pad's state: closed, or open with what the call gave (caller, time, municipality,
// the employee sought). Opening again for the same call keeps the draft (and its id: the
// idempotency key) so a retried "Skicka" is the same message.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Call } from '../../sip';

export interface PadPrefill {
  readonly callId: string | null;
  readonly callerNumber: string;
  readonly callerName: string;
  readonly calledAt: number;
  readonly switchboardId: string | null;
  readonly dialledNumber: string;
  readonly employee: string;
}

export interface PadState {
  readonly open: boolean;
  readonly id: string;
  readonly prefill: PadPrefill | null;
  /** The last send's outcome for the status line. */
  readonly result: 'saved' | 'failed' | null;
  openFor(prefill: PadPrefill): void;
  close(): void;
  sent(): void;
  failed(): void;
}

export function prefillFromCall(call: Call, target: string): PadPrefill {
  return {
    callId: call.id,
    callerNumber: call.callerNumber,
    callerName: call.callerName,
    calledAt: call.offeredAt,
    switchboardId: call.switchboardId,
    dialledNumber: call.dialledNumber,
    employee: target,
  };
}

export function createPadStore(newId: () => string = () => crypto.randomUUID()): StoreApi<PadState> {
  return createStore<PadState>()((set, get) => ({
    open: false,
    id: newId(),
    prefill: null,
    result: null,
    openFor: (prefill) => {
      const same = get().prefill?.callId && get().prefill?.callId === prefill.callId && get().result !== 'saved';
      set({ open: true, prefill: same ? { ...get().prefill!, employee: prefill.employee || get().prefill!.employee } : prefill, id: same ? get().id : newId(), result: null });
    },
    close: () => set({ open: false }),
    sent: () => set({ open: false, result: 'saved', id: newId() }),
    failed: () => set({ result: 'failed' }),
  }));
}
