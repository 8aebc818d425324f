// "Växelns öppettider" (P-AFTERHOURS): the settings screen for the switchboard's hours per
// municipality, read with switchboardGetHours and saved with switchboardSaveHours (main saves,
// makes the closed messages anew and pushes the schedule to the PBX). The form is checked by the
// settings schema (hours-form.ts) before anything is sent; problems are listed in Swedish and
// marked on their fields. After a save the queue's open/closed lines are read again.
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HoursMunicipality, SwitchboardHours } from '../../../common/switchboard/schema';
import { useConsole } from '../../console-context';
import { reportLog, vaxel } from '../../platform/vaxel';
import { formFromHours, hoursFromForm, type FormError, type HoursForm } from './hours-form';
import { HoursFields, type FieldProblem } from './HoursFields';
import { reasonOf, SettingsFrame, type FrameMessage } from './SettingsFrame';

export function SwitchboardHoursDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const { switchboard } = useConsole();
  const baseId = useId();
  const [base, setBase] = useState<SwitchboardHours | null>(null);
  const [form, setForm] = useState<HoursForm | null>(null);
  const [municipality, setMunicipality] = useState<HoursMunicipality>('essunga');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<FrameMessage | null>(null);

  useEffect(() => {
    let live = true;
    vaxel()
      .switchboardGetHours()
      .then((hours) => {
        if (!live) return;
        setBase(hours);
        setForm(formFromHours(hours));
      })
      .catch((error: unknown) => {
        reportLog({ level: 'warn', code: 'switchboard.hours-load-failed' });
        if (live) setMessage({ kind: 'alert', text: t('switchboardSettings.loadFailed', { reason: reasonOf(error) }) });
      });
    return () => {
      live = false;
    };
  }, [t]);

  const problems = useMemo(() => {
    const map = new Map<string, FieldProblem>();
    errors.forEach((e, i) => map.set(e.field, { id: `${baseId}-problem-${i}`, text: t(`switchboardSettings.errors.${e.key}`) }));
    return map;
  }, [errors, baseId, t]);

  const save = async () => {
    if (!form || !base || busy) return;
    const result = hoursFromForm(form, base);
    if (!result.ok) {
      setErrors(result.errors);
      const first = result.errors[0]!.field.split('.')[0] as HoursMunicipality;
      setMunicipality(first);
      const where = [...new Set(result.errors.map((e) => t(`switchboardSettings.${e.field.split('.')[0] as HoursMunicipality}`)))].join(', ');
      setMessage({ kind: 'alert', text: `${where}: ${t('switchboardSettings.fixErrors', { count: result.errors.length })} ${t(`switchboardSettings.errors.${result.errors[0]!.key}`)}` });
      return;
    }
    setErrors([]);
    setBusy(true);
    setMessage(null);
    try {
      await vaxel().switchboardSaveHours(result.hours);
      reportLog({ level: 'info', code: 'switchboard.hours-saved' });
      void switchboard.refresh();
      onClose();
    } catch (error) {
      reportLog({ level: 'warn', code: 'switchboard.hours-save-failed' });
      setMessage({ kind: 'alert', text: t('switchboardSettings.saveFailed', { reason: reasonOf(error) }) });
      setBusy(false);
    }
  };

  return (
    <SettingsFrame title={t('switchboardSettings.hours.title')} className="switchboard-hours-dialog" busy={busy} ready={form !== null} message={message} onSave={() => void save()} onClose={onClose}>
      <label>
        {t('switchboardSettings.municipality')}
        <select autoFocus value={municipality} onChange={(e) => setMunicipality(e.target.value as HoursMunicipality)}>
          <option value="essunga">{t('switchboardSettings.essunga')}</option>
          <option value="grastorp">{t('switchboardSettings.grastorp')}</option>
        </select>
      </label>
      {form && <HoursFields key={municipality} municipality={municipality} form={form[municipality]} problems={problems} onChange={(next) => setForm({ ...form, [municipality]: next })} />}
    </SettingsFrame>
  );
}
