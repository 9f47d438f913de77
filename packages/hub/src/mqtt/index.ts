export { type Broker, type BrokerAuthority, createBroker, denyAll } from './broker.js';
