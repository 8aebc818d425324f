// The orders register (P-ORDERS): what a manager orders through the switchboard (extensions and
// mobile subscriptions), its status as a state machine (data, common/state/machine.ts) and the
// shapes that cross the IPC boundary. Who made a change is never taken from the renderer: main
// fills in the operator from its own settings.
import { z } from 'zod';
import { defineMachine, type TransitionTable } from '../state/machine';

export const OrderKind = z.enum(['extension-new', 'extension-move', 'extension-cancel', 'mobile-new', 'mobile-cancel']);
export type OrderKind = z.infer<typeof OrderKind>;

export const OrderStatus = z.enum(['mottagen', 'bestalld', 'klar', 'avbruten']);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** mottagen → beställd → klar; avbruten from any open state. klar and avbruten are final. */
export const ORDER_TRANSITIONS: TransitionTable<OrderStatus> = {
  mottagen: ['bestalld', 'avbruten'],
  bestalld: ['klar', 'avbruten'],
  klar: [],
  avbruten: [],
};
export const orderMachine = defineMachine<OrderStatus>('order', ORDER_TRANSITIONS);

/** Open orders: the ones still waiting for the supplier. */
export const isOpenStatus = (s: OrderStatus) => s === 'mottagen' || s === 'bestalld';

export const OrderId = z.string().uuid('an order id (UUID)');
const text = (max: number) => z.string().trim().max(max);
/** A calendar date, YYYY-MM-DD (the switchboard's local date). */
const LocalDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date as YYYY-MM-DD');
/** An extension (2–8 digits) or a phone number (digits, + and spaces); optional on every order. */
const OrderNumber = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{1,19}$/, 'a number: digits, optionally starting with +');

export const NewOrderInput = z
  .object({
    kind: OrderKind,
    /** The ordering manager: a person of the directory (the id the card carries). */
    managerId: text(200).min(1, 'pick the ordering manager from the directory'),
    /** For whom: a directory person, or a new name (someone not in the directory yet). */
    personId: text(200).min(1).optional(),
    personName: text(200).optional(),
    fromDate: LocalDate,
    number: OrderNumber.optional(),
    notes: text(2000).default(''),
  })
  .strict()
  .refine((o) => !!o.personId || !!o.personName?.trim(), { message: 'say for whom: a directory person or a new name', path: ['personName'] });
export type NewOrderInput = z.input<typeof NewOrderInput>;
export type NewOrderInputT = z.output<typeof NewOrderInput>;

export const OrderMailStatus = z.enum(['queued', 'sent', 'failed', 'none']);
export type OrderMailStatus = z.infer<typeof OrderMailStatus>;

export const OrderHistoryEntry = z.object({
  from: OrderStatus.nullable(),
  to: OrderStatus,
  at: z.number(),
  by: z.string(),
  /** The mail to the ordering manager about this change; none: no e-mail address to send to. */
  mail: OrderMailStatus,
});
export type OrderHistoryEntry = z.infer<typeof OrderHistoryEntry>;

export const Order = z.object({
  id: OrderId,
  kind: OrderKind,
  status: OrderStatus,
  managerId: z.string(),
  managerName: z.string(),
  managerEmail: z.string().nullable(),
  personId: z.string().nullable(),
  personName: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string(),
  fromDate: z.string(),
  number: z.string().nullable(),
  notes: z.string(),
  createdAt: z.number(),
  createdBy: z.string(),
  updatedAt: z.number(),
  updatedBy: z.string(),
  history: z.array(OrderHistoryEntry),
});
export type Order = z.infer<typeof Order>;

export const OrderFilter = z
  .object({
    status: OrderStatus.optional(),
    /** Only open orders (mottagen, beställd). */
    openOnly: z.boolean().optional(),
    unitId: text(400).min(1).optional(),
    limit: z.number().int().min(1).max(5000).default(500),
  })
  .strict();
export type OrderFilter = z.input<typeof OrderFilter>;

export const SetOrderStatusInput = z.object({ id: OrderId, to: OrderStatus }).strict();

/** What a card asks: open orders for this directory person (by id, or by name for a new person). */
export const OrdersForPersonInput = z.object({ personId: text(200).min(1), name: text(200).optional() }).strict();

export const OrdersCsv = z.object({ fileName: z.string(), text: z.string(), rows: z.number().int() });
