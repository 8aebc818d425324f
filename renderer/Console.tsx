// The working console: builds the engine and its stores for these settings, starts it, and lays
// out the four panels. Rebuilt when the settings object changes.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Settings } from '../common/settings/schema';
import { ConsoleContext, type ConsoleServices } from './console-context';
import { AudioElementOutput, createSoftphoneStores, Softphone, WebAudioTones } from './sip';
import { createNetworkStore } from './features/status/network-store';
import { createCallActions } from './features/call/actions';
import { createConsoleStores } from './console-stores';
import { QueuePanel } from './features/queue/QueuePanel';
import { Announcer } from './features/queue/Announcer';
import { CallPanel } from './features/call/CallPanel';
import { DirectoryPanel } from './features/directory/DirectoryPanel';
import { StatusBar } from './features/status/StatusBar';
import { useGlobalKeys } from './keyboard/useGlobalKeys';
import { resolveKeymap } from './keyboard/keymap';
import { ParkPanel } from './features/park/ParkPanel';
import { HelpDialog } from './features/help/HelpDialog';
import { ReferralDialog } from './features/referral/ReferralDialog';
import { DialOutDialog } from './features/dialout/DialOutDialog';
import { callSettings } from '../common/settings/schema';
import { reportLog, vaxel } from './platform/vaxel';
import { startCallLog } from './calllog';
import { createMessagesFeature, MessagePad, MessagesPanel, type MessagesFeature } from './features/messages';
import { presenceOf } from './sip/presence';
import { FavouritesPanel } from './features/absence/FavouritesPanel';
import { bindDirectorySelection } from './features/directory/bind-selection';
import { ImportPreviewPanel } from './features/setup/ImportPreviewPanel';
import { consoleTransitionHandler } from './sip/invalid-transition';
import { startHeadset, type ConsoleHeadset } from './headset';
import { HeadsetPicker } from './headset/HeadsetPicker';
import { startDesktopBridge, typeInto } from './platform/desktop-bridge';
import { OrdersPanel } from './features/orders/OrdersPanel';
import { dialOutRequests } from './platform/dial-out-request';
import { createSwitchboardStatus } from './features/switchboard/status-store';
import { createSwitchboardUi } from './features/switchboard/ui-store';
import { SwitchboardFeature } from './features/switchboard/SwitchboardFeature';
import { SwitchboardSettingsPanel } from './features/switchboard/SwitchboardSettingsPanel';
import { installDebugProbe } from './debug/debug-probe';

/** Settings the engine does not use: saving them (hours, referral texts) must not re-register. */
function engineSettingsKey(settings: Settings): string {
  return JSON.stringify({ ...settings, headset: undefined, switchboardHours: undefined, referrals: undefined });
}

/** The search field's text: a typed number is what Enter and the transfer keys act on. */
function searchText(): string {
  return document.querySelector<HTMLInputElement>('input[type="search"]')?.value ?? '';
}

function createServices(settings: Settings): ConsoleServices & { messages: MessagesFeature; headset: ConsoleHeadset; dispose(): void } {
  const stores = createSoftphoneStores({ onInvalidTransition: consoleTransitionHandler(reportLog) });
  // The ring tone plays through its own element on the ring device; it sits in the DOM (hidden)
  // so its state can be inspected like any other media element.
  const ringElement = document.createElement('audio');
  ringElement.dataset.vaxel = 'ring';
  ringElement.hidden = true;
  document.body.appendChild(ringElement);
  const tones = new WebAudioTones(reportLog, ringElement);
  const softphone = new Softphone({ stores, log: reportLog, audio: new AudioElementOutput(new Audio(), reportLog), tones });
  const removeDebugProbe = installDebugProbe(() => softphone.engineCounts()); // web-host development builds only
  const network = createNetworkStore(window, () => navigator.onLine);
  const keymap = resolveKeymap(callSettings(settings).keymap);
  const own = createConsoleStores({ keymap, api: vaxel });
  const { notices, searchFocus } = own;
  const actions = createCallActions(softphone, notices, searchFocus, keymap, searchText);
  const messages = createMessagesFeature({ settings, softphone, stores, currentTarget: actions.currentTarget });
  actions.setMessageOpener(messages.openPad); // the message key (Shift+F8) and the recall's "Meddelande"
  // The entry the operator opened in the directory (Enter) is what the transfer keys act on.
  const unbindSelection = bindDirectorySelection(actions, own.selection);
  const headset = startHeadset(settings, softphone, stores.calls, reportLog); // D-HEADSET: buttons and lamps
  presenceOf(softphone, stores, reportLog).configure({
    favourites: settings.favourites ?? [],
    pickupPrefix: settings.pickupPrefix ?? '',
    internalNumberPattern: settings.internalNumberPattern,
    lists: settings.presenceLists,
  });
  const switchboard = createSwitchboardStatus(vaxel, (code) => reportLog({ level: 'warn', code }));
  return {
    ...own,
    switchboard,
    switchboardUi: createSwitchboardUi(),
    softphone,
    stores,
    network,
    actions,
    messages,
    headset,
    dispose: () => {
      removeDebugProbe();
      headset.dispose();
      unbindSelection();
      own.favouriteNames.dispose();
      own.callerNames.dispose();
      messages.dispose();
      network.dispose();
      tones.dispose();
      ringElement.remove();
    },
  };
}

export function Console({ settings }: { settings: Settings }) {
  const [services] = useState(() => createServices(settings));
  useGlobalKeys(services.keys, services.actions);

  const latestSettings = useRef(settings);
  latestSettings.current = settings;
  const engineKey = useMemo(() => engineSettingsKey(settings), [settings]);
  useEffect(() => {
    services.softphone.start(latestSettings.current).catch(() => reportLog({ level: 'error', code: 'sip.start-failed' }));
    return () => {
      services.softphone.stop().catch(() => reportLog({ level: 'error', code: 'sip.stop-failed' }));
    };
  }, [services, engineKey]);
  useEffect(() => () => services.dispose(), [services]);
  useEffect(
    () =>
      startCallLog(services.stores.calls, {
        referrals: services.actions.onReferral,
        dialOuts: services.actions.onDialOut,
        messages: (listener) => services.softphone.onTakeMessage((call, target) => listener(call.id, target)),
      }),
    [services],
  ); // the call log in main (issue 3)
  // Tray, notifications, global shortcuts and tel:/sip: links (issue 15 point 2).
  useEffect(
    () =>
      startDesktopBridge({
        api: vaxel(),
        calls: services.stores.calls,
        registration: services.stores.registration,
        actions: services.actions,
        openDialOut: (request) => {
          if (dialOutRequests.openDialOut(request)) return; // the "Koppla ut" dialog took it
          const field = document.querySelector<HTMLInputElement>('input[type="search"]');
          if (field) typeInto(field, request.target);
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
          <ImportPreviewPanel />
          <OrdersPanel />
          <SwitchboardSettingsPanel />
        </main>
        <MessagePad pad={services.messages.pad} send={services.messages.send} restoreFocus={services.searchFocus.focus} />
        <StatusBar />
        <HeadsetPicker headset={services.headset} settings={settings} />
        <Announcer />
        <HelpDialog />
        <ReferralDialog settings={settings.referrals} />
        <SwitchboardFeature referrals={settings.referrals} />
        <DialOutDialog settings={settings.dialout} />
      </div>
    </ConsoleContext.Provider>
  );
}
