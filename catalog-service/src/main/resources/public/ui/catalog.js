// The catalog's web page: the tiered tree, search, an image's detail and the impact of a change with its waves.
// Everything shown comes from the REST API; names come from image events, so text is set, never parsed as HTML.
(function () {
  'use strict';

  const TIERS = ['app', 'tooling', 'runtime', 'os'];
  const SVG = 'http://www.w3.org/2000/svg';
  const state = { selected: null, after: null, query: null };

  const $ = (id) => document.getElementById(id);

  // The API wants a bearer token (viewer or above): asked once, kept for this tab only.
  const TOKEN = 'layerline.token';
  let signingIn = null;

  function signIn() {
    if (!signingIn) {
      signingIn = new Promise((resolve) => {
        $('sign-in').hidden = false;
        $('token').focus();
        $('token-form').onsubmit = (event) => {
          event.preventDefault();
          sessionStorage.setItem(TOKEN, $('token').value.trim());
          $('token').value = '';
          $('sign-in').hidden = true;
          signingIn = null;
          resolve();
        };
      });
    }
    return signingIn;
  }

  async function api(path) {
    const headers = { Accept: 'application/json' };
    const token = sessionStorage.getItem(TOKEN);
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }
    const response = await fetch(path, { headers });
    if (response.status === 401) {
      sessionStorage.removeItem(TOKEN);
      await signIn();
      return api(path);
    }
    if (!response.ok) {
      throw new Error(path + ' answered ' + response.status);
    }
    return response.json();
  }

  function element(tag, text, attributes) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    Object.entries(attributes || {}).forEach(([key, value]) => node.setAttribute(key, value));
    return node;
  }

  function svg(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attributes || {}).forEach(([key, value]) => node.setAttribute(key, value));
    return node;
  }

  function short(digest) {
    return digest ? digest.substring(0, 19) : '';
  }

  function repositoryPath(name) {
    return '/api/v1/repositories/' + name.split('/').map(encodeURIComponent).join('/');
  }

  function repositoryLink(name, onClick) {
    const item = element('li');
    const button = element('button', name, { type: 'button', class: 'link', 'data-name': name });
    button.addEventListener('click', () => onClick(name));
    item.appendChild(button);
    return item;
  }

  async function drawTree(root) {
    const graph = await api('/api/v1/graph/export?format=json' + (root ? '&root=' + encodeURIComponent(root) : ''));
    const canvas = $('graph');
    canvas.replaceChildren();
    $('tree-empty').hidden = graph.nodes.length > 0;
    $('tree-root').textContent = root ? '— what builds on ' + root : '';
    const width = Math.max(canvas.clientWidth || 900, 600);
    const bandHeight = 120;
    const byTier = {};
    TIERS.forEach((tier) => { byTier[tier] = []; });
    graph.nodes.forEach((node) => (byTier[node.tier] || byTier.app).push(node));
    const position = {};
    const edges = svg('g');
    const nodes = svg('g');
    TIERS.forEach((tier, row) => {
      const band = svg('g', { class: 'band' });
      band.appendChild(svg('rect', { x: 0, y: row * bandHeight, width: width, height: bandHeight - 8 }));
      const label = svg('text', { x: 6, y: row * bandHeight + 14 });
      label.textContent = tier;
      band.appendChild(label);
      canvas.appendChild(band);
      const members = byTier[tier].sort((a, b) => a.id.localeCompare(b.id));
      const slot = (width - 80) / Math.max(members.length, 1);
      members.forEach((node, index) => {
        const x = 70 + index * slot;
        const y = row * bandHeight + 40;
        position[node.id] = { x: x + Math.min(slot - 6, 160) / 2, y: y };
        const group = svg('g', { class: 'node ' + node.tier, 'data-name': node.id, tabindex: 0 });
        group.appendChild(svg('rect', { x: x, y: y, width: Math.min(slot - 6, 160), height: 28 }));
        const text = svg('text', { x: x + 4, y: y + 18 });
        text.textContent = node.id.substring(node.id.indexOf('/') + 1);
        group.appendChild(text);
        const title = svg('title');
        title.textContent = node.id + (node.owner ? ' — ' + node.owner : '');
        group.appendChild(title);
        group.addEventListener('click', () => openRepository(node.id));
        nodes.appendChild(group);
      });
    });
    graph.edges.forEach((edge) => {
      const from = position[edge.from];
      const to = position[edge.to];
      if (from && to) {
        edges.appendChild(svg('line', { class: 'edge' + (edge.finalStage ? '' : ' builder'),
          x1: from.x, y1: from.y + 28, x2: to.x, y2: to.y }));
      }
    });
    canvas.setAttribute('viewBox', '0 0 ' + width + ' ' + TIERS.length * bandHeight);
    canvas.appendChild(edges);
    canvas.appendChild(nodes);
    highlight();
  }

  function highlight() {
    document.querySelectorAll('#graph .node').forEach((node) =>
      node.classList.toggle('selected', node.getAttribute('data-name') === state.selected));
  }

  async function search(more) {
    const query = $('search').value.trim();
    const tier = $('tier').value;
    if (!more) {
      state.after = null;
      $('results').replaceChildren();
    }
    const params = new URLSearchParams({ limit: '50' });
    if (query) { params.set('q', query); }
    if (tier) { params.set('tier', tier); }
    if (state.after) { params.set('after', state.after); }
    const page = await api('/api/v1/repositories?' + params);
    $('results-view').hidden = false;
    if (!more && page.items.length === 0) {
      $('results').appendChild(element('li', 'Nothing matches.'));
    }
    page.items.forEach((repository) => {
      const item = repositoryLink(repository.name, openRepository);
      item.appendChild(document.createTextNode(' ' + repository.tier
        + (repository.metadata.ownerTeam ? ' · ' + repository.metadata.ownerTeam : '')));
      $('results').appendChild(item);
    });
    state.after = page.next || null;
    $('more').hidden = !page.next;
  }

  async function openRepository(name) {
    state.selected = name;
    highlight();
    const detail = await api(repositoryPath(name));
    const repository = detail.repository;
    $('detail').hidden = false;
    $('impact').hidden = true;
    $('detail-name').textContent = repository.name;
    const facts = $('detail-facts');
    facts.replaceChildren();
    const fact = (term, value) => {
      facts.appendChild(element('dt', term));
      const definition = element('dd', value || '—');
      facts.appendChild(definition);
      return definition;
    };
    fact('tier', repository.tier + ' (' + repository.tierSource + ')');
    fact('owner', repository.metadata.ownerTeam);
    fact('description', repository.metadata.description);
    const docs = fact('docs', repository.metadata.docsUrl ? '' : null);
    if (repository.metadata.docsUrl && /^https?:\/\//.test(repository.metadata.docsUrl)) {
      docs.appendChild(element('a', repository.metadata.docsUrl, { href: repository.metadata.docsUrl, rel: 'noopener' }));
    }
    fact('contact', repository.metadata.contact);
    fact('newest', short(repository.newest.digest) + ' ' + repository.newest.tags.join(', '));
    fact('built from', [repository.newest.sourceRepository, repository.newest.commit, repository.newest.branch]
      .filter(Boolean).join(' @ '));
    fact('base', repository.baseReference);
    const lineage = $('lineage');
    lineage.replaceChildren();
    detail.lineage.forEach((image) => lineage.appendChild(
      element('li', (image.repository || '?') + ' ' + short(image.digest))));
    const rows = $('deployments').querySelector('tbody');
    rows.replaceChildren();
    detail.deployments.forEach((deployment) => {
      const row = element('tr');
      row.appendChild(element('td', deployment.environment));
      row.appendChild(element('td', deployment.service));
      row.appendChild(element('td', short(deployment.digest)));
      rows.appendChild(row);
    });
    if (detail.deployments.length === 0) {
      const row = element('tr');
      row.appendChild(element('td', 'not deployed', { colspan: 3 }));
      rows.appendChild(row);
    }
  }

  async function showImpact() {
    const name = state.selected;
    const slash = name.indexOf('/');
    const params = new URLSearchParams({ registry: name.substring(0, slash), repository: name.substring(slash + 1) });
    const impact = await api('/api/v1/graph/impact?' + params);
    $('impact').hidden = false;
    $('impact-base').textContent = name;
    const live = impact.affected.filter((affected) => affected.deployments.length > 0).length;
    $('impact-summary').textContent = impact.affected.length + ' repositories to rebuild in ' + impact.waves.length
      + ' waves; ' + live + ' of them deployed now.';
    const waves = $('waves');
    waves.replaceChildren();
    impact.waves.forEach((members, index) => {
      const wave = element('li', null, { class: 'wave', 'data-wave': index + 1 });
      wave.appendChild(element('span', 'wave ' + (index + 1), { class: 'wave-number' }));
      const list = element('ul');
      members.forEach((repository) => list.appendChild(repositoryLink(repository, openRepository)));
      wave.appendChild(list);
      waves.appendChild(wave);
    });
    if (impact.inCycles.length > 0) {
      waves.appendChild(element('li', 'in cycles, cannot be ordered: ' + impact.inCycles.join(', ')));
    }
  }

  async function listCascades() {
    const page = await api('/api/v1/cascades?limit=10');
    const list = $('cascades');
    list.replaceChildren();
    if (page.items.length === 0) {
      list.appendChild(element('li', 'No cascade yet.'));
    }
    page.items.forEach((cascade) => {
      const counts = Object.entries(cascade.counts).filter(([, count]) => count > 0)
        .map(([stateName, count]) => count + ' ' + stateName).join(', ');
      list.appendChild(element('li', cascade.base + ' — ' + cascade.status + (counts ? ' (' + counts + ')' : '')));
    });
  }

  function report(error) {
    const banner = element('p', 'Cannot load: ' + error.message, { role: 'alert', class: 'error' });
    document.querySelector('main').prepend(banner);
  }

  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    search(false).catch(report);
  });
  $('more').addEventListener('click', () => search(true).catch(report));
  $('show-impact').addEventListener('click', () => showImpact().catch(report));
  $('show-subtree').addEventListener('click', () => drawTree(state.selected).catch(report));

  Promise.all([drawTree(null), listCascades()]).then(() => {
    document.body.setAttribute('data-ready', 'true');
  }).catch(report);
}());
