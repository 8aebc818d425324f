// The working console: builds the engine and its stores for these settings, starts it, and lays
// out the four panels. Rebuilt when the settings object changes.
import { useEffect, useState } from 'react';
import type { Settings } from '../common/settings/schema';
import { ConsoleContext, type ConsoleServices } from './console-context';
import { AudioElementOutput, createSoftphoneStores, Softphone, WebAudioTones } from './sip';
import { createNetworkStore } from './features/status/network-store';
import { createCallActions, createNoticeStore } from './features/call/actions';
import { createSearchFocus } from './features/directory/search-focus';
import { QueuePanel } from './features/queue/QueuePanel';
import { Announcer } from './features/queue/Announcer';
import { CallPanel } from './features/call/CallPanel';
import { DirectoryPanel } from './features/directory/DirectoryPanel';
import { StatusBar } from './features/status/StatusBar';
import { useGlobalKeys } from './keyboard/useGlobalKeys';
import { resolveKeymap } from './keyboard/keymap';
import { ParkPanel } from './features/park/ParkPanel';
import { HelpDialog } from './features/help/HelpDialog';
import { callSettings } from '../common/settings/schema';
import { reportLog, vaxel } from './platform/vaxel';
import { startCallLog } from './calllog';
import { createMessagesFeature, MessagePad, MessagesPanel, type MessagesFeature } from './features/messages';
import { presenceOf } from './sip/presence';
import { FavouritesPanel } from './features/absence/FavouritesPanel';
import { bindDirectorySelection } from './features/directory/bind-selection';
import { startDesktopBridge, typeInto } from './platform/desktop-bridge';

/** The search field's text: a typed number is what Enter and the transfer keys act on. */
function searchText(): string {
  return document.querySelector<HTMLInputElement>('input[type="search"]')?.value ?? '';
}

function createServices(settings: Settings): ConsoleServices & { messages: MessagesFeature; dispose(): void } {
  const stores = createSoftphoneStores();
  // The ring tone plays through its own element on the ring device; it sits in the DOM (hidden)
  // so its state can be inspected like any other media element.
  const ringElement = document.createElement('audio');
  ringElement.dataset.vaxel = 'ring';
  ringElement.hidden = true;
  document.body.appendChild(ringElement);
  const tones = new WebAudioTones(reportLog, ringElement);
  const softphone = new Softphone({ stores, log: reportLog, audio: new AudioElementOutput(new Audio(), reportLog), tones });
  const network = createNetworkStore(window, () => navigator.onLine);
  const notices = createNoticeStore();
  const searchFocus = createSearchFocus();
  const keymap = resolveKeymap(callSettings(settings).keymap);
  const actions = createCallActions(softphone, notices, searchFocus, keymap, searchText);
  const messages = createMessagesFeature({ settings, softphone, stores, currentTarget: actions.currentTarget });
  actions.setMessageOpener(messages.openPad); // the message key (Shift+F8) and the recall's "Meddelande"
  // The entry the operator opened in the directory (Enter) is what the transfer keys act on.
  const unbindSelection = bindDirectorySelection(actions);
  presenceOf(softphone, stores, reportLog).configure({ favourites: settings.favourites ?? [], pickupPrefix: settings.pickupPrefix ?? '', internalNumberPattern: settings.internalNumberPattern });
  return {
    softphone,
    stores,
    network,
    notices,
    searchFocus,
    actions,
    messages,
    dispose: () => {
      unbindSelection();
      messages.dispose();
      network.dispose();
      tones.dispose();
      ringElement.remove();
    },
  };
}

export function Console({ settings }: { settings: Settings }) {
  const [services] = useState(() => createServices(settings));
  useGlobalKeys(services.actions);

  useEffect(() => {
    services.softphone.start(settings).catch(() => reportLog({ level: 'error', code: 'sip.start-failed' }));
    return () => {
      services.softphone.stop().catch(() => reportLog({ level: 'error', code: 'sip.stop-failed' }));
    };
  }, [services, settings]);
  useEffect(() => () => services.dispose(), [services]);
  useEffect(() => startCallLog(services.stores.calls), [services]); // the call log in main (issue 3)
  // Tray, notifications, global shortcuts and tel:/sip: links (issue 15 point 2).
  useEffect(
    () =>
      startDesktopBridge({
        api: vaxel(),
        calls: services.stores.calls,
        registration: services.stores.registration,
        actions: services.actions,
        prefillDialOut: (target) => {
          const field = document.querySelector<HTMLInputElement>('input[type="search"]');
          if (field) typeInto(field, target);
        },
        onError: (code) => reportLog({ level: 'warn', code }),
      }),
    [services],
  );
  // Home position on load, also when the first frame's autoFocus lost to something else.
  useEffect(() => services.searchFocus.focus(), [services]);

  return (
    <ConsoleContext.Provider value={services}>
      <div className="console">
        <main className="panels">
          <DirectoryPanel />
          <QueuePanel />
          <CallPanel />
          <ParkPanel />
          <MessagesPanel />
          <FavouritesPanel />
        </main>
        <MessagePad pad={services.messages.pad} send={services.messages.send} restoreFocus={services.searchFocus.focus} />
        <StatusBar />
        <Announcer />
        <HelpDialog />
      </div>
    </ConsoleContext.Provider>
  );
}
