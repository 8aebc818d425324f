// The fields of one municipality in "Växelns öppettider": the week, holidays and eves, klämdagar
// and one-off exceptions. Every control is a native input or select with its own label, so it
// is reachable by Tab and named for screen readers; a field with a problem says so
// (aria-invalid) and points at its message (aria-describedby).
import { useTranslation } from 'react-i18next';
import { EVE_IDS, type HoursMunicipality } from '../../../common/switchboard/schema';
import { emptyException, WEEKDAYS, type EveChoice, type ExceptionKind, type MunicipalityForm } from './hours-form';

export interface FieldProblem {
  readonly id: string;
  readonly text: string;
}

interface Props {
  municipality: HoursMunicipality;
  form: MunicipalityForm;
  problems: ReadonlyMap<string, FieldProblem>;
  onChange(next: MunicipalityForm): void;
}

const EXCEPTION_KINDS: ExceptionKind[] = ['closed-day', 'closed-span', 'open-span'];

export function HoursFields({ municipality, form, problems, onChange }: Props) {
  const { t } = useTranslation();
  const name = t(`switchboardSettings.${municipality}`);
  const invalid = (field: string) => {
    const p = problems.get(`${municipality}.${field}`);
    return p ? { 'aria-invalid': true as const, 'aria-describedby': p.id } : {};
  };
  const problem = (field: string) => {
    const p = problems.get(`${municipality}.${field}`);
    return p ? (
      <span id={p.id} className="field-problem">
        {p.text}
      </span>
    ) : null;
  };
  const setException = (i: number, patch: Partial<MunicipalityForm['exceptions'][number]>) => onChange({ ...form, exceptions: form.exceptions.map((e, j) => (j === i ? { ...e, ...patch } : e)) });

  return (
    <>
      <fieldset>
        <legend>{t('switchboardSettings.hours.weekly', { municipality: name })}</legend>
        <p className="hint">{t('switchboardSettings.hours.weeklyHint')}</p>
        {WEEKDAYS.map((d) => (
          <label key={d} className="hours-day">
            {t(`switchboardSettings.hours.day.${d}`)}
            <input type="text" value={form.weekly[d]} onChange={(e) => onChange({ ...form, weekly: { ...form.weekly, [d]: e.target.value } })} {...invalid(`weekly.${d}`)} />
            {problem(`weekly.${d}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('switchboardSettings.hours.holidays')}</legend>
        <label>
          <input type="checkbox" checked={form.closedOnHolidays} onChange={(e) => onChange({ ...form, closedOnHolidays: e.target.checked })} />
          {t('switchboardSettings.hours.closedOnHolidays')}
        </label>
        {EVE_IDS.map((id) => {
          const eve = form.eves[id];
          const eveName = t(`switchboardSettings.hours.eve.${id}`);
          const set = (patch: Partial<typeof eve>) => onChange({ ...form, eves: { ...form.eves, [id]: { ...eve, ...patch } } });
          return (
            <div key={id} className="hours-eve">
              <label>
                {eveName}
                <select value={eve.choice} onChange={(e) => set({ choice: e.target.value as EveChoice })}>
                  {(['closed', 'normal', 'short'] as const).map((c) => (
                    <option key={c} value={c}>
                      {t(`switchboardSettings.hours.eveChoice.${c}`)}
                    </option>
                  ))}
                </select>
              </label>
              {eve.choice === 'short' && (
                <label>
                  {t('switchboardSettings.hours.eveClose', { eve: eveName })}
                  <input type="text" inputMode="numeric" size={5} value={eve.close} onChange={(e) => set({ close: e.target.value })} {...invalid(`eves.${id}`)} />
                  {problem(`eves.${id}`)}
                </label>
              )}
            </div>
          );
        })}
        <label>
          {t('switchboardSettings.hours.bridge')}
          <select value={form.bridgeDays} onChange={(e) => onChange({ ...form, bridgeDays: e.target.value as MunicipalityForm['bridgeDays'] })}>
            {(['normal', 'short', 'closed'] as const).map((c) => (
              <option key={c} value={c}>
                {t(`switchboardSettings.hours.bridgeChoice.${c}`)}
              </option>
            ))}
          </select>
        </label>
        {form.bridgeDays === 'short' && (
          <label>
            {t('switchboardSettings.hours.shortDayClose')}
            <input type="text" inputMode="numeric" size={5} value={form.shortDayClose} onChange={(e) => onChange({ ...form, shortDayClose: e.target.value })} {...invalid('shortDayClose')} />
            {problem('shortDayClose')}
          </label>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('switchboardSettings.hours.exceptions')}</legend>
        {form.exceptions.length === 0 && <p>{t('switchboardSettings.hours.noExceptions')}</p>}
        {form.exceptions.map((e, i) => {
          const n = String(i + 1);
          const timed = e.kind !== 'closed-day';
          return (
            <div key={i} className="hours-exception" role="group" aria-label={t('switchboardSettings.hours.exception', { n })}>
              <label>
                {t('switchboardSettings.hours.date', { n })}
                <input
                  type="text"
                  inputMode="numeric"
                  size={10}
                  placeholder={t('switchboardSettings.hours.datePlaceholder')}
                  value={e.date}
                  onChange={(ev) => setException(i, { date: ev.target.value })}
                  {...invalid(`exceptions.${i}.date`)}
                />
                {problem(`exceptions.${i}.date`)}
              </label>
              <label>
                {t('switchboardSettings.hours.kind', { n })}
                <select value={e.kind} onChange={(ev) => setException(i, { kind: ev.target.value as ExceptionKind })}>
                  {EXCEPTION_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`switchboardSettings.hours.kindChoice.${k}`)}
                    </option>
                  ))}
                </select>
              </label>
              {timed && (
                <>
                  <label>
                    {t('switchboardSettings.hours.from', { n })}
                    <input type="text" inputMode="numeric" size={5} value={e.from} onChange={(ev) => setException(i, { from: ev.target.value })} {...invalid(`exceptions.${i}.from`)} />
                    {problem(`exceptions.${i}.from`)}
                  </label>
                  <label>
                    {t('switchboardSettings.hours.to', { n })}
                    <input type="text" inputMode="numeric" size={5} value={e.to} onChange={(ev) => setException(i, { to: ev.target.value })} {...invalid(`exceptions.${i}.to`)} />
                    {problem(`exceptions.${i}.to`)}
                  </label>
                </>
              )}
              <label>
                {t('switchboardSettings.hours.note', { n })}
                <input type="text" maxLength={200} value={e.note} onChange={(ev) => setException(i, { note: ev.target.value })} {...invalid(`exceptions.${i}.note`)} />
                {problem(`exceptions.${i}.note`)}
              </label>
              <button type="button" onClick={() => onChange({ ...form, exceptions: form.exceptions.filter((_, j) => j !== i) })}>
                {t('switchboardSettings.hours.remove', { n })}
              </button>
            </div>
          );
        })}
        <button type="button" onClick={() => onChange({ ...form, exceptions: [...form.exceptions, emptyException()] })}>
          {t('switchboardSettings.hours.add')}
        </button>
      </fieldset>
    </>
  );
}
