// What the headset's Flash and Redial buttons do (D-HEADSET "as configured"): two labelled list
// boxes, reachable by Tab and changed with the arrow keys; a change applies at once.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeadsetButtonAction, HeadsetButtonConfig } from '../../common/headset/interpret';
import { HeadsetButtonActions } from '../../common/headset/settings';

export function HeadsetButtonsField({ value, onChange }: { value: HeadsetButtonConfig; onChange: (buttons: HeadsetButtonConfig) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const select = (button: keyof HeadsetButtonConfig) => (
    <span className="headset-button">
      <label htmlFor={`${id}-${button}`}>{t(`headset2.${button}Label`)}</label>
      <select id={`${id}-${button}`} value={value[button]} onChange={(e) => onChange({ ...value, [button]: e.target.value as HeadsetButtonAction })}>
        {HeadsetButtonActions.map((action) => (
          <option key={action} value={action}>
            {t(`headset2.action.${action}`)}
          </option>
        ))}
      </select>
    </span>
  );
  return (
    <>
      {select('flash')}
      {select('redial')}
    </>
  );
}
