// The e-mail the ordering manager gets on each status change of an order (P-ORDERS), in Swedish
// from the catalogue (orders.mail.*): it goes to someone outside the console.
import { translator } from '../i18n/translate';
import { dateTimeText } from '../time/stockholm';
import type { Order, OrderStatus } from './model';

export interface OrderMailText {
  subject: string;
  text: string;
}

export function orderMailText(order: Order, change: { from: OrderStatus | null; to: OrderStatus; at: number }): OrderMailText {
  const t = translator('sv');
  const kind = t(`orders.kinds.${order.kind}`);
  const status = t(`orders.statuses.${change.to}`);
  const subject = t('orders.mail.subject', { kind, person: order.personName, status: status.toLowerCase() });
  const opening = change.from
    ? t('orders.mail.changed', { from: t(`orders.statuses.${change.from}`).toLowerCase(), to: status.toLowerCase(), when: dateTimeText(change.at) })
    : t('orders.mail.received', { when: dateTimeText(change.at) });
  const lines = [
    t('orders.mail.greeting', { name: order.managerName }),
    '',
    opening,
    '',
    `${t('orders.kind')}: ${kind}`,
    `${t('orders.person')}: ${order.personName}`,
    ...(order.unitName ? [`${t('orders.unit')}: ${order.unitName}`] : []),
    `${t('orders.fromDate')}: ${order.fromDate}`,
    ...(order.number ? [`${t('orders.csv.number')}: ${order.number}`] : []),
    ...(order.notes ? [`${t('orders.notes')}: ${order.notes}`] : []),
    '',
    t('orders.mail.signature'),
  ];
  return { subject, text: lines.join('\n') };
}
