// The one small interface between the console and a PBX for switchboard hours (P-AFTERHOURS).
// The console computes; the PBX decides per call from what it was given, so the closed message
// plays with no console running. Implementations: kamailioControl.ts (the lab's Kamailio, JSON-RPC
// to an htable) and displayOnlyControl.ts (a PBX without such control: state shown, nothing sent).
import type { HoursMunicipality } from '../../../common/switchboard/schema';
import type { PbxSwitchboardState } from '../../../common/switchboard/pbxState';

export interface PbxSwitchboardControl {
  readonly kind: 'kamailio-jsonrpc' | 'display-only';
  /** True when the PBX itself answers closed calls with the message. */
  readonly playsMessage: boolean;
  /** Replaces the PBX's switchboard state (closed intervals, night service, numbers). */
  apply(state: PbxSwitchboardState): Promise<void>;
  /** What the PBX holds now, null when it holds nothing (fresh or restarted PBX). */
  read(): Promise<PbxSwitchboardState | null>;
  /** Puts a municipality's closed message (a WAV file) where the PBX's announcer plays it from. */
  installPrompt(municipality: HoursMunicipality, wav: Uint8Array): Promise<void>;
}
