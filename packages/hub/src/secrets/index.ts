export { createSecretBox, loadSecretKey, type SecretBox } from './secret-box.js';
