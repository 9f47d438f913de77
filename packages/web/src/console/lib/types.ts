/** Shapes of the hub's resources as the console reads them (see packages/hub/src/http/routes). */

export const LANGUAGES = ['en', 'zh', 'it', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  zh: 'Chinese',
  it: 'Italian',
  fr: 'French',
};

export const ROLES = ['operator', 'household', 'merchant', 'developer'] as const;
export type Role = (typeof ROLES)[number];

export interface Home {
  id: string;
  name: string;
  language: Language;
  createdAt: number;
  updatedAt: number;
}

export interface Area {
  id: string;
  homeId: string;
  name: string;
  aliases: string[];
  createdAt: number;
  updatedAt: number;
}

export interface ScreenPairingCode {
  code: string;
  homeId: string;
  expiresAt: number;
  url: string;
}

export interface Device {
  id: string;
  productKey: string;
  deviceName: string;
  category: string;
  homeId: string;
  areaId: string | null;
  name: string;
  aliases: string[];
  online: boolean;
  disabled: boolean;
  lastSeen: number | null;
  properties: Record<string, unknown>;
  createdAt: number;
}

/** What a device needs to connect; the secret is shown only once. */
export interface Credentials {
  id: string;
  productKey: string;
  deviceName: string;
  deviceSecret: string;
}

export type CreatedDevice = Device & { deviceSecret: string };

export interface HistoryPoint {
  time: number;
  value: unknown;
}

export interface CommandResult {
  status: 'replied' | 'queued';
  reply?: { code: number; message?: string; data?: unknown };
  properties?: Record<string, unknown>;
}

export interface TokenInfo {
  id: string;
  name: string;
  role: Role;
  homeId: string | null;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export type CreatedToken = TokenInfo & { token: string };
