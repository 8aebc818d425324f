// "Ny beställning" (P-ORDERS): the operator records what a manager orders. The manager and the
// person are picked from the directory by keyboard (PersonPicker); a new employee is a typed name.
// Enter in a field or Control+Enter anywhere saves; Escape cancels; focus goes back where it was.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OrderKind, type NewOrderInput } from '../../../common/orders/model';
import { dateKey } from '../../../common/time/stockholm';
import { Dialog } from '../../components/Dialog';
import { vaxel } from '../../platform/vaxel';
import { errorMessage } from '../directory/EditorDialog';
import { ordersChanged } from './orders-store';
import { PersonPicker, type PickedPerson } from './PersonPicker';
import { DialogFooter } from '../../components/DialogFooter';

export function OrderDialog({ onClose, onSaved }: { onClose(): void; onSaved(message: string): void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<OrderKind>('extension-new');
  const [manager, setManager] = useState<PickedPerson | null>(null);
  const [person, setPerson] = useState<PickedPerson | null>(null);
  const [newName, setNewName] = useState('');
  const [fromDate, setFromDate] = useState(() => dateKey(Date.now()));
  const [number, setNumber] = useState('');
  const [notes, setNotes] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (busy) return;
    if (!manager) return setError(t('orders.needManager'));
    if (!person && !newName.trim()) return setError(t('orders.needPerson'));
    if (!fromDate) return setError(t('orders.needDate'));
    const input: NewOrderInput = {
      kind,
      managerId: manager.id,
      ...(person ? { personId: person.id } : { personName: newName.trim() }),
      fromDate,
      ...(number.trim() ? { number: number.trim() } : {}),
      notes: notes.trim(),
    };
    setBusy(true);
    try {
      const order = await vaxel().ordersCreate(input);
      ordersChanged();
      onSaved(t('orders.changed', { status: t(`orders.statuses.${order.status}`).toLowerCase() }));
      onClose();
    } catch (e) {
      setError(t('orders.failed', { why: errorMessage(e) }));
      setBusy(false);
    }
  };
  return (
    <Dialog
      owner="orders"
      title={t('orders.dialog')}
      className="order-dialog"
      onClose={onClose}
      keys={{
        'orders.save': () => {
          void save();
          return true;
        },
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <PersonPicker label={t('orders.managerSearch')} picked={manager} onPick={setManager} autoFocus />
        <label>
          {t('orders.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as OrderKind)}>
            {OrderKind.options.map((k) => (
              <option key={k} value={k}>
                {t(`orders.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <PersonPicker label={t('orders.personSearch')} picked={person} onPick={setPerson} />
        <label>
          {t('orders.personNew')}
          <input type="text" value={newName} disabled={!!person} maxLength={200} onChange={(e) => setNewName(e.target.value)} />
        </label>
        <label>
          {t('orders.fromDate')}
          <input type="date" value={fromDate} required onChange={(e) => setFromDate(e.target.value)} />
        </label>
        <label>
          {t('orders.number')}
          <input type="text" inputMode="tel" value={number} maxLength={20} onChange={(e) => setNumber(e.target.value)} />
        </label>
        <label>
          {t('orders.notes')}
          <textarea value={notes} rows={3} maxLength={2000} onChange={(e) => setNotes(e.target.value)} />
        </label>
        <DialogFooter error={error} busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
