// "Hänvisningstexter" in the switchboard settings: the scripts Shift+F9 and Shift+F10 show, and
// the number Enter transfers to from the external one. Saved in the settings (saveSettings, the
// whole file re-read first so nothing saved meanwhile is lost); the scripts use it at once.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportLog, vaxel } from '../../platform/vaxel';
import { reasonOf, SettingsFrame, type FrameMessage } from '../switchboard/SettingsFrame';
import type { ReferralSettings } from '../../../common/settings/schema';
import { referralForm, referralsFromForm, type ReferralForm, type ReferralFormError } from './referral-form';

export function ReferralTextsDialog({ settings, onClose }: { settings: ReferralSettings | undefined; onClose(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const defaults = { externalText: t('referral.externalText'), internalText: t('referral.internalText') };
  const [form, setForm] = useState<ReferralForm>(() => referralForm(settings, defaults));
  const [errors, setErrors] = useState<ReferralFormError[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<FrameMessage | null>(null);
  const errorOf = (field: keyof ReferralForm) => errors.find((e) => e.field === field);
  const described = (field: keyof ReferralForm) => (errorOf(field) ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${field}` } : {});
  const problem = (field: keyof ReferralForm) => {
    const e = errorOf(field);
    return e ? (
      <span id={`${id}-${field}`} className="field-problem">
        {t(`switchboardSettings.referrals.${e.key}`)}
      </span>
    ) : null;
  };

  const save = async () => {
    if (busy) return;
    const result = referralsFromForm(form, defaults);
    if (!result.ok) {
      setErrors(result.errors);
      setMessage({ kind: 'alert', text: `${t('switchboardSettings.fixErrors', { count: result.errors.length })} ${t(`switchboardSettings.referrals.${result.errors[0]!.key}`)}` });
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      const state = await vaxel().getSettings();
      if (state.status !== 'ok') throw new Error(t('errors.settingsLoadFailed'));
      const { referrals: _old, ...rest } = state.settings;
      await vaxel().saveSettings(Object.keys(result.referrals).length ? { ...rest, referrals: result.referrals } : rest);
      reportLog({ level: 'info', code: 'referral.texts-saved' });
      onClose();
    } catch (error) {
      reportLog({ level: 'warn', code: 'referral.texts-save-failed' });
      setMessage({ kind: 'alert', text: t('switchboardSettings.saveFailed', { reason: reasonOf(error) }) });
      setBusy(false);
    }
  };

  const field = (name: 'externalText' | 'internalText', label: string) => (
    <>
      <label className="referral-text">
        {label}
        <textarea rows={3} maxLength={1000} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })} {...described(name)} />
        {problem(name)}
      </label>
      <button type="button" onClick={() => setForm({ ...form, [name]: defaults[name] })}>
        {`${t('switchboardSettings.referrals.reset')}: ${label}`}
      </button>
    </>
  );

  return (
    <SettingsFrame title={t('switchboardSettings.referrals.title')} className="referral-texts-dialog" busy={busy} ready message={message} onSave={() => void save()} onClose={onClose}>
      {field('externalText', t('switchboardSettings.referrals.external'))}
      {field('internalText', t('switchboardSettings.referrals.internal'))}
      <label>
        {t('switchboardSettings.referrals.transfer')}
        <input type="tel" value={form.transferNumber} onChange={(e) => setForm({ ...form, transferNumber: e.target.value })} {...described('transferNumber')} />
        {problem('transferNumber')}
      </label>
      <p className="hint">{t('switchboardSettings.referrals.transferHint')}</p>
    </SettingsFrame>
  );
}
