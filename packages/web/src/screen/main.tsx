/**
 * The speaker's screen app, served at /.
 *
 * Stable selectors for tests (keep them when changing the UI):
 * - pairing: input labelled "Pairing code" (#pair-code), errors in [data-testid="pair-error"]
 * - home name: [data-testid="home-name"]
 * - utterance: the input labelled "Say something" (translated; #say-input), sent with Enter or the Send button
 * - reply area: [data-testid="reply"]; the assistant's sentence: [data-testid="speech"]
 * - cards: [data-testid="card"] with data-card-type="text|list|product-grid|form|media|confirmation|unknown"
 * - device tiles: [data-testid="tile-<deviceId>"] with data-online="true|false"; inside it the status
 *   badge [data-testid="status"], the failure line [data-testid="tile-error"], the power toggle
 *   [role="switch"][aria-checked], sliders as input[type="range"]
 * - empty home: [data-testid="no-devices"]
 * - timers: [data-testid="timer-<timerId>"]; finished-timer notifications [data-testid="notification-<timerId>"]
 *   with a "Dismiss" button (translated)
 */
import { render } from 'preact';
import { App } from './App.js';
import './screen.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
