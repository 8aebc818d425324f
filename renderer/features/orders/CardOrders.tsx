// On a person's contact card: an extension or mobile subscription that is ordered but not yet in
// the directory source shows as "beställd", with the number when the order has one (P-ORDERS).
// Orders for a new employee by name match the card by name once the person is in the directory.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useTranslation } from 'react-i18next';
import type { EntryCard } from '../../../common/directory/card';
import type { Order } from '../../../common/orders/model';
import { vaxel } from '../../platform/vaxel';
import { ordersVersion, useOrdersFollowMain } from './orders-store';

const NEW_LINE: Partial<Record<Order['kind'], 'extension' | 'mobile'>> = { 'extension-new': 'extension', 'extension-move': 'extension', 'mobile-new': 'mobile' };

export function CardOrders({ card }: { card: EntryCard }) {
  const { t } = useTranslation();
  useOrdersFollowMain();
  const version = useStore(ordersVersion, (s) => s.version);
  const [orders, setOrders] = useState<Order[]>([]);
  useEffect(() => {
    let live = true;
    if (card.kind !== 'person') return setOrders([]);
    vaxel()
      .ordersForPerson({ personId: card.id, name: card.name })
      .then((o) => live && setOrders(o))
      .catch(() => live && setOrders([]));
    return () => {
      live = false;
    };
  }, [card.id, card.kind, card.name, version]);
  const has = (kind: 'extension' | 'mobile') => card.numbers.some((n) => n.kind === kind);
  // a new line the source already shows is no longer "beställd"; a move always is until klar
  const shown = orders.filter((o) => NEW_LINE[o.kind] && (o.kind === 'extension-move' || !has(NEW_LINE[o.kind]!)));
  return (
    <>
      {shown.map((o) => (
        <div key={o.id} className="card-number card-ordered">
          <dt>{t(NEW_LINE[o.kind] === 'mobile' ? 'card.mobile' : 'card.extension')}</dt>
          <dd>
            {o.number ? t('orders.cardOrderedNumber', { number: o.number }) : t('orders.cardOrdered')} ({t(`orders.kinds.${o.kind}`).toLowerCase()}, {t('orders.fromDate').toLowerCase()} {o.fromDate})
          </dd>
        </div>
      ))}
    </>
  );
}
