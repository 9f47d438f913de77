import type { Migration } from '../migration.js';
import { foundation } from './001-foundation.js';
import { devices } from './002-devices.js';
import { timers } from './003-timers.js';
import { screenPairing } from './004-screen-pairing.js';
import { conversations } from './005-conversations.js';
import { homeOwner } from './006-home-owner.js';
import { tokenMerchant } from './011-token-merchant.js';
import { deviceSessions } from './012-device-sessions.js';
import { deviceGenders } from './015-device-genders.js';

/** Every migration, in order. Append only: never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  foundation,
  devices,
  timers,
  screenPairing,
  conversations,
  homeOwner,
  tokenMerchant,
  deviceSessions,
  deviceGenders,
];
