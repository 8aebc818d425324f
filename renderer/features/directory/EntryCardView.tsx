// The contact card (role region "Kontaktkort"): what the operator says to the caller. Direct and
// mobile numbers to give out (P-NUMBERS), each copied with one key (Alt+1, Alt+2); unit, role
// words, the unit's notices (P-CHANGES) and opening hours; a place for presence. For a protected
// identity main sends no numbers at all and the card warns instead (P-SECRECY). The operator
// records what a manager phones in (notices, opening hours) right here (UnitNoticeList.tsx, UnitHours.tsx).
import { useEffect, useState } from 'react';
import type { CardNumber, EntryCard } from '../../../common/directory/card';
import type { Unit } from '../../../common/directory/model';
import { activeNotices } from '../../../common/directory/noticeValidity';
import { displayNumber } from '../../../common/phone';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { WEEKDAY_KEYS, type WeekdayKey } from '../../../common/i18n';
import { CardPresence } from '../absence/CardPresence';
import { UnitHours } from './UnitHours';
import { UnitNoticeList } from './UnitNoticeList';
import { COPY_BINDINGS } from '../../keyboard/bindings';
import { useKeyScope } from '../../keyboard/useKeyScope';
import { CardOrders } from '../orders/CardOrders';
import { useNoticeClock } from './notice-clock';

/** Copy keys in aria-keyshortcuts notation, in the order numbers are given out (bindings.ts: card.copy1..3). */
// Alt+digit: Control+digit retrieves parked calls (renderer/keyboard/keymap.ts).
export const COPY_KEYS = ['Alt+1', 'Alt+2', 'Alt+3'] as const;

interface Props {
  card: EntryCard;
  units: Unit[];
  onDone(): void;
}

function numberLabel(n: CardNumber, t: TFunction) {
  return t(n.kind === 'direct' ? 'card.direct' : n.kind === 'mobile' ? 'card.mobile' : n.kind === 'shared' ? 'card.shared' : 'card.extension');
}
function copyLabel(n: CardNumber, t: TFunction) {
  return t(n.kind === 'direct' ? 'card.copyDirect' : n.kind === 'mobile' ? 'card.copyMobile' : 'card.copyShared');
}
const day = (d: number, t: TFunction) => t(`card.day.${WEEKDAY_KEYS[d] as WeekdayKey}`);

function dayRange(days: number[], t: TFunction): string {
  const sorted = [...days].sort();
  const contiguous = sorted.every((d, i) => i === 0 || d === sorted[i - 1]! + 1);
  return contiguous && sorted.length > 2 ? `${day(sorted[0]!, t)}–${day(sorted[sorted.length - 1]!, t)}` : sorted.map((d) => day(d, t)).join(', ');
}

export function EntryCardView({ card, units, onDone }: Props) {
  const { t } = useTranslation();
  const [copyNote, setCopyNote] = useState('');
  const giveOut = card.numbers.filter((n) => n.giveOut);
  const others = card.numbers.filter((n) => !n.giveOut);
  const unit = units.find((u) => u.id === card.unitId);
  const parent = unit?.parentId ? units.find((u) => u.id === unit.parentId) : undefined;
  const hours = unit?.openingHours.length ? unit.openingHours : (parent?.openingHours ?? []);
  const now = useNoticeClock([...(unit?.notices ?? []), ...(parent?.notices ?? [])]);
  const notices = [...activeNotices(unit?.notices ?? [], now), ...activeNotices(parent?.notices ?? [], now)];
  const isProtected = card.warning === 'protected-identity';

  const copy = (n: CardNumber) => {
    const value = displayNumber(n.value);
    navigator.clipboard.writeText(value).then(
      () => setCopyNote(t('card.copied', { what: numberLabel(n, t), value })),
      () => setCopyNote(t('card.copyFailed')),
    );
  };

  useEffect(() => setCopyNote(''), [card.id]);
  const copyKey = (index: number) => () => {
    const n = giveOut[index];
    if (!n) return false;
    copy(n);
    return true;
  };
  useKeyScope('card', 'card', { [COPY_BINDINGS[0]]: copyKey(0), [COPY_BINDINGS[1]]: copyKey(1), [COPY_BINDINGS[2]]: copyKey(2) });

  return (
    <section className="entry-card" aria-label={t('card.label')}>
      <h3 className="card-name">{card.name}</h3>
      {card.title && <p className="card-title">{card.title}</p>}
      {isProtected && (
        <p className="card-protected" role="alert">
          {t('card.protected')}
        </p>
      )}
      <dl className="card-fields">
        {giveOut.map((n, i) => (
          <div key={n.kind} className={`card-number number-${n.kind}`}>
            <dt>{numberLabel(n, t)}</dt>
            <dd>
              <span className="number-value">{displayNumber(n.value)}</span>{' '}
              {COPY_KEYS[i] && (
                <button
                  type="button"
                  className="copy"
                  aria-keyshortcuts={COPY_KEYS[i]}
                  onClick={() => {
                    copy(n);
                    onDone();
                  }}
                >
                  {copyLabel(n, t)} <kbd aria-hidden="true">{COPY_KEYS[i]}</kbd>
                </button>
              )}
            </dd>
          </div>
        ))}
        {others.map((n) => (
          <div key={n.kind} className={`card-number number-${n.kind}`}>
            <dt>{numberLabel(n, t)}</dt>
            <dd>{n.value}</dd>
          </div>
        ))}
        {!isProtected && <CardOrders card={card} />}
        {!isProtected && giveOut.length === 0 && (
          <div>
            <dt>{t('card.direct')}</dt>
            <dd>{t('card.noNumbers')}</dd>
          </div>
        )}
        <div>
          <dt>{t('card.unit')}</dt>
          <dd>{[card.unit, card.forvaltning, t(card.municipality === 'essunga' ? 'directory.essunga' : 'directory.grastorp')].filter(Boolean).join(', ')}</dd>
        </div>
        {card.roleWords.length > 0 && (
          <div>
            <dt>{t('card.roleWords')}</dt>
            <dd>{card.roleWords.join(', ')}</dd>
          </div>
        )}
        {card.email && (
          <div>
            <dt>{t('card.email')}</dt>
            <dd>{card.email}</dd>
          </div>
        )}
        {card.notes && (
          <div>
            <dt>{t('card.notes')}</dt>
            <dd>{card.notes}</dd>
          </div>
        )}
        <div>
          <dt>{t('card.openingHours')}</dt>
          <dd>
            <UnitHours unit={unit} hoursText={hours.length ? hours.map((h) => `${dayRange(h.days, t)} ${h.open}–${h.close}`).join('; ') : t('card.noOpeningHours')} onDone={onDone} />
          </dd>
        </div>
        <div>
          <dt>{t('card.notices')}</dt>
          <dd>
            <UnitNoticeList notices={notices} unitId={unit?.id} unitName={unit?.name ?? ''} emptyText={t('card.noNotices')} onDone={onDone} />
          </dd>
        </div>
        <div>
          <dt>{t('card.presence')}</dt>
          <dd className="presence">
            <CardPresence extension={card.numbers.find((n) => n.kind === 'extension')?.value} name={card.name} unit={card.unitId ? { id: card.unitId, name: card.unit } : undefined} />
          </dd>
        </div>
      </dl>
      <p className="copy-note" aria-live="polite">
        {copyNote}
      </p>
    </section>
  );
}
