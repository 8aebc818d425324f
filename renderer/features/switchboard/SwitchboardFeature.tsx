// The switchboard's screens in the console (P-AFTERHOURS, P-EXT-INFO, P-STAFF-LOOKUP): its global
// keys (Shift+F11 night service, Control+F11 opening hours), the one screen open at a time, the
// closing warning, and the status feed's start (re-read also when a caller joins the queue).
import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { ReferralSettings } from '../../../common/settings/schema';
import { useConsole } from '../../console-context';
import { useKeyScope } from '../../keyboard/useKeyScope';
import { selectQueue } from '../../sip';
import { ReferralTextsDialog } from '../referral/ReferralTextsDialog';
import { ClosedMessageDialog } from './ClosedMessageDialog';
import { ClosingWarning } from './ClosingWarning';
import { openSwitchboardScreen, type SwitchboardScreen } from './ui-store';
import { NightServiceDialog } from './NightServiceDialog';
import { SwitchboardHoursDialog } from './SwitchboardHoursDialog';
import './switchboard.css';

export function SwitchboardFeature({ referrals }: { referrals: ReferralSettings | undefined }) {
  const { switchboard, switchboardUi, stores } = useConsole();
  const screen = useStore(switchboardUi, (s) => s.open);
  const nightFor = useStore(switchboardUi, (s) => s.nightFor);

  useEffect(() => switchboard.start(), [switchboard]);
  useEffect(() => {
    let waiting = selectQueue(stores.calls.getState()).length;
    return stores.calls.subscribe((s) => {
      const now = selectQueue(s).length;
      if (now > waiting) void switchboard.refresh();
      waiting = now;
    });
  }, [stores, switchboard]);

  const open = (target: SwitchboardScreen) => () => {
    if (switchboardUi.getState().open) return false;
    openSwitchboardScreen(switchboardUi, stores.calls, target);
    return true;
  };
  useKeyScope('global', 'switchboard', { nightService: open('night-service'), switchboardHours: open('hours') });

  const close = () => switchboardUi.setState({ open: null });
  return (
    <>
      <ClosingWarning />
      {screen === 'hours' && <SwitchboardHoursDialog onClose={close} />}
      {screen === 'closed-message' && <ClosedMessageDialog onClose={close} />}
      {screen === 'referrals' && <ReferralTextsDialog settings={referrals} onClose={close} />}
      {screen === 'night-service' && <NightServiceDialog initial={nightFor} onClose={close} />}
    </>
  );
}
