export { GREETING, type GreetingKind } from './phrases';
export { compileGreetingRules, decideGreeting, GreetingRulesError, type DialledCandidates, type GreetingDecision, type GreetingRules } from './greeting';
export { DEFAULT_SWITCHBOARDS } from './switchboards';
