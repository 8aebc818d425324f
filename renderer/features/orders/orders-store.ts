// Tells every view of the orders register (the panel, the contact card's "beställd") that an order
// was recorded or changed at this console, so each refetches what it shows.
import { createStore } from 'zustand/vanilla';

export const ordersVersion = createStore<{ version: number }>(() => ({ version: 0 }));
export const ordersChanged = () => ordersVersion.setState((s) => ({ version: s.version + 1 }));
