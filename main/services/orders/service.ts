// The orders register (P-ORDERS): records orders from managers found in the directory, moves
// them through the status machine (common/orders/model.ts) and mails the ordering manager on each
// change. The mail is queued in the same transaction as the change and sent from here; without an
// SMTP server configured it waits. Logs carry codes, statuses and counts only: never a name, a
// number, an address or a note (P-SECRECY).
import { randomUUID } from 'node:crypto';
import type { SmtpConfig } from '../../../common/messages/model';
import { orderMailText } from '../../../common/orders/mail';
import { NewOrderInput, OrderFilter, orderMachine, type NewOrderInputT, type Order, type OrderStatus } from '../../../common/orders/model';
import { translator } from '../../../common/i18n/translate';
import type { Logger } from '../log/logger';
import { createSmtpSender, type MailSender } from '../messages/email';
import { SharedOrder } from '../../../common/orders/shared';
import type { TeamShare } from '../team/share';
import { ordersCsv } from './csvExport';
import type { OrderMailRecord, OrderRepository } from './repository';

/** What the service needs to know of a directory person (the manager, or for whom). */
export interface OrderPerson {
  name: string;
  email: string | null;
  unitId: string | null;
  unitName: string;
}

export class OrderError extends Error {
  constructor(
    readonly code: 'no-operator' | 'unknown-manager' | 'unknown-person' | 'unknown-order' | 'invalid-transition' | 'changed-meanwhile',
    message: string,
  ) {
    super(message);
    this.name = 'OrderError';
  }
}

export interface OrdersServiceOptions {
  repository: OrderRepository;
  log: Logger;
  operator(): string | undefined;
  lookupPerson(id: string): Promise<OrderPerson | null>;
  /** The SMTP server of the e-mail channel (message settings); null: mails wait in the queue. */
  smtp(): SmtpConfig | null | undefined;
  createSender?: (config: SmtpConfig) => MailSender;
  now?: () => number;
  /** How often queued mails are retried when nothing else wakes the sender. */
  pollMs?: number;
  /** The team store (issue 13): own changes are shared, other consoles' applied here (never mailed here). */
  team?: TeamShare;
  /** After any change of the register: own, another console's, or a mail's outcome. */
  onChanged?: (source: 'own' | 'team') => void;
}

export interface OrdersService {
  create(input: NewOrderInputT): Promise<Order>;
  setStatus(id: string, to: OrderStatus): Order;
  list(filter: OrderFilter): Order[];
  forPerson(personId: string, name?: string): Order[];
  exportCsv(filter: OrderFilter): { fileName: string; text: string; rows: number };
  /** Sends every due mail once; resolves with how many were sent. */
  deliverDue(): Promise<number>;
  start(): void;
  close(): void;
}

const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 60 * 60_000;
const NO_SMTP_WAIT_MS = 5 * 60_000;

export function createOrdersService(options: OrdersServiceOptions): OrdersService {
  const { repository, log } = options;
  const now = options.now ?? Date.now;
  const makeSender = options.createSender ?? createSmtpSender;
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<number> | undefined;
  let again = false;

  const changed = (id: string) => {
    const shared = repository.shared(id);
    if (shared) options.team?.record('order', id, shared);
    options.onChanged?.('own');
  };
  options.team?.register({
    kind: 'order',
    apply: (_id, value) => {
      if (value === null) return; // orders are never deleted, only cancelled (avbruten)
      const parsed = SharedOrder.safeParse(value);
      if (!parsed.success) {
        log.warn('orders.shared-invalid', { issues: parsed.error.issues.length });
        return;
      }
      repository.applyShared(parsed.data);
      options.onChanged?.('team');
    },
  });

  const operator = () => {
    const op = options.operator();
    if (!op) throw new OrderError('no-operator', 'the console is not set up yet: no operator account to record the order under');
    return op;
  };
  const mailFor = (address: string | null, historyId: string, at: number): OrderMailRecord | null => {
    if (!address) {
      log.warn('orders.mail-no-address');
      return null;
    }
    return { id: randomUUID(), historyId, address, nextAt: at };
  };

  const deliverOnce = async (): Promise<number> => {
    const due = repository.dueMail(now(), 20);
    if (!due.length) return 0;
    const config = options.smtp();
    const by = options.operator() ?? 'system';
    if (!config) {
      for (const m of due) repository.markMail(m.id, { status: 'queued', nextAt: now() + NO_SMTP_WAIT_MS, code: 'no-smtp', attempted: false }, now(), by);
      log.warn('orders.mail-no-smtp', { queued: due.length });
      return 0;
    }
    const sender = makeSender(config);
    let sent = 0;
    try {
      for (const m of due) {
        const { subject, text } = orderMailText(m.order, m.change);
        const result = await sender.send({ messageId: `order-${m.id}`, to: m.address, subject, text, urgent: false });
        if (result.outcome === 'sent') {
          repository.markMail(m.id, { status: 'sent', nextAt: now(), code: null, attempted: true }, now(), by);
          changed(m.order.id);
          sent++;
        } else {
          const wait = Math.min(RETRY_BASE_MS * 2 ** m.attempts, RETRY_MAX_MS);
          repository.markMail(m.id, { status: result.outcome === 'failed' ? 'failed' : 'queued', nextAt: now() + wait, code: result.code, attempted: true }, now(), by);
          if (result.outcome === 'failed') changed(m.order.id);
          log.warn('orders.mail-not-sent', { outcome: result.outcome, reason: result.code, attempt: m.attempts + 1 });
        }
      }
    } finally {
      sender.close();
    }
    if (sent) log.info('orders.mail-sent', { count: sent });
    return sent;
  };

  /** One run at a time; a kick during a run makes one more run after it. */
  const deliverDue = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await deliverOnce().catch((error: unknown) => {
          log.error('orders.mail-run-failed', { error: error instanceof Error ? error.name : 'unknown' });
          return 0;
        });
      } while (again);
      return total;
    })().finally(() => (running = undefined));
    return running;
  };
  const kick = () => void deliverDue();

  return {
    async create(raw) {
      const input = NewOrderInput.parse(raw);
      const by = operator();
      const manager = await options.lookupPerson(input.managerId);
      if (!manager) throw new OrderError('unknown-manager', 'the ordering manager is not in the directory (search again and pick them from the list)');
      const person = input.personId ? await options.lookupPerson(input.personId) : null;
      if (input.personId && !person) throw new OrderError('unknown-person', 'the person the order is for is not in the directory; give a new name instead');
      const at = now();
      const order = {
        id: randomUUID(),
        kind: input.kind,
        status: 'mottagen' as const,
        managerId: input.managerId,
        managerName: manager.name,
        managerEmail: manager.email,
        personId: input.personId ?? null,
        personName: person?.name ?? input.personName!.trim(),
        // the unit the line belongs to: the person's, else (a new employee) the manager's
        unitId: person?.unitId ?? manager.unitId,
        unitName: person ? person.unitName : manager.unitName,
        fromDate: input.fromDate,
        number: input.number ?? null,
        notes: input.notes,
        createdAt: at,
        createdBy: by,
        updatedAt: at,
        updatedBy: by,
      };
      const historyId = randomUUID();
      repository.insert(order, historyId, mailFor(manager.email, historyId, at));
      log.info('orders.created', { kind: order.kind });
      changed(order.id);
      kick();
      return repository.get(order.id)!;
    },
    setStatus(id, to) {
      const by = operator();
      const current = repository.get(id);
      if (!current) throw new OrderError('unknown-order', 'there is no such order (it may have been removed)');
      const t = translator('en');
      orderMachine.transition(current.status, to, () => {
        const next = orderMachine.table[current.status];
        const allowed = next.length ? next.map((s) => t(`orders.statuses.${s}`)).join(' or ') : 'nothing (the order is closed)';
        throw new OrderError('invalid-transition', `an order that is ${t(`orders.statuses.${current.status}`)} cannot become ${t(`orders.statuses.${to}`)}; it can become ${allowed}`);
      });
      const at = now();
      const historyId = randomUUID();
      if (!repository.changeStatus(id, { historyId, from: current.status, to, at, by }, mailFor(current.managerEmail, historyId, at))) {
        throw new OrderError('changed-meanwhile', 'the order was changed by someone else meanwhile; look at it again');
      }
      log.info('orders.status-changed', { from: current.status, to });
      changed(id);
      kick();
      return repository.get(id)!;
    },
    list: (filter) => repository.list(OrderFilter.parse(filter)),
    forPerson: (personId, name) => repository.openForPerson(personId, name),
    exportCsv(filter) {
      const csv = ordersCsv(repository.list(OrderFilter.parse(filter)), now());
      log.info('orders.exported', { rows: csv.rows });
      return csv;
    },
    deliverDue,
    start() {
      if (timer) return;
      kick();
      timer = setInterval(kick, options.pollMs ?? 60_000);
      timer.unref?.();
    },
    close() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
