// A call on the shared, registered UserAgent may bring its own local audio instead of the
// microphone: the message-pad agent's voicemail deposit plays synthesised speech. The stream
// rides in the call's SessionDescriptionHandler options, which SIP.js hands to the
// MediaStreamFactory; calls without one get SIP.js's default (getUserMedia).
import { Web } from 'sip.js';

const KEY = 'vaxelLocalStream';

type WithStream = Web.SessionDescriptionHandlerOptions & { readonly [KEY]?: MediaStream };

/** SDH options that make the call send `stream` (and ask for no microphone). */
export function withLocalStream(options: Web.SessionDescriptionHandlerOptions, stream: MediaStream): Web.SessionDescriptionHandlerOptions {
  return { ...options, [KEY]: stream } as WithStream;
}

const fallback = Web.defaultMediaStreamFactory();

export const localStreamAwareFactory: Web.MediaStreamFactory = (constraints, sdh, options) => {
  const own = (options as WithStream | undefined)?.[KEY];
  return own ? Promise.resolve(own) : fallback(constraints, sdh, options);
};
