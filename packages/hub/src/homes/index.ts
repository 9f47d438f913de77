export { type Area, createHomeService, type Home, type HomeService } from './homes.js';
