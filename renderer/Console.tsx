// The working console: builds the engine and its stores for these settings, starts it, and lays
// out the four panels. Rebuilt when the settings object changes.
import { useEffect, useState } from 'react';
import type { Settings } from '../common/settings/schema';
import { ConsoleContext, type ConsoleServices } from './console-context';
import { AudioElementOutput, createSoftphoneStores, Softphone } from './sip';
import { createNetworkStore } from './features/status/network-store';
import { createCallActions, createNoticeStore } from './features/call/actions';
import { createSearchFocus } from './features/directory/search-focus';
import { QueuePanel } from './features/queue/QueuePanel';
import { Announcer } from './features/queue/Announcer';
import { CallPanel } from './features/call/CallPanel';
import { DirectoryPanel } from './features/directory/DirectoryPanel';
import { StatusBar } from './features/status/StatusBar';
import { useGlobalKeys } from './keyboard/useGlobalKeys';
import { reportLog } from './platform/vaxel';
import { startCallLog } from './calllog';

function createServices(): ConsoleServices & { dispose(): void } {
  const stores = createSoftphoneStores();
  const softphone = new Softphone({ stores, log: reportLog, audio: new AudioElementOutput(new Audio(), reportLog) });
  const network = createNetworkStore(window, () => navigator.onLine);
  const notices = createNoticeStore();
  const searchFocus = createSearchFocus();
  const actions = createCallActions(softphone, notices, searchFocus);
  return { softphone, stores, network, notices, searchFocus, actions, dispose: () => network.dispose() };
}

export function Console({ settings }: { settings: Settings }) {
  const [services] = useState(createServices);
  useGlobalKeys(services.actions);

  useEffect(() => {
    services.softphone.start(settings).catch(() => reportLog({ level: 'error', code: 'sip.start-failed' }));
    return () => {
      services.softphone.stop().catch(() => reportLog({ level: 'error', code: 'sip.stop-failed' }));
    };
  }, [services, settings]);
  useEffect(() => () => services.dispose(), [services]);
  useEffect(() => startCallLog(services.stores.calls), [services]); // the call log in main (issue 3)
  // Home position on load, also when the first frame's autoFocus lost to something else.
  useEffect(() => services.searchFocus.focus(), [services]);

  return (
    <ConsoleContext.Provider value={services}>
      <div className="console">
        <main className="panels">
          <DirectoryPanel />
          <QueuePanel />
          <CallPanel />
        </main>
        <StatusBar />
        <Announcer />
      </div>
    </ConsoleContext.Provider>
  );
}
