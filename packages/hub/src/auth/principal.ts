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
  /** For merchant tokens: the one merchant they act for. */
  merchantId?: string | null;
  /** For developer tokens: the test homes this token created (read when the token is checked). */
  ownedHomeIds?: readonly string[];
}
