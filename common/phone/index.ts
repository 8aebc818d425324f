export { normaliseNumber, sameNumber, displayNumber, type NormalisedNumber, type NumberKind } from './normalise';
