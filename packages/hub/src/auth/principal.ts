import { GenioError } from '../errors/index.js';

/** The roles a token can carry. */
export const roles = ['operator', 'household', 'merchant', 'developer'] as const;
/** One of the roles a token can carry. */
export type Role = (typeof roles)[number];

/** Who is calling: the token's id, its role and, for household tokens, the one home it may reach. */
export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
  homeId: string | null;
}

/** Throw forbidden unless the principal has one of the roles. */
export function requireRole(principal: Principal, allowed: readonly Role[], action: string): void {
  if (!allowed.includes(principal.role)) throw new GenioError('forbidden', { action, role: principal.role });
}

/** Throw forbidden unless the principal may act on this home (operators reach every home). */
export function requireHome(principal: Principal, homeId: string, action: string): void {
  if (principal.role === 'operator') return;
  if (principal.role === 'household' && principal.homeId === homeId) return;
  throw new GenioError('forbidden', { action, homeId });
}

/** True when the principal may see events and data of this home. */
export function canSeeHome(principal: Principal, homeId: string): boolean {
  return principal.role === 'operator' || (principal.role === 'household' && principal.homeId === homeId);
}
