// The spoken phrases of the telephone policy (P-GREET), verbatim. The UI shows these exact strings
// in every locale: they are what the operator says, not interface text, so they are not translated.
export const GREETING = {
  essunga: 'Välkommen till Essunga kommun',
  grastorp: 'Välkommen till Grästorps kommun',
  internal: 'Växeln',
  /**
   * Our choice, not the policy's: used when the dialled number matches no switchboard. It names
   * both municipalities, so it is true whichever number was dialled, and the UI marks the call so
   * the operator knows the number was not recognised.
   */
  unknown: 'Välkommen till Essunga och Grästorps växel',
} as const;

export type GreetingKind = keyof typeof GREETING;
