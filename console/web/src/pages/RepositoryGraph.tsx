import type { ELK as ElkEngine, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { get } from '../api';

interface ExportedGraph {
  nodes: { id: string; tier: string; owner?: string }[];
  edges: { from: string; to: string; finalStage: boolean }[];
}

interface Box {
  id: string;
  label: string;
  title: string;
  kind: 'repository' | 'group';
  tier: string;
  /** the wave of an impact it is rebuilt in */
  wave?: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Line {
  id: string;
  points: string;
  finalStage: boolean;
}

interface Layout {
  boxes: Box[];
  lines: Line[];
  width: number;
  height: number;
}

const NODE_HEIGHT = 28;
const FONT = '13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
let engine: Promise<ElkEngine> | null = null;

/** The layout engine, loaded with the first graph (1.4 MB the other areas never fetch). */
function elk(): Promise<ElkEngine> {
  engine ??= import('elkjs/lib/elk.bundled.js').then((module) => new module.default());
  return engine;
}

/** Text widths as the page draws them, so no box is narrower than its label. */
function measure(): (text: string) => number {
  const context = document.createElement('canvas').getContext('2d')!;
  context.font = FONT;
  return (text) => Math.ceil(context.measureText(text).width) + 20;
}

/** A repository's name without its registry, which every node of one registry shares. */
function shortName(id: string): string {
  const slash = id.indexOf('/');
  return slash < 0 ? id : id.slice(slash + 1);
}

const TIERS = ['os', 'runtime', 'tooling', 'app'];

/** What a folded box stands for: a whole tier, or one team's applications. */
const tierGroup = (tier: string) => `tier:${tier}`;
const teamGroup = (team: string) => `team:${team}`;

interface Props {
  /** only these repositories, when given: one repository's lineage and what builds on it */
  focus?: Set<string>;
  /** repositories an impact rebuilds, with their wave: drawn apart, labelled with the wave */
  waves?: Map<string, number>;
}

/**
 * The repository graph laid out by ELK (layered: edges go from an image down to its base, so bases sit below).
 * Applications are folded into one box per team until it is opened, and a whole tier can be folded into one box, so
 * a thousand repositories stay readable; every box is as wide as its label. A focused graph (a lineage and a subtree)
 * starts with every team open.
 */
export function RepositoryGraph({ focus, waves }: Props) {
  const [graph, setGraph] = useState<ExportedGraph | null>(null);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [foldedTiers, setFoldedTiers] = useState<Set<string>>(new Set());
  const [layout, setLayout] = useState<Layout | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    get<ExportedGraph>('catalog', '/api/v1/graph/export?format=json').then((whole) => {
      if (!focus) {
        setGraph(whole);
        return;
      }
      const nodes = whole.nodes.filter((n) => focus.has(n.id));
      setGraph({ nodes, edges: whole.edges.filter((e) => focus.has(e.from) && focus.has(e.to)) });
      setOpen(new Set(nodes.map((n) => n.owner ?? 'no team')));
    }, (e: Error) => setProblem(e.message));
  }, [focus]);

  const teams = useMemo(() => {
    const byTeam = new Map<string, string[]>();
    graph?.nodes.filter((n) => n.tier === 'app').forEach((n) => {
      const team = n.owner ?? 'no team';
      byTeam.set(team, [...(byTeam.get(team) ?? []), n.id]);
    });
    return byTeam;
  }, [graph]);

  useEffect(() => {
    if (!graph) {
      return;
    }
    setLayout(null);
    lay(graph, open, foldedTiers, waves ?? new Map()).then(setLayout, (e: Error) =>
      setProblem(`The graph could not be laid out: ${e.message}`));
  }, [graph, open, foldedTiers, waves]);

  if (problem) {
    return <p role="alert" class="problem">{problem}</p>;
  }
  const flip = (set: Set<string>, key: string) => {
    const next = new Set(set);
    if (!next.delete(key)) {
      next.add(key);
    }
    return next;
  };
  const openGroup = (id: string) => {
    if (id.startsWith('tier:')) {
      setFoldedTiers(flip(foldedTiers, id.slice('tier:'.length)));
    } else {
      setOpen(flip(open, id.slice('team:'.length)));
    }
  };
  return (
    <div class="graph-area">
      <div class="filters">
        <span>
          {graph ? `${graph.nodes.length} repositories, ${teams.size} application teams` : 'Reading the graph…'}
        </span>
        <button type="button" onClick={() => setOpen(new Set(teams.keys()))}>Open every team</button>
        <button type="button" class="secondary" onClick={() => setOpen(new Set())}>Fold every team</button>
        <fieldset class="tiers">
          <legend>Fold a tier</legend>
          {TIERS.map((tier) => (
            <label><input type="checkbox" checked={foldedTiers.has(tier)}
                          onChange={() => setFoldedTiers(flip(foldedTiers, tier))} /> {tier}</label>
          ))}
        </fieldset>
      </div>
      {layout === null ? <p aria-busy="true">Laying out the graph…</p>
        : <Drawing layout={layout} onGroup={openGroup} />}
    </div>
  );
}

async function lay(graph: ExportedGraph, open: Set<string>, foldedTiers: Set<string>,
                   waves: Map<string, number>): Promise<Layout> {
  const width = measure();
  const visible = new Map<string, string>();
  const children: ElkNode[] = [];
  const boxes = new Map<string, Omit<Box, 'x' | 'y'>>();
  const members = new Map<string, { tier: string; label: string; title: string; count: number }>();
  const fold = (node: string, group: string, tier: string, label: string, title: string) => {
    visible.set(node, group);
    const folded = members.get(group) ?? { tier, label, title, count: 0 };
    members.set(group, { ...folded, count: folded.count + 1 });
  };
  for (const node of graph.nodes) {
    const team = node.owner ?? 'no team';
    if (foldedTiers.has(node.tier)) {
      fold(node.id, tierGroup(node.tier), node.tier, node.tier, `Open the ${node.tier} tier`);
    } else if (node.tier === 'app' && !open.has(team)) {
      fold(node.id, teamGroup(team), 'app', team, `Open ${team}'s applications`);
    } else {
      visible.set(node.id, node.id);
      const wave = waves.get(node.id);
      const label = wave === undefined ? shortName(node.id) : `${shortName(node.id)} · wave ${wave}`;
      boxes.set(node.id, { id: node.id, label, title: node.id, kind: 'repository', tier: node.tier, wave,
        width: width(label), height: NODE_HEIGHT });
    }
  }
  members.forEach((group, id) => {
    const unit = group.tier === 'app' ? 'app' : 'repository';
    const label = `${group.label} · ${group.count} ${group.count === 1 ? unit : unit === 'app' ? 'apps'
      : 'repositories'}`;
    boxes.set(id, { id, label, title: group.title, kind: 'group', tier: group.tier, width: width(label) + 16,
      height: NODE_HEIGHT });
  });
  boxes.forEach((box) => children.push({ id: box.id, width: box.width, height: box.height }));

  const edges: ElkExtendedEdge[] = [];
  const seen = new Set<string>();
  const dashed = new Set<string>();
  for (const edge of graph.edges) {
    const from = visible.get(edge.from);
    const to = visible.get(edge.to);
    if (!from || !to || from === to) {
      continue;
    }
    const id = `${from}->${to}`;
    if (!edge.finalStage) {
      dashed.add(id);
    }
    if (!seen.has(id)) {
      seen.add(id);
      edges.push({ id, sources: [from], targets: [to] });
    }
  }

  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.edgeRouting': 'POLYLINE',
      'elk.spacing.nodeNode': '14',
      'elk.layered.spacing.nodeNodeBetweenLayers': '48',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children,
    edges,
  };
  const laid = await (await elk()).layout(root);
  return {
    boxes: (laid.children ?? []).map((n) => ({ ...boxes.get(n.id)!, x: n.x ?? 0, y: n.y ?? 0 })),
    lines: (laid.edges ?? []).flatMap((e) => (e.sections ?? []).map((s) => ({
      id: e.id,
      points: [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => `${p.x},${p.y}`).join(' '),
      finalStage: !dashed.has(e.id),
    }))),
    width: laid.width ?? 0,
    height: laid.height ?? 0,
  };
}

/** The laid-out graph in SVG: drag to pan, the wheel or the buttons to zoom. */
function Drawing({ layout, onGroup }: { layout: Layout; onGroup: (id: string) => void }) {
  const frame = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ x: 0, y: 0, scale: 1 });
  const drag = useRef<{ x: number; y: number } | null>(null);

  useEffect(() => {
    // the whole graph when it fits at a readable size; else readable, from its top left, to pan from there
    const box = frame.current!.getBoundingClientRect();
    const fit = Math.min(1, box.width / (layout.width + 40), 600 / (layout.height + 40));
    setView({ x: 20, y: 20, scale: Math.max(fit, 0.6) });
  }, [layout]);

  const zoom = (factor: number, atX: number, atY: number) => setView((v) => {
    const scale = Math.min(4, Math.max(0.05, v.scale * factor));
    return { scale, x: atX - ((atX - v.x) * scale) / v.scale, y: atY - ((atY - v.y) * scale) / v.scale };
  });

  return (
    <div class="graph" ref={frame}>
      <div class="zoom">
        <button type="button" aria-label="Zoom in" onClick={() => zoom(1.25, 0, 0)}>+</button>
        <button type="button" aria-label="Zoom out" onClick={() => zoom(0.8, 0, 0)}>−</button>
        <button type="button" onClick={() => setView({ x: 20, y: 20, scale: 1 })}>Actual size</button>
      </div>
      <svg role="img" aria-label="Repositories and what they build on" width="100%" height="620"
           onWheel={(e) => {
             e.preventDefault();
             const at = (e.currentTarget as SVGSVGElement).getBoundingClientRect();
             zoom(e.deltaY < 0 ? 1.1 : 0.9, e.clientX - at.left, e.clientY - at.top);
           }}
           onPointerDown={(e) => {
             drag.current = { x: e.clientX, y: e.clientY };
           }}
           onPointerMove={(e) => {
             if (drag.current) {
               const dx = e.clientX - drag.current.x;
               const dy = e.clientY - drag.current.y;
               drag.current = { x: e.clientX, y: e.clientY };
               setView((v) => ({ ...v, x: v.x + dx, y: v.y + dy }));
             }
           }}
           onPointerUp={() => {
             drag.current = null;
           }}
           onPointerLeave={() => {
             drag.current = null;
           }}>
        <g transform={`translate(${view.x},${view.y}) scale(${view.scale})`}>
          {layout.lines.map((line) => (
            <polyline class={line.finalStage ? 'edge' : 'edge builder'} points={line.points} />
          ))}
          {layout.boxes.map((box) => (
            <g class={`node ${box.kind} tier-${box.tier}${box.wave === undefined ? '' : ' wave'}`}
               transform={`translate(${box.x},${box.y})`} data-id={box.id} data-wave={box.wave}>
              <title>{box.title}</title>
              {box.kind === 'group' ? (
                <g role="button" tabindex={0} aria-label={box.title} onClick={() => onGroup(box.id)}
                   onKeyDown={(e) => {
                     if (e.key === 'Enter' || e.key === ' ') {
                       e.preventDefault();
                       onGroup(box.id);
                     }
                   }}>
                  <rect width={box.width} height={box.height} rx="6" />
                  <text x="10" y="18">{box.label}</text>
                </g>
              ) : (
                <a href={`#/catalog/repository/${encodeURIComponent(box.id)}`}>
                  <rect width={box.width} height={box.height} rx="4" />
                  <text x="10" y="18">{box.label}</text>
                </a>
              )}
            </g>
          ))}
        </g>
      </svg>
    </div>
  );
}
