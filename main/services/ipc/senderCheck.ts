// Which IPC senders main trusts: the main frame of our own window, showing our own renderer page.
// Kept free of electron so it is tested in Node; main/electron/ipc.ts feeds it the event's frame.
export interface SenderFacts {
  /** The frame that sent the message is our window's main frame (not an iframe, not another window). */
  isOurMainFrame: boolean;
  /** The sending frame's URL; undefined when the frame is gone. */
  url: string | undefined;
}

/** Compares without the fragment: the renderer may route with #hash. */
export function isTrustedSender(facts: SenderFacts, rendererUrl: string): boolean {
  if (!facts.isOurMainFrame || !facts.url) return false;
  try {
    const sender = new URL(facts.url);
    const ours = new URL(rendererUrl);
    sender.hash = '';
    ours.hash = '';
    return sender.href === ours.href;
  } catch {
    return false;
  }
}
