// An Essunga switchboard call as the engine queues it, for the call-log tests (the caller's
// number is there so tests can prove it never leaves the renderer).
import type { QueueEntry } from '../../renderer/sip';

export const queueEntry = (id: string, offeredAt: number, extra: Partial<QueueEntry> = {}): QueueEntry => ({
  id,
  callerNumber: '0701234567',
  callerName: 'Anna',
  dialledNumber: '0512-570 00',
  greeting: 'Välkommen till Essunga kommun',
  greetingKind: 'essunga',
  switchboardId: 'essunga',
  offeredAt,
  ...extra,
});
