export { type Principal, type Role, roles } from './principal.js';
export {
  type CreatedToken,
  type CreateTokenInput,
  createTokenService,
  hashToken,
  type TokenInfo,
  type TokenService,
} from './tokens.js';
