export { type Principal, type Role, roles } from './principal.js';
export { createScreenPairing, type ScreenPairing } from './screen-pairing.js';
export {
  type CreatedToken,
  type CreateTokenInput,
  createTokenService,
  hashToken,
  type TokenInfo,
  type TokenService,
} from './tokens.js';
