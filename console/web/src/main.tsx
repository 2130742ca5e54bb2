import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { session } from './api';
import { SignIn } from './pages/SignIn';
import { Builds } from './pages/Builds';
import { Catalog } from './pages/Catalog';
import { Environments } from './pages/Environments';
import { Retention } from './pages/Retention';
import './style.css';

/** The page's place: #/<area>/<rest…>, so a link can be kept, shared and opened in a new tab. */
function useRoute(): string[] {
  const parse = () => location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [route, setRoute] = useState(parse());
  useEffect(() => {
    const changed = () => setRoute(parse());
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

const AREAS = [
  { id: 'environments', title: 'Environments' },
  { id: 'retention', title: 'Retention' },
  { id: 'builds', title: 'Builds' },
  { id: 'catalog', title: 'Catalog' },
];

function App() {
  const [signedIn, setSignedIn] = useState(session.token() !== null);
  const [area = 'environments', ...rest] = useRoute();
  if (!signedIn) {
    return <SignIn onSignedIn={() => setSignedIn(true)} />;
  }
  const signOut = () => {
    session.forget();
    setSignedIn(false);
  };
  return (
    <>
      <header class="bar">
        <span class="brand">Layerline</span>
        <nav aria-label="Areas">
          {AREAS.map((a) => (
            <a href={`#/${a.id}`} aria-current={a.id === area ? 'page' : undefined}>{a.title}</a>
          ))}
        </nav>
        <button type="button" class="quiet" onClick={signOut}>Sign out</button>
      </header>
      <main>
        {area === 'environments' && <Environments path={rest} onSignedOut={signOut} />}
        {area === 'retention' && <Retention path={rest} />}
        {area === 'builds' && <Builds path={rest} />}
        {area === 'catalog' && <Catalog path={rest} />}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
