// The orders register (P-ORDERS) opened on the console's SQLite database.
import type { Logger } from '../log/logger';
import type { DatabaseKey } from '../storage';
import { openDatabase } from '../storage';
import { createOrdersService, type OrdersService, type OrdersServiceOptions } from './service';
import { createSqliteOrderRepository } from './sqliteRepository';

export { createOrdersService, OrderError, type OrderPerson, type OrdersService } from './service';
export { createSqliteOrderRepository } from './sqliteRepository';
export type { OrderRepository } from './repository';

export function openOrders(options: Omit<OrdersServiceOptions, 'repository'> & { file: string; log: Logger; key: DatabaseKey }): OrdersService & { closeDatabase(): void } {
  const { db } = openDatabase({ file: options.file, log: options.log, key: options.key });
  const service = createOrdersService({ ...options, repository: createSqliteOrderRepository(db) });
  return {
    ...service,
    closeDatabase() {
      service.close();
      db.close();
    },
  };
}
