import { render } from 'preact';

function Console() {
  return <main>Genio console</main>;
}

const root = document.getElementById('app');
if (root) render(<Console />, root);
