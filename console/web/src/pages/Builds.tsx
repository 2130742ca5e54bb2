import { useEffect, useRef, useState } from 'preact/hooks';
import { follow, get } from '../api';
import { bytes, exact, plural, shortDigest, when } from '../format';
import { useFollowed } from '../live';

interface Finding {
  rule: string;
  severity: string;
  line: number;
  message: string;
  hint: string;
  hadolint?: string;
}

interface Build {
  id: string;
  state: string;
  reason?: string;
  registry: string;
  repository: string;
  tags: string[];
  dockerfile: string;
  requestedBy?: string;
  digest?: string;
  queuedAt: string;
  startedAt?: string;
  finishedAt?: string;
  reproductionOf?: string;
  reproducibility?: { original: string; identical: boolean; differingLayers: number[]; layersCompared: number };
  analysis?: { findings: Finding[] };
}

interface Efficiency {
  totalBytes: number;
  wastedBytes: number;
  efficiency: number;
  layers: { digest: string; compressedSize: number; files: number; fileBytes: number; wastedBytes: number }[];
  largestWaste: { path: string; bytes: number; addedInLayer: number; goneInLayer: number }[];
}

const RUNNING = ['queued', 'running'];

/** Builds: the recent ones with their state, and one build's log, findings, layers and reproducibility. */
export function Builds({ path }: { path: string[] }) {
  return path[0] ? <BuildDetail id={path[0]} /> : <RecentBuilds />;
}

function RecentBuilds() {
  // while something builds, the list follows it
  const [builds, problem] = useFollowed(() => get<{ items: Build[] }>('build', '/api/v1/builds?limit=50')
    .then((page) => page.items), (items) => items.some((b) => RUNNING.includes(b.state.toLowerCase())), 3000);

  if (problem) {
    return <p role="alert" class="problem">{problem}</p>;
  }
  return (
    <section aria-labelledby="builds-title">
      <h1 id="builds-title">Builds</h1>
      {builds === null ? <p aria-busy="true">Reading builds…</p> : builds.length === 0 ? <p>No build yet.</p> : (
        <table class="builds">
          <thead><tr><th scope="col">Image</th><th scope="col">State</th><th scope="col">Queued</th>
            <th scope="col">By</th><th scope="col">Digest</th></tr></thead>
          <tbody>
            {builds.map((b) => (
              <tr>
                <td><a href={`#/builds/${b.id}`}>{b.repository}:{b.tags.join(', ') || '—'}</a></td>
                <td class={`state ${b.state.toLowerCase()}`}>{b.state.toLowerCase()}</td>
                <td><time dateTime={b.queuedAt} title={exact(b.queuedAt)}>{when(b.queuedAt)}</time></td>
                <td>{b.requestedBy ?? '—'}</td>
                <td><code title={b.digest}>{shortDigest(b.digest)}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function BuildDetail({ id }: { id: string }) {
  const [build, setBuild] = useState<Build | null>(null);
  const [log, setLog] = useState('');
  const [ended, setEnded] = useState<string | null>(null);
  const [efficiency, setEfficiency] = useState<Efficiency | string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const logBox = useRef<HTMLPreElement>(null);

  useEffect(() => {
    get<Build>('build', `/api/v1/builds/${encodeURIComponent(id)}`).then(setBuild, (e: Error) =>
      setProblem(e.message));
    const abort = new AbortController();
    follow('build', `/api/v1/builds/${encodeURIComponent(id)}/events`, (event) => {
      if (event.event === 'log') {
        setLog((text) => (text ? `${text}\n${event.data}` : event.data));
      } else if (event.event === 'state') {
        setEnded(event.data);
      } else if (event.event === 'error') {
        setProblem(event.data);
      }
    }, abort.signal).catch((e: Error) => abort.signal.aborted || setProblem(`The log stopped: ${e.message}`));
    return () => abort.abort();
  }, [id]);

  useEffect(() => {
    // the build's record changes as it ends: read it again then
    if (ended) {
      get<Build>('build', `/api/v1/builds/${encodeURIComponent(id)}`).then(setBuild, (e: Error) =>
        setProblem(e.message));
    }
  }, [ended]);

  useEffect(() => {
    if (build?.digest) {
      get<Efficiency>('build', `/api/v1/efficiency?registry=${encodeURIComponent(build.registry)}`
        + `&repository=${encodeURIComponent(build.repository)}&digest=${encodeURIComponent(build.digest)}`)
        .then(setEfficiency, (e: Error) => setEfficiency(`The layers cannot be read: ${e.message}`));
    }
  }, [build?.digest]);

  useEffect(() => {
    logBox.current?.scrollTo({ top: logBox.current.scrollHeight });
  }, [log]);

  if (problem) {
    return <p role="alert" class="problem">{problem}</p>;
  }
  if (build === null) {
    return <p aria-busy="true">Reading the build…</p>;
  }
  const findings = build.analysis?.findings ?? [];
  return (
    <section aria-labelledby="build-title">
      <p><a href="#/builds">← Builds</a></p>
      <h1 id="build-title">{build.repository}:{build.tags.join(', ')}</h1>
      <dl class="facts">
        <dt>State</dt><dd class={`state ${build.state.toLowerCase()}`} id="build-state">{build.state.toLowerCase()}
          {build.reason ? ` — ${build.reason}` : ''}</dd>
        <dt>Digest</dt><dd><code>{build.digest ?? '—'}</code></dd>
        <dt>Dockerfile</dt><dd><code>{build.dockerfile}</code></dd>
        <dt>Queued</dt><dd>{exact(build.queuedAt)} by {build.requestedBy ?? '—'}</dd>
        <dt>Finished</dt><dd>{build.finishedAt ? exact(build.finishedAt) : '—'}</dd>
        {build.reproducibility && (
          <>
            <dt>Reproducible</dt>
            <dd>{build.reproducibility.identical ? 'yes: the same image as ' : 'no: differs from '}
              <a href={`#/builds/${build.reproducibility.original}`}>the original build</a>
              {!build.reproducibility.identical && ` in layers ${build.reproducibility.differingLayers.join(', ')}`}
              {` (${build.reproducibility.layersCompared} compared)`}</dd>
          </>
        )}
      </dl>

      <h2 id="log-title">Log {ended === null ? <span class="live">live</span> : <span class="muted">({ended})</span>}</h2>
      <pre class="log" ref={logBox} aria-labelledby="log-title" aria-live="polite">{log || ' '}</pre>

      <h2 id="findings-title">Dockerfile findings</h2>
      {findings.length === 0 ? <p>None.</p> : (
        <table aria-labelledby="findings-title" class="findings">
          <thead><tr><th scope="col">Line</th><th scope="col">Severity</th><th scope="col">Finding</th>
            <th scope="col">Fix</th></tr></thead>
          <tbody>
            {findings.map((f) => (
              <tr>
                <td>{f.line}</td>
                <td class={`severity ${f.severity.toLowerCase()}`}>{f.severity.toLowerCase()}</td>
                <td>{f.message} <span class="muted">({f.rule}{f.hadolint ? `, ${f.hadolint}` : ''})</span></td>
                <td>{f.hint}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="layers-title">Layers</h2>
      {efficiency === null ? <p>{build.digest ? 'Reading the layers…' : 'No image yet.'}</p>
        : typeof efficiency === 'string' ? <p>{efficiency}</p> : <LayerChart efficiency={efficiency} />}
    </section>
  );
}

/** Bytes each layer adds, its wasted part (files a later layer removes or overwrites) drawn apart. */
function LayerChart({ efficiency }: { efficiency: Efficiency }) {
  const widest = Math.max(1, ...efficiency.layers.map((l) => l.fileBytes));
  const row = 26;
  return (
    <figure class="layers">
      <figcaption>{bytes(efficiency.totalBytes)} in {plural(efficiency.layers.length, 'layer', 'layers')},{' '}
        {bytes(efficiency.wastedBytes)} wasted — {(efficiency.efficiency * 100).toFixed(1)} % efficient</figcaption>
      <svg width="100%" height={efficiency.layers.length * row + 4} role="img"
           aria-label="Bytes per layer, wasted bytes in red">
        {efficiency.layers.map((layer, i) => {
          const used = ((layer.fileBytes - layer.wastedBytes) / widest) * 70;
          const wasted = (layer.wastedBytes / widest) * 70;
          return (
            <g transform={`translate(0,${i * row})`} class="layer">
              <text x="0" y="17">{i + 1}</text>
              <rect x="3%" y="4" width={`${used}%`} height="18" class="used" />
              <rect x={`${3 + used}%`} y="4" width={`${wasted}%`} height="18" class="wasted" />
              <text x={`${4 + used + wasted}%`} y="17">{bytes(layer.fileBytes)}
                {layer.wastedBytes > 0 ? `, ${bytes(layer.wastedBytes)} wasted` : ''} · {layer.files} files</text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
