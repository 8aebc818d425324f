// One presence manager per softphone (found through it), so panels
// reach it through the console's services without a new field in them.
import type { Softphone, SoftphoneStores } from '..';
import type { ReportLog } from '../log';
import { PresenceManager } from './presence-manager';

export { PresenceManager, MAX_IN_FLIGHT, RESULTS_LRU, type PresenceConfig, type PublishResult } from './presence-manager';
export { createPresenceStore, UNKNOWN, type PresenceEntry, type PresenceStore } from './presence-store';

const managers = new WeakMap<Softphone, PresenceManager>();

/** The presence manager of this softphone, created (and hooked to its UserAgents) on first use. */
export function presenceOf(softphone: Softphone, stores: SoftphoneStores, log: ReportLog): PresenceManager {
  let m = managers.get(softphone);
  if (!m) {
    const manager = new PresenceManager({
      registration: stores.registration,
      log,
      domain: () => /^sip:1@(.+)$/.exec(softphone.targetUri('1') ?? '')?.[1] ?? null,
    });
    softphone.onUserAgent((ua) => manager.setUserAgent(ua));
    managers.set(softphone, manager);
    m = manager;
  }
  return m;
}
