// The inbound offer: an INVITE becomes a queue entry with its P-GREET greeting, decided from the
// number the caller dialled (Request-URI, To, Diversion, History-Info) by the greeting rules.
import type { Invitation } from 'sip.js';
import type { Settings } from '../../../common/settings/schema';
import { compileGreetingRules, decideGreeting, DEFAULT_SWITCHBOARDS, GreetingRulesError, type GreetingRules } from '../../../common/policy';
import { extractDialledCandidates } from '../dialled-candidates';
import { errorName } from '../log';
import type { QueueEntry } from '../stores';
import type { SoftphoneContext } from './context';

const DEFAULT_INTERNAL_PATTERN = '^[1-9][0-9]{3}$';

export class InboundOffers {
  private rules: GreetingRules = compileGreetingRules(DEFAULT_SWITCHBOARDS, DEFAULT_INTERNAL_PATTERN);

  constructor(private readonly ctx: SoftphoneContext) {}

  /** The greeting rules of these settings; a bad internal-number pattern falls back to the default. */
  configure(settings: Settings): void {
    const log = this.ctx.log;
    const boards = settings.switchboards.length ? settings.switchboards : DEFAULT_SWITCHBOARDS;
    if (!settings.switchboards.length) log({ level: 'info', code: 'greeting.default-switchboards' });
    try {
      this.rules = compileGreetingRules(boards, settings.internalNumberPattern);
    } catch (error) {
      const code = error instanceof GreetingRulesError ? `greeting.${error.code}` : 'greeting.rules-failed';
      log({ level: 'error', code });
      this.rules = compileGreetingRules(boards, DEFAULT_INTERNAL_PATTERN);
    }
  }

  /** A new INVITE: queued with its greeting, or rejected with 500 when it cannot be read. */
  offer(invitation: Invitation): void {
    const ctx = this.ctx;
    const id = ctx.newId();
    let entry: QueueEntry;
    try {
      const request = invitation.request;
      const dialled = extractDialledCandidates({
        requestUriUser: request.ruri?.user,
        toUser: request.to.uri.user,
        diversion: request.getHeaders('diversion'),
        historyInfo: request.getHeaders('history-info'),
      });
      const callerNumber = invitation.remoteIdentity.uri.user ?? '';
      const decision = decideGreeting({ callerNumber, dialled }, this.rules);
      entry = {
        id,
        callerNumber,
        callerName: invitation.remoteIdentity.displayName ?? '',
        dialledNumber: decision.dialledNumber ?? '',
        greeting: decision.text,
        greetingKind: decision.kind,
        switchboardId: decision.switchboardId ?? null,
        offeredAt: ctx.now(),
        ...(request.callId ? { sipCallId: request.callId } : {}),
      };
      ctx.log({ level: 'info', code: 'call.offered', detail: { greeting: decision.kind, reason: decision.reason } });
    } catch (error) {
      ctx.log({ level: 'error', code: 'call.offer-failed', detail: { error: errorName(error) } });
      invitation.reject({ statusCode: 500 }).catch(() => undefined); // the caller hears a failure either way
      return;
    }
    ctx.sessions.set(id, invitation);
    ctx.watch(id, invitation);
    ctx.state.offer(entry);
  }
}
