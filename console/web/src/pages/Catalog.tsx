import { useEffect, useMemo, useState } from 'preact/hooks';
import { get } from '../api';
import { exact, plural, shortDigest, when } from '../format';
import { CascadeDetail, CascadeList } from './Cascades';
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

/**
 * The catalog: search, the repository graph, the rebuild cascades; one repository with the impact of a change to it;
 * one cascade as it goes.
 */
export function Catalog({ path }: { path: string[] }) {
  if (path[0] === 'repository' && path[1]) {
    return <RepositoryDetail name={path[1]} />;
  }
  if (path[0] === 'cascade' && path[1]) {
    return <CascadeDetail id={path[1]} />;
  }
  return (
    <section aria-labelledby="catalog-title">
      <h1 id="catalog-title">Catalog</h1>
      <Search />
      <RepositoryGraph />
      <CascadeList />
    </section>
  );
}

interface Found {
  repository: Repository;
  /** how it was found, when not by its name */
  by?: string;
}

const DIGEST = /^(sha256:)?[0-9a-f]{64}$/;
const COMMIT = /^[0-9a-f]{7,40}$/;

/** Repositories whose name holds the text; for a digest, those holding that image; for a commit, built from it. */
async function search(text: string): Promise<Found[]> {
  const named = get<{ items: Repository[] }>('catalog', `/api/v1/repositories?q=${encodeURIComponent(text)}&limit=20`)
    .then((page) => page.items.map((repository) => ({ repository })));
  if (DIGEST.test(text)) {
    const digest = text.startsWith('sha256:') ? text : `sha256:${text}`;
    const holding = get<{ images: { registry: string; repository: string }[] }>('catalog',
      `/api/v1/images/${encodeURIComponent(digest)}`).then((image) => Promise.all(image.images.map((i) =>
      get<{ repository: Repository }>('catalog', `/api/v1/repositories/${[i.registry, ...i.repository.split('/')]
        .map(encodeURIComponent).join('/')}`)
        .then((detail) => ({ repository: detail.repository, by: `holds ${digest.slice(7, 19)}` })))),
    () => [] as Found[]);
    return [...await holding, ...await named];
  }
  if (COMMIT.test(text)) {
    const built = get<{ items: Repository[] }>('catalog', `/api/v1/repositories?commit=${text}&limit=20`)
      .then((page) => page.items.map((repository) => ({ repository, by: `built from ${text.slice(0, 12)}` })));
    return [...await built, ...await named];
  }
  return named;
}

function Search() {
  const [text, setText] = useState('');
  const [found, setFound] = useState<Found[]>([]);
  useEffect(() => {
    const query = text.trim();
    if (query === '') {
      setFound([]);
      return;
    }
    const timer = setTimeout(() => search(query).then(setFound, () => setFound([])), 200);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <div class="search">
      <label>Find a repository
        <input type="search" value={text} placeholder="a name, an image digest or a commit" aria-controls="search-results"
               onInput={(e) => setText((e.target as HTMLInputElement).value)}
               onKeyDown={(e) => {
                 if (e.key === 'Enter' && found.length > 0) {
                   location.hash = catalogLink(found[0].repository.name);
                 }
               }} />
      </label>
      {found.length > 0 && (
        <ul id="search-results" class="results">
          {found.map(({ repository: r, by }) => (
            <li><a href={catalogLink(r.name)}>{r.name}</a> <span class="muted">{r.tier.toLowerCase()}
              {r.metadata?.ownerTeam ? ` · ${r.metadata.ownerTeam}` : ''}{by ? ` · ${by}` : ''}</span></li>
          ))}
        </ul>
      )}
    </div>
  );
}

function RepositoryDetail({ name }: { name: string }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [impact, setImpact] = useState<Impact | null>(null);
  const [inGraph, setInGraph] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    setDetail(null);
    setImpact(null);
    setInGraph(false);
    get<Detail>('catalog', `/api/v1/repositories/${name.split('/').map(encodeURIComponent).join('/')}`)
      .then(setDetail, (e: Error) => setProblem(e.message));
  }, [name]);

  const showImpact = () => {
    const { registry, repository } = detail!.repository;
    get<Impact>('catalog', `/api/v1/graph/impact?registry=${encodeURIComponent(registry)}`
      + `&repository=${encodeURIComponent(repository)}`).then(setImpact, (e: Error) => setProblem(e.message));
  };

  // the graph of its lineage (what it builds on) and its subtree (what builds on it), the waves marked
  const focus = useMemo(() => detail && impact && new Set([detail.repository.name,
    ...detail.lineage.flatMap((image) => (image.repository ? [image.repository] : [])),
    ...impact.affected.map((a) => a.repository)]), [detail, impact]);
  const waves = useMemo(() => new Map(impact?.affected.map((a) => [a.repository, a.wave]) ?? []), [impact]);

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
      {impact !== null && (
        inGraph && focus ? <RepositoryGraph focus={focus} waves={waves} />
          : <button type="button" class="secondary" onClick={() => setInGraph(true)}>
            Show its lineage and what builds on it in the graph</button>
      )}
    </section>
  );
}
