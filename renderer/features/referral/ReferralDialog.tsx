// The referral script on screen (Shift+F9 external information, Shift+F10 staff numbers): the text
// to read out, and for external information an optional blind transfer to the configured number.
// Enter transfers when a number is set (else closes); Escape closes. Focus goes back to the search field.
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { useTranslation } from 'react-i18next';
import type { ReferralSettings } from '../../../common/settings/schema';
import { Dialog } from '../../components/Dialog';
import { useConsole } from '../../console-context';
import { referralScript } from './script';

export function ReferralDialog({ settings }: { settings: ReferralSettings | undefined }) {
  const { t } = useTranslation();
  const { actions, searchFocus } = useConsole();
  const reason = useStore(actions.ui, (s) => s.referral);
  const firstRef = useRef<HTMLButtonElement>(null);
  const transferRef = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    if (reason) firstRef.current?.focus();
  }, [reason]);
  if (!reason) return null;
  const script = referralScript(reason, settings, t);
  const close = () => actions.closeReferral();
  const transfer = () => {
    const target = script.transferTo;
    close();
    if (target) void actions.blind(target);
  };
  return (
    <Dialog
      owner="referral"
      title={script.title}
      className="referral"
      onClose={close}
      returnFocus={searchFocus.focus}
      keys={{
        'referral.confirm': (e) => {
          if (e.target instanceof HTMLButtonElement && e.target !== transferRef.current) return false; // Enter on "Stäng" closes
          transfer();
          return true;
        },
      }}
    >
      <p className="referral-script">{script.text}</p>
      {script.transferTo ? (
        <button
          type="button"
          ref={(el) => {
            firstRef.current = el;
            transferRef.current = el;
          }}
          onClick={transfer}
        >
          {t('referral.transfer', { number: script.transferTo })}
        </button>
      ) : reason === 'external-info' ? (
        <p>{t('referral.noTransferNumber')}</p>
      ) : null}
      <button type="button" ref={script.transferTo ? undefined : firstRef} onClick={close}>
        {t('referral.close')}
      </button>
    </Dialog>
  );
}
