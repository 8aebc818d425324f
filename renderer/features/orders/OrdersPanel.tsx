// "Beställningar" (P-ORDERS): the orders register as a list the operator filters by status and
// unit, with "Ny beställning" (Alt+B from anywhere), a button per next status the machine allows,
// the mail to the manager per change (sent, waiting, failed), and the CSV export for the telecom
// supplier (a download link to the file main wrote as text).
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../common/directory/model';
import { orderMachine, OrderStatus, type Order, type OrderFilter } from '../../../common/orders/model';
import { dateTimeText } from '../../../common/time/stockholm';
import { chordsOfBinding } from '../../keyboard/bindings';
import { useKeyScope } from '../../keyboard/useKeyScope';
import { vaxel } from '../../platform/vaxel';
import { errorMessage } from '../directory/EditorDialog';
import { OrderDialog } from './OrderDialog';
import { ordersChanged, ordersVersion, useOrdersFollowMain } from './orders-store';
import './orders.css';

/** The key as aria-keyshortcuts names it ("Alt+B"). */
export const NEW_ORDER_KEY = chordsOfBinding('orders.new')[0]!.replace(/\+([a-z])$/, (_, l: string) => `+${l.toUpperCase()}`);

type StatusChoice = '' | 'open' | OrderStatus;
const filterOf = (status: StatusChoice, unitId: string): OrderFilter => ({
  ...(status === 'open' ? { openOnly: true } : status ? { status } : {}),
  ...(unitId ? { unitId } : {}),
});

function useUnits(): Unit[] {
  const [units, setUnits] = useState<Unit[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      vaxel()
        .directoryUnits()
        .then((u) => live && setUnits([...u].sort((a, b) => a.name.localeCompare(b.name, 'sv'))))
        .catch(() => undefined);
    void load();
    const off = vaxel().on('directoryChanged', (e) => e.cacheChanged && void load());
    return () => {
      live = false;
      off();
    };
  }, []);
  return units;
}

export function OrdersPanel() {
  const { t } = useTranslation();
  const version = useStore(ordersVersion, (s) => s.version);
  const units = useUnits();
  const [status, setStatus] = useState<StatusChoice>('open');
  const [unitId, setUnitId] = useState('');
  const [orders, setOrders] = useState<Order[]>([]);
  const [dialog, setDialog] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const [download, setDownload] = useState<{ url: string; file: string } | null>(null);
  useKeyScope('global', 'orders', { 'orders.new': () => (setDialog(true), true) }, { active: !dialog });

  useOrdersFollowMain(); // a mail's outcome and other consoles' orders arrive as events
  useEffect(() => {
    let live = true;
    vaxel()
      .ordersList(filterOf(status, unitId))
      .then((l) => live && (setOrders(l), setError('')))
      .catch((e: unknown) => live && setError(t('orders.failed', { why: errorMessage(e) })));
    return () => {
      live = false;
    };
  }, [status, unitId, version, t]);
  useEffect(() => () => void (download && URL.revokeObjectURL(download.url)), [download]);

  const change = async (o: Order, to: OrderStatus) => {
    try {
      const next = await vaxel().ordersSetStatus({ id: o.id, to });
      setNote(t('orders.changed', { status: t(`orders.statuses.${next.status}`).toLowerCase() }));
      setError('');
    } catch (e) {
      setError(t('orders.failed', { why: errorMessage(e) }));
    }
    ordersChanged();
  };
  const exportCsv = async () => {
    try {
      const csv = await vaxel().ordersExportCsv(filterOf(status, unitId));
      setDownload({ url: URL.createObjectURL(new Blob([csv.text], { type: 'text/csv;charset=utf-8' })), file: csv.fileName });
      setNote(t('orders.exported', { count: csv.rows, file: csv.fileName }));
      setError('');
    } catch (e) {
      setError(t('orders.failed', { why: errorMessage(e) }));
    }
  };

  return (
    <section aria-label={t('orders.panel')} className="panel orders-panel">
      <h2>{t('orders.panel')}</h2>
      <div className="orders-tools">
        <button type="button" aria-keyshortcuts={NEW_ORDER_KEY} onClick={() => setDialog(true)}>
          {t('orders.new')} <kbd aria-hidden="true">{NEW_ORDER_KEY}</kbd>
        </button>
        <label>
          {t('orders.filterStatus')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as StatusChoice)}>
            <option value="open">{t('orders.openStatuses')}</option>
            <option value="">{t('orders.allStatuses')}</option>
            {OrderStatus.options.map((s) => (
              <option key={s} value={s}>
                {t(`orders.statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('orders.filterUnit')}{' '}
          <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            <option value="">{t('orders.allUnits')}</option>
            {units
              .filter((u) => u.kind === 'unit')
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
          </select>
        </label>{' '}
        <button type="button" onClick={() => void exportCsv()}>
          {t('orders.export')}
        </button>
        {download && (
          <a href={download.url} download={download.file}>
            {t('orders.download', { file: download.file })}
          </a>
        )}
      </div>
      <p className="orders-note" aria-live="polite">
        {note}
      </p>
      {error && (
        <p role="alert" className="dialog-error">
          {error}
        </p>
      )}
      {orders.length ? (
        <ul aria-label={t('orders.list')} className="orders-list">
          {orders.map((o) => (
            <li key={o.id} className={`order order-${o.status}`}>
              <span className="order-what">
                {t(`orders.kinds.${o.kind}`)}: {o.personName}
                {o.unitName ? `, ${o.unitName}` : ''}
                {o.number ? `, ${o.number}` : ''} – {t('orders.fromDate').toLowerCase()} {o.fromDate}
              </span>{' '}
              <span className="order-status">
                {t('orders.status')}: {t(`orders.statuses.${o.status}`)}
              </span>{' '}
              <span className="order-meta">({t('orders.orderedBy', { name: o.managerName })})</span>
              {o.notes && <span className="order-notes"> {o.notes}</span>}
              <ol className="order-history" aria-label={t('orders.changes.history')}>
                {o.history.map((h, i) => (
                  <li key={i}>
                    {t('orders.historyEntry', { status: t(`orders.statuses.${h.to}`), when: dateTimeText(h.at), by: h.by })} – {t(`orders.mailStatus.${h.mail}`)}
                  </li>
                ))}
              </ol>
              {orderMachine.table[o.status].map((to) => (
                <button key={to} type="button" onClick={() => void change(o, to)}>
                  {t(`orders.actions.${to}`)}
                </button>
              ))}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t('orders.empty')}</p>
      )}
      {dialog && <OrderDialog onClose={() => setDialog(false)} onSaved={setNote} />}
    </section>
  );
}
