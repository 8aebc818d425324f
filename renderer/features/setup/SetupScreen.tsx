// First run, or a stored settings file that could not be read: the operator (or IT) enters the
// account, saves through main, and the console starts.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings, SettingsState } from '../../../common/settings/schema';
import { IpcError } from '../../../common/ipc/contract';
import { reportLog, vaxel } from '../../platform/vaxel';
import { buildSettings, EMPTY_FORM, formFromProvisioned, lockedSetupFields, type SetupField, type SetupFormValues } from './setup-form';
import { useAudioOutputs } from './useAudioOutputs';
import { SetupHeadsetField } from '../../headset/SetupHeadsetField';
import type { HeadsetDevice } from '../../../common/headset/settings';

type Props = {
  readonly state: Exclude<SettingsState, { status: 'ok' }>;
  readonly onStarted: (settings: Settings) => void;
};

const TEXT_FIELDS = [
  ['displayName', 'setup.displayName', 'text', 'name'],
  ['username', 'setup.username', 'text', 'username'],
  ['password', 'setup.password', 'password', 'current-password'],
  ['domain', 'setup.domain', 'text', 'off'],
] as const;

export function SetupScreen({ state, onStarted }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const outputs = useAudioOutputs();
  const [values, setValues] = useState<SetupFormValues>(() => formFromProvisioned(state.provisioned, EMPTY_FORM));
  // Fields the machine's admin file locks: shown, read-only, with the reason as their description.
  const locked = lockedSetupFields(state.locked);
  const lockProps = (name: SetupField, describedBy?: string) =>
    locked.includes(name) ? { disabled: true, 'aria-describedby': [describedBy, `${id}-locked`].filter(Boolean).join(' ') } : describedBy ? { 'aria-describedby': describedBy } : {};
  const [invalid, setInvalid] = useState<SetupField[]>([]);
  const [saveFailed, setSaveFailed] = useState(false);
  const [saving, setSaving] = useState(false);
  const [headset, setHeadset] = useState<HeadsetDevice | null>(null);
  const set = (field: SetupField) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));
  const labelOf: Record<SetupField, string> = {
    displayName: t('setup.displayName'),
    username: t('setup.username'),
    password: t('setup.password'),
    domain: t('setup.domain'),
    servers: t('setup.servers'),
    directoryKind: t('setup.directorySource'),
    csvPath: t('setup.csvPath'),
    talkOutputId: t('setup.talkOutput'),
    ringOutputId: t('setup.ringOutput'),
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const result = buildSettings(values, state);
    setSaveFailed(false);
    if (!result.ok) {
      setInvalid(result.fields);
      return;
    }
    setInvalid([]);
    setSaving(true);
    try {
      const saved = await vaxel().saveSettings(headset ? { ...result.settings, headset } : result.settings);
      if (saved.status !== 'ok') throw new Error(`save returned ${saved.status}`);
      onStarted(saved.settings);
    } catch (error) {
      reportLog({ level: 'error', code: 'setup.save-failed', detail: { ipc: error instanceof IpcError ? error.code : 'none' } });
      setSaveFailed(true);
    } finally {
      setSaving(false);
    }
  }

  const field = (name: SetupField) => `${id}-${name}`;
  const isInvalid = (name: SetupField) => invalid.includes(name) || undefined;

  return (
    <main className="setup">
      <h1>{t('setup.heading')}</h1>
      {state.status === 'recovered' ? (
        <div className="recovered" role="alert">
          <h2>{t('setup.recoveredHeading')}</h2>
          <p>{t('setup.recoveredReason', { reason: state.reason })}</p>
          <p>{t('setup.recoveredBackup', { path: state.backupPath })}</p>
        </div>
      ) : (
        <p>{t('setup.intro')}</p>
      )}
      <p id={`${id}-locked`} className="hint" hidden={locked.length === 0}>
        {t('desktop.lockedByIt')}
      </p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {TEXT_FIELDS.map(([name, label, type, autoComplete]) => (
          <div className="field" key={name}>
            <label htmlFor={field(name)}>{t(label)}</label>
            <input
              id={field(name)}
              type={type}
              autoComplete={autoComplete}
              required={name !== 'password'}
              aria-invalid={isInvalid(name)}
              value={values[name]}
              onChange={set(name)}
              {...lockProps(name)}
            />
          </div>
        ))}
        <div className="field">
          <label htmlFor={field('servers')}>{t('setup.servers')}</label>
          <textarea
            id={field('servers')}
            rows={3}
            required
            aria-invalid={isInvalid('servers')}
            {...lockProps('servers', `${field('servers')}-hint`)}
            value={values.servers}
            onChange={set('servers')}
          />
          <p id={`${field('servers')}-hint`} className="hint">
            {t('setup.serversHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={field('directoryKind')}>{t('setup.directorySource')}</label>
          <select id={field('directoryKind')} value={values.directoryKind} onChange={set('directoryKind')} {...lockProps('directoryKind')}>
            <option value="none">{t('setup.directoryNone')}</option>
            <option value="csv">{t('setup.directoryCsv')}</option>
          </select>
        </div>
        {values.directoryKind === 'csv' && (
          <div className="field">
            <label htmlFor={field('csvPath')}>{t('setup.csvPath')}</label>
            <input id={field('csvPath')} type="text" required aria-invalid={isInvalid('csvPath')} value={values.csvPath} onChange={set('csvPath')} {...lockProps('csvPath')} />
          </div>
        )}
        {(['talkOutputId', 'ringOutputId'] as const).map((name) => (
          <div className="field" key={name}>
            <label htmlFor={field(name)}>{labelOf[name]}</label>
            <select id={field(name)} value={values[name]} onChange={set(name)} {...lockProps(name)}>
              <option value="">{t('setup.systemDefault')}</option>
              {outputs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        ))}
        <SetupHeadsetField value={headset} onChange={setHeadset} />
        {invalid.length > 0 && <p role="alert">{t('setup.invalid', { fields: invalid.map((f) => labelOf[f]).join(', ') })}</p>}
        {saveFailed && <p role="alert">{t('setup.saveFailed')}</p>}
        <button type="submit" disabled={saving}>
          {saving ? t('setup.saving') : t('setup.submit')}
        </button>
      </form>
    </main>
  );
}
