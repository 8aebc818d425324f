// An order as the team store shares it (issue 13 point 1, P-ORDERS): the whole order with its
// history, each history entry with its id so applying it twice writes it once. The mail status is
// the sending console's word: only the console that made a change mails the manager.
import { z } from 'zod';
import { Order, OrderHistoryEntry } from './model';

export const SharedOrderHistoryEntry = OrderHistoryEntry.extend({ id: z.string().uuid() });
export const SharedOrder = Order.extend({ history: z.array(SharedOrderHistoryEntry).max(200) });
export type SharedOrder = z.infer<typeof SharedOrder>;
