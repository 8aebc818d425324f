// One RFC 4662 list subscription (a list URI, one event package) over the softphone's UserAgent.
// It says Supported: eventlist and accepts multipart/related; whether the PBX serves the URI as a
// list shows in the first NOTIFY: multipart/related means yes, anything else (a PBX without a
// resource list server treats the URI as one more presentity) means no. A refusal, a 481, a
// terminated NOTIFY or a failed refresh ends it; the manager decides what comes next.
import { Subscriber, SubscriptionState, UserAgent, type SubscriptionDelegate } from 'sip.js';
import { isMultipartRelated } from '../../../common/presence';
import { CachedCredentials, subscribeMessageOf } from './cached-credentials';

const ACCEPT = { dialog: 'application/dialog-info+xml', presence: 'application/pidf+xml' } as const;
const EXPIRES_S = 600;

export interface ListSubscriptionEvents {
  /** The SUBSCRIBE was accepted; `eventlist`: the answer says Require: eventlist (a list server). */
  onAccepted?(eventlist: boolean): void;
  /** A list NOTIFY (multipart/related): its Content-Type and body, as they came. */
  onList(contentType: string, body: string): void;
  /** The first NOTIFY was not a list: the PBX does not serve this URI as a resource list. */
  onNotList(): void;
  /** The subscription ended (refused, 481, terminated, refresh failed); `notified`: it had worked. */
  onEnded(notified: boolean): void;
}

export class ListSubscription {
  private subscriber: Subscriber | null;
  private notified = false;

  constructor(
    ua: UserAgent,
    readonly uri: string,
    readonly event: 'dialog' | 'presence',
    private readonly events: ListSubscriptionEvents,
  ) {
    const target = UserAgent.makeURI(uri);
    if (!target) throw new Error('list URI is not a SIP URI');
    const s = new Subscriber(ua, target, event, {
      expires: EXPIRES_S,
      extraHeaders: ['Supported: eventlist', `Accept: application/rlmi+xml, multipart/related, ${ACCEPT[event]}`],
    });
    this.subscriber = s;
    // SIP.js's Subscriber calls delegate.onAccept with the 2xx (api/subscriber.js), untyped
    s.delegate = {
      // a list server answers 200 with Require: eventlist (RFC 4662 §5.1) long before a large
      // list's first NOTIFY: known at once, per-extension subscriptions need not start meanwhile
      onAccept: (response: { message: { getHeader(name: string): string | undefined } }) => {
        if (this.subscriber !== s) return;
        this.events.onAccepted?.(/\beventlist\b/i.test(response.message.getHeader('require') ?? ''));
      },
      onNotify: (notification) => {
        void notification.accept().catch(() => undefined);
        if (this.subscriber !== s) return;
        const contentType = notification.request.getHeader('content-type') ?? '';
        if (!isMultipartRelated(contentType)) {
          if (!this.notified) {
            this.close(true);
            this.events.onNotList();
          }
          return;
        }
        this.notified = true;
        this.events.onList(contentType, notification.request.body ?? '');
      },
    } as SubscriptionDelegate;
    s.stateChange.addListener((state) => {
      if (state !== SubscriptionState.Terminated || this.subscriber !== s) return;
      this.subscriber = null;
      this.events.onEnded(this.notified);
    });
    const message = subscribeMessageOf(s);
    if (message) CachedCredentials.of(ua).authorize(message);
    s.subscribe().catch(() => undefined);
  }

  get active(): boolean {
    return this.subscriber !== null;
  }

  /** Ends it without telling the manager; `politely`: un-SUBSCRIBE (the UserAgent is still there). */
  close(politely: boolean): void {
    const s = this.subscriber;
    this.subscriber = null;
    if (!s) return;
    s.delegate = undefined;
    if (politely) void s.dispose().catch(() => undefined);
  }
}
