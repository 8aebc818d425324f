// Park: a call held with music and listed by slot ("Parkerade samtal", Ctrl+1–9), taken back by slot.
import { selectActiveCall } from '../stores';
import type { ActionResult } from './results';
import type { CallControl } from './call-control';
import type { SoftphoneContext } from './context';

export class Park {
  constructor(
    private readonly ctx: SoftphoneContext,
    private readonly control: CallControl,
  ) {}

  /** Parks the active call in the given slot (or the lowest free one): held with music, listed by slot. */
  async park(slot?: number): Promise<ActionResult> {
    const state = this.ctx.state;
    const active = selectActiveCall(state);
    if (!active) return 'no-call';
    const slots = this.ctx.calls.parkSlots;
    const taken = new Set(Object.values(state.calls).map((c) => c.parkSlot));
    const free = slot ?? Array.from({ length: slots }, (_, i) => i + 1).find((n) => !taken.has(n));
    if (!free || taken.has(free) || free > slots) return 'no-slot';
    if (!(await this.control.holdCall(active.id))) return 'failed';
    this.ctx.state.patch(active.id, { parkSlot: free });
    return 'ok';
  }

  /** Takes the call parked in `slot` back (the active call is held first). */
  async retrieve(slot: number): Promise<ActionResult> {
    const parked = Object.values(this.ctx.state.calls).find((c) => c.parkSlot === slot);
    if (!parked) return 'no-call';
    return this.control.resume(parked.id);
  }
}
