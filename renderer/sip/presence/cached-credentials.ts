// Digest credentials reused for new SUBSCRIBEs (RFC 3261 22.3: once authenticated, a UA MAY cache
// the credentials and use them for later requests to the same realm). SIP.js answers every 401/407
// afresh, so 2,000 busy lamps would cost 2,000 extra round trips (SUBSCRIBE, 407, SUBSCRIBE):
// half the messages the console and the PBX handle while the lamps come up.
//
// The UserAgent's authentication factory is wrapped so that the last challenge a SUBSCRIBE
// answered is remembered, with the header it was answered in (Authorization after a 401,
// Proxy-Authorization after a 407: a proxy such as Kamailio challenges all but REGISTER with 407);
// a new SUBSCRIBE then carries that header computed from it. A PBX that refuses the reused nonce
// (stale, one-time nonces) challenges as before, and SIP.js's own retry replaces the header with
// a fresh one, so nothing is lost but the saving.
import type { Core, UserAgent } from 'sip.js';

/** What SIP.js's DigestAuthentication offers (core, marked internal). */
interface Digest {
  authenticate(request: Core.OutgoingRequestMessage, challenge: unknown, body?: string): boolean;
  toString(): string;
}

interface CoreConfiguration {
  authenticationFactory(): Digest | undefined;
}

const wrapped = new WeakMap<UserAgent, CachedCredentials>();

export class CachedCredentials {
  /** The challenge, and the request SIP.js answered it on (which says in which header). */
  private learnt: { challenge: unknown; request: Core.OutgoingRequestMessage } | null = null;
  private readonly factory: () => Digest | undefined;

  private constructor(configuration: CoreConfiguration) {
    const original = configuration.authenticationFactory.bind(configuration);
    this.factory = original;
    configuration.authenticationFactory = () => {
      const digest = original();
      if (!digest) return digest;
      const authenticate = digest.authenticate.bind(digest);
      digest.authenticate = (request, challenge, body) => {
        const ok = authenticate(request, challenge, body);
        if (ok && request.method === 'SUBSCRIBE') this.learnt = { challenge, request };
        return ok;
      };
      return digest;
    };
  }

  /** The cache of this UserAgent (one per UserAgent: a new connection starts without one). */
  static of(ua: UserAgent): CachedCredentials {
    let c = wrapped.get(ua);
    if (!c) {
      c = new CachedCredentials((ua.userAgentCore as unknown as { configuration: CoreConfiguration }).configuration);
      wrapped.set(ua, c);
    }
    return c;
  }

  /** Adds (Proxy-)Authorization to a request not yet sent, when a challenge is known. Returns whether it did. */
  authorize(message: Core.OutgoingRequestMessage): boolean {
    const learnt = this.learnt;
    if (!learnt) return false;
    // SIP.js sets the header right after authenticate() returns, so by now it is on the request
    const header = learnt.request.hasHeader('proxy-authorization') ? 'proxy-authorization' : 'authorization';
    const digest = this.factory();
    if (!digest?.authenticate(message, learnt.challenge, message.body?.body)) return false;
    message.setHeader(header, digest.toString());
    return true;
  }
}

/** The message a Subscriber will send on subscribe() (SIP.js keeps it on its private request). */
export function subscribeMessageOf(subscriber: unknown): Core.OutgoingRequestMessage | null {
  const request = (subscriber as { subscriberRequest?: { message?: Core.OutgoingRequestMessage } }).subscriberRequest;
  return request?.message ?? null;
}
