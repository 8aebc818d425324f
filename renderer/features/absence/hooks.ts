import { useStore } from 'zustand';
import { useConsole } from '../../console-context';
import { reportLog } from '../../platform/vaxel';
import { presenceOf, type PresenceEntry, type PresenceManager } from '../../sip/presence';

export function usePresence(): PresenceManager {
  const { softphone, stores } = useConsole();
  return presenceOf(softphone, stores, reportLog);
}

export function usePresenceEntry(ext: string): PresenceEntry {
  return useStore(usePresence().store.entryStore(ext));
}
