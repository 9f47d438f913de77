/**
 * The card gallery, served at /cards: every card type the speaker screen renders, with sample JSON, for
 * mini-app developers. It uses only sample data and never calls the API.
 *
 * Stable selectors for tests:
 * - cards: [data-testid="card"][data-card-type=...] inside [data-testid="sample-<type>"]
 * - language: the select labelled "Screen language" (zh, en, it, fr)
 * - turns the cards would send: [data-testid="turn-log"] [data-testid="turn"] (newest first), with data-from
 */
import { render } from 'preact';
import { Gallery } from './Gallery.js';
import '../screen/screen.css';
import './gallery.css';

const root = document.getElementById('app');
if (root) render(<Gallery />, root);
