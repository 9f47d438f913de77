export { canSeeHome, type Principal, type Role, requireHome, requireRole, roles } from './principal.js';
export {
  type CreatedToken,
  type CreateTokenInput,
  createTokenService,
  hashToken,
  type TokenInfo,
  type TokenService,
} from './tokens.js';
