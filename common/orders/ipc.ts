// The orders register's part of the IPC contract (P-ORDERS), spread at the end of
// common/ipc/contract.ts. The operator who records or changes an order is main's, never the renderer's.
import { z } from 'zod';
import { NewOrderInput, Order, OrderFilter, OrdersCsv, OrdersForPersonInput, SetOrderStatusInput } from './model';

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const ordersContractMethods = {
  /** Newest first, filtered by status and unit. */
  ordersList: method(OrderFilter, z.array(Order)),
  /** Records an order (status mottagen) from a manager picked in the directory. */
  ordersCreate: method(NewOrderInput, Order),
  /** One step of the status machine; an illegal step is refused with a clear error. The manager is mailed. */
  ordersSetStatus: method(SetOrderStatusInput, Order),
  /** Open orders for a person's card ("beställd"). */
  ordersForPerson: method(OrdersForPersonInput, z.array(Order)),
  /** The filtered list as CSV for the telecom supplier. */
  ordersExportCsv: method(OrderFilter, OrdersCsv),
} as const;

export const ordersContractEvents = {
  /** The register changed: an own change, another console's (team store), or a mail's outcome. Lists reload. */
  ordersChanged: z.object({ source: z.enum(['own', 'team']) }).strict(),
} as const;
