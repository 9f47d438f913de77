import { render } from 'preact';

function Screen() {
  return <main>Genio</main>;
}

const root = document.getElementById('app');
if (root) render(<Screen />, root);
