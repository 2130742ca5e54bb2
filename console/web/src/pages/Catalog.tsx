import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import { exact, plural, shortDigest, when } from '../format';
import { RepositoryGraph } from './RepositoryGraph';

interface Repository {
  name: string;
  registry: string;
  repository: string;
  tier: string;
  metadata?: { ownerTeam?: string; description?: string };
  newest: { digest: string; tags: string[]; seenAt: string };
  baseRepository?: string;
}

interface Detail {
  repository: Repository;
  lineage: { digest: string; repository?: string }[];
  deployments: { service: string; environment: string; digest: string; deployedAt: string }[];
}

interface Impact {
  affected: { repository: string; wave: number; owner?: string; tier?: string }[];
  waves: string[][];
  inCycles: string[];
}

export const catalogLink = (name: string) => `#/catalog/repository/${encodeURIComponent(name)}`;

/** The catalog: search, the repository graph, and one repository with the impact of a change to it. */
export function Catalog({ path }: { path: string[] }) {
  if (path[0] === 'repository' && path[1]) {
    return <RepositoryDetail name={path[1]} />;
  }
  return (
    <section aria-labelledby="catalog-title">
      <h1 id="catalog-title">Catalog</h1>
      <Search />
      <RepositoryGraph />
    </section>
  );
}

function Search() {
  const [text, setText] = useState('');
  const [found, setFound] = useState<Repository[]>([]);
  useEffect(() => {
    const query = text.trim();
    if (query === '') {
      setFound([]);
      return;
    }
    const timer = setTimeout(() => {
      get<{ items: Repository[] }>('catalog', `/api/v1/repositories?q=${encodeURIComponent(query)}&limit=20`)
        .then((page) => setFound(page.items), () => setFound([]));
    }, 200);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <div class="search">
      <label>Find a repository
        <input type="search" value={text} placeholder="name, e.g. debian" aria-controls="search-results"
               onInput={(e) => setText((e.target as HTMLInputElement).value)}
               onKeyDown={(e) => {
                 if (e.key === 'Enter' && found.length > 0) {
                   location.hash = catalogLink(found[0].name);
                 }
               }} />
      </label>
      {found.length > 0 && (
        <ul id="search-results" class="results">
          {found.map((r) => (
            <li><a href={catalogLink(r.name)}>{r.name}</a> <span class="muted">{r.tier.toLowerCase()}
              {r.metadata?.ownerTeam ? ` · ${r.metadata.ownerTeam}` : ''}</span></li>
          ))}
        </ul>
      )}
    </div>
  );
}

function RepositoryDetail({ name }: { name: string }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [impact, setImpact] = useState<Impact | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setDetail(null);
    setImpact(null);
    get<Detail>('catalog', `/api/v1/repositories/${name.split('/').map(encodeURIComponent).join('/')}`)
      .then(setDetail, (e: Error) => setProblem(e.message));
  }, [name]);

  const showImpact = () => {
    const { registry, repository } = detail!.repository;
    get<Impact>('catalog', `/api/v1/graph/impact?registry=${encodeURIComponent(registry)}`
      + `&repository=${encodeURIComponent(repository)}`).then(setImpact, (e: Error) => setProblem(e.message));
  };

  if (problem) {
    return <p role="alert" class="problem">{problem}</p>;
  }
  if (detail === null) {
    return <p aria-busy="true">Reading {name}…</p>;
  }
  const r = detail.repository;
  return (
    <section aria-labelledby="repository-title">
      <p><a href="#/catalog">← Catalog</a></p>
      <h1 id="repository-title">{r.name}</h1>
      <dl class="facts">
        <dt>Tier</dt><dd>{r.tier.toLowerCase()}</dd>
        <dt>Team</dt><dd>{r.metadata?.ownerTeam ?? '—'}</dd>
        <dt>Newest image</dt>
        <dd><code title={r.newest.digest}>{shortDigest(r.newest.digest)}</code> {r.newest.tags.join(', ')}{' '}
          <time dateTime={r.newest.seenAt} title={exact(r.newest.seenAt)}>{when(r.newest.seenAt)}</time></dd>
        <dt>Built on</dt>
        <dd>{r.baseRepository ? <a href={catalogLink(r.baseRepository)}>{r.baseRepository}</a> : '—'}</dd>
      </dl>
      <h2>Lineage</h2>
      <ol class="lineage">
        {detail.lineage.map((image) => (
          <li>{image.repository ? <a href={catalogLink(image.repository)}>{image.repository}</a> : 'not in the catalog'}
            {' '}<code title={image.digest}>{shortDigest(image.digest)}</code></li>
        ))}
      </ol>
      <h2>Where it runs</h2>
      {detail.deployments.length === 0 ? <p>Not deployed anywhere.</p> : (
        <ul>{detail.deployments.map((d) => <li>{d.service} in {d.environment}</li>)}</ul>
      )}
      <h2 id="impact-title">Impact of a change</h2>
      {impact === null ? (
        <button type="button" onClick={showImpact}>Show what a change to {r.repository} rebuilds</button>
      ) : impact.affected.length === 0 ? <p>Nothing builds on it.</p> : (
        <div class="impact" aria-labelledby="impact-title">
          <p>{plural(impact.affected.length, 'repository', 'repositories')} to rebuild in{' '}
            {plural(impact.waves.length, 'wave', 'waves')}
            {impact.inCycles.length > 0 ? `; ${impact.inCycles.length} caught in a cycle` : ''}.</p>
          <ol class="waves">
            {impact.waves.map((wave, i) => (
              <li data-wave={i + 1}><strong>Wave {i + 1}</strong> ({wave.length}):{' '}
                {wave.map((repository, j) => (
                  <>{j > 0 && ', '}<a href={catalogLink(repository)}>{repository}</a></>
                ))}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
