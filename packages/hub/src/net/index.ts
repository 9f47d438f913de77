export { closeServer, listenOn, type PortSetting, trackSockets } from './listen.js';
