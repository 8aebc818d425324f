// Tells every view of the orders register (the panel, the contact card's "beställd") that an order
// was recorded or changed (here, at another console through the team store, or a mail went out),
// so each refetches what it shows. main pushes ordersChanged; nothing polls.
import { useEffect } from 'react';
import { createStore } from 'zustand/vanilla';
import { vaxel } from '../../platform/vaxel';

export const ordersVersion = createStore<{ version: number }>(() => ({ version: 0 }));
export const ordersChanged = () => ordersVersion.setState((s) => ({ version: s.version + 1 }));

/** While mounted, main's ordersChanged events bump the version. */
export function useOrdersFollowMain(): void {
  useEffect(() => vaxel().on('ordersChanged', ordersChanged), []);
}
