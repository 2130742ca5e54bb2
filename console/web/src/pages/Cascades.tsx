import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, post } from '../api';
import { exact, shortDigest, when } from '../format';
import { useFollowed } from '../live';
import { catalogLink } from './Catalog';

interface CascadeItem {
  repository: string;
  wave: number;
  state: string;
  currentDigest: string;
  rebuiltDigest?: string;
  reason?: string;
  updatedAt: string;
}

interface Cascade {
  id: string;
  status: 'running' | 'paused' | 'finished';
  base: string;
  previousDigest: string;
  newDigest: string;
  startedAt: string;
  updatedAt: string;
  counts: Record<string, number>;
  items?: CascadeItem[];
}

const STATES = ['pending', 'requested', 'rebuilt', 'failed', 'skipped'];

function counts(cascade: Cascade): string {
  return STATES.filter((state) => cascade.counts[state]).map((state) => `${cascade.counts[state]} ${state}`)
    .join(', ') || 'nothing to rebuild';
}

/** The rebuild cascades, newest first; followed while one runs. */
export function CascadeList() {
  const [cascades, problem] = useFollowed(() => get<{ items: Cascade[] }>('catalog', '/api/v1/cascades?limit=10')
    .then((page) => page.items), (items) => items.some((c) => c.status === 'running'), 2000);

  if (problem) {
    return <p role="alert" class="problem">{problem}</p>;
  }
  return (
    <>
      <h2 id="cascades-title">Rebuild cascades</h2>
      {cascades === null ? <p aria-busy="true">Reading cascades…</p> : cascades.length === 0
        ? <p>No cascade yet: one starts when a tag other images build on moves.</p> : (
          <table class="cascades" aria-labelledby="cascades-title">
            <thead><tr><th scope="col">Base that moved</th><th scope="col">State</th><th scope="col">Started</th>
              <th scope="col">Repositories</th></tr></thead>
            <tbody>
              {cascades.map((c) => (
                <tr>
                  <td><a href={`#/catalog/cascade/${encodeURIComponent(c.id)}`}>{c.base}</a></td>
                  <td class={`state ${c.status}`}>{c.status}</td>
                  <td><time dateTime={c.startedAt} title={exact(c.startedAt)}>{when(c.startedAt)}</time></td>
                  <td>{counts(c)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
    </>
  );
}

/** One cascade wave by wave, each repository's state as the rebuilds come in, with pause and resume. */
export function CascadeDetail({ id }: { id: string }) {
  const [cascade, setCascade] = useState<Cascade | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const path = `/api/v1/cascades/${encodeURIComponent(id)}`;

  useEffect(() => {
    get<Cascade>('catalog', path).then(setCascade, (e: Error) => setProblem(e.message));
  }, [id, tick]);
  useEffect(() => {
    if (cascade?.status !== 'running') {
      return undefined;
    }
    const timer = setTimeout(() => setTick((t) => t + 1), 2000);
    return () => clearTimeout(timer);
  }, [cascade]);

  const act = (action: 'pause' | 'resume') => {
    setProblem(null);
    post<Cascade>('catalog', `${path}/${action}`).then(() => setTick((t) => t + 1), (e: Error) =>
      setProblem(e instanceof ApiError && e.status === 403 ? 'Pausing and resuming a cascade need the operator role.'
        : e.message));
  };

  if (cascade === null) {
    return problem ? <p role="alert" class="problem">{problem}</p> : <p aria-busy="true">Reading the cascade…</p>;
  }
  const waves = new Map<number, CascadeItem[]>();
  (cascade.items ?? []).forEach((item) => waves.set(item.wave, [...(waves.get(item.wave) ?? []), item]));
  return (
    <section aria-labelledby="cascade-title">
      <p><a href="#/catalog">← Catalog</a></p>
      <h1 id="cascade-title">Rebuilds after {cascade.base} moved{' '}
        <span id="cascade-state" class={`state ${cascade.status}`}>{cascade.status}</span>
        {cascade.status === 'running' && <> <span class="live">live</span></>}</h1>
      {problem && <p role="alert" class="problem">{problem}</p>}
      <dl class="facts">
        <dt>From</dt><dd><code title={cascade.previousDigest}>{shortDigest(cascade.previousDigest)}</code> to{' '}
          <code title={cascade.newDigest}>{shortDigest(cascade.newDigest)}</code></dd>
        <dt>Started</dt><dd>{exact(cascade.startedAt)}; last change {when(cascade.updatedAt)}</dd>
        <dt>Repositories</dt><dd id="cascade-counts">{counts(cascade)}</dd>
      </dl>
      <p>
        {cascade.status === 'running' && <button type="button" onClick={() => act('pause')}>Pause</button>}
        {cascade.status === 'paused' && <button type="button" onClick={() => act('resume')}>Resume</button>}
      </p>
      {[...waves.entries()].sort(([a], [b]) => a - b).map(([wave, items]) => (
        <>
          <h2>Wave {wave}</h2>
          <table class="cascade-items" data-wave={wave}>
            <thead><tr><th scope="col">Repository</th><th scope="col">State</th><th scope="col">Rebuilt as</th>
              <th scope="col">Why</th></tr></thead>
            <tbody>
              {items.map((item) => (
                <tr>
                  <td><a href={catalogLink(item.repository)}>{item.repository}</a></td>
                  <td class={`state ${item.state}`}>{item.state}</td>
                  <td><code title={item.rebuiltDigest}>{shortDigest(item.rebuiltDigest)}</code></td>
                  <td>{item.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ))}
    </section>
  );
}
