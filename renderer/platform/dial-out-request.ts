// "Open the dial-out with this number" inside the renderer (issue 15 point 2): main's dialRequest
// event (a tel:/sip: link handed to the running console) is announced here, and the dial-out
// dialog "Koppla ut" (its own feature) listens with onOpenDialOut. Until a dialog listens, the caller
// of openDialOut gets false and falls back (the console types the number into the search field,
// where Enter dials it). The target is passed on, never logged.
import type { DialRequest } from '../../common/desktop/dialLink';

export type DialOutListener = (request: DialRequest) => void;

export class DialOutRequests {
  private readonly listeners = new Set<DialOutListener>();

  /** The dial-out dialog subscribes; the returned function unsubscribes. */
  onOpenDialOut(listener: DialOutListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Asks every listening dialog to open prefilled; false when none listens. */
  openDialOut(request: DialRequest): boolean {
    for (const listener of this.listeners) listener(request);
    return this.listeners.size > 0;
  }
}

/** The console's one instance (the dialog and the desktop bridge meet here). */
export const dialOutRequests = new DialOutRequests();
