// Which switchboard screen is open (one at a time), the municipality "Stäng/Öppna växeln" starts
// with, and the one last switched at this console (used when no call says otherwise).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HoursMunicipality } from '../../../common/switchboard/schema';
import { selectActiveCall, type CallsState } from '../../sip';
import { preselectedMunicipality } from './closing-warning';

export type SwitchboardScreen = 'hours' | 'closed-message' | 'referrals' | 'night-service';

export interface SwitchboardUiState {
  readonly open: SwitchboardScreen | null;
  readonly nightFor: HoursMunicipality;
  readonly lastUsed: HoursMunicipality | null;
}

export type SwitchboardUi = StoreApi<SwitchboardUiState>;

export function createSwitchboardUi(): SwitchboardUi {
  return createStore<SwitchboardUiState>()(() => ({ open: null, nightFor: 'essunga', lastUsed: null }));
}

/** Opens a screen; night service starts with the current call's municipality, else the last used. */
export function openSwitchboardScreen(ui: SwitchboardUi, calls: StoreApi<CallsState>, screen: SwitchboardScreen): void {
  if (screen !== 'night-service') return ui.setState({ open: screen });
  const active = selectActiveCall(calls.getState());
  ui.setState({ open: screen, nightFor: preselectedMunicipality(active?.greetingKind, ui.getState().lastUsed) });
}
