// The producer's remote: one WebSocket to the control API (docs/control-api.md), requests and events.
(() => {
  'use strict';
  const $ = id => document.getElementById(id);
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromLink) { sessionStorage.setItem('castline-token', fromLink); history.replaceState(null, '', location.pathname); }
  let token = sessionStorage.getItem('castline-token');
  let ws = null, nextId = 1, identified = false;
  const pending = new Map();
  const state = { program: null, pinned: null };

  function status(text, kind) { const s = $('status'); s.textContent = text; s.className = 'pill ' + (kind || ''); }
  function showError(text) { const e = $('error'); e.textContent = text; e.hidden = !text; if (text) setTimeout(() => { if (e.textContent === text) e.hidden = true; }, 6000); }
  function el(tag, props, ...children) {
    const n = document.createElement(tag);
    Object.entries(props || {}).forEach(([k, v]) => { if (k === 'dataset') Object.assign(n.dataset, v); else if (k === 'onclick') n.onclick = v; else n.setAttribute(k, v); });
    children.forEach(c => n.append(c));
    return n;
  }

  function connect() {
    if (!token) { $('login').hidden = false; status('no token', 'bad'); return; }
    ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/v1/events');
    ws.onmessage = m => {
      const msg = JSON.parse(m.data);
      if (msg.op === 'hello') ws.send(JSON.stringify({ op: 'identify', token }));
      else if (msg.op === 'identified') { identified = true; $('login').hidden = true; status('connected', 'ok'); refreshAll(); }
      else if (msg.op === 'response') { const p = pending.get(msg.id); if (p) { pending.delete(msg.id); p(msg); } }
      else if (msg.op === 'event') onEvent(msg.type, msg.data);
    };
    ws.onclose = e => {
      identified = false;
      if (e.code === 4401) { status('wrong token', 'bad'); sessionStorage.removeItem('castline-token'); token = null; $('login').hidden = false; return; }
      if (e.code === 4429) { status('too many wrong tokens: wait a minute', 'bad'); return; }
      status('reconnecting…', 'warn');
      setTimeout(connect, 1500);
    };
  }

  function request(type, data) {
    return new Promise((resolve, reject) => {
      if (!identified) { reject(new Error('not connected')); return; }
      const id = String(nextId++);
      pending.set(id, msg => msg.status === 200 ? resolve(msg.data) : reject(new Error(msg.error)));
      ws.send(JSON.stringify({ op: 'request', id, type, data: data || {} }));
    });
  }
  const act = (type, data) => request(type, data).then(refreshAll).catch(e => showError(e.message));

  function onEvent(type) {
    if (type.startsWith('Product') || type.startsWith('Countdown') || type === 'ProgramSceneChanged' || type === 'CueChanged') refreshAll();
    // a state change is shown at once; the rates (kbps) come with the periodic refresh
    if (type === 'StreamStateChanged' || type === 'OutputStateChanged' || type === 'UplinkVerdictChanged') refreshHealth();
  }

  async function refreshAll() {
    try {
      const [scenes, products, countdowns, cues] = await Promise.all([request('GetSceneList'), request('GetProductList'),
        request('GetCountdownList'), request('GetCueList')]);
      renderScenes(scenes); renderProducts(products); renderCountdowns(countdowns.countdowns); renderCues(cues);
      refreshHealth();
    } catch (e) { showError(e.message); }
  }

  function renderScenes(s) {
    state.program = s.program;
    $('scenes').replaceChildren(...s.scenes.map(name => el('button', { class: name === s.program ? 'on' : '', dataset: { scene: name },
      onclick: () => act('SetProgramScene', { scene: name }) }, name)));
  }

  function renderProducts(p) {
    state.pinned = p.pinned;
    $('products').replaceChildren(...p.products.map(pr => {
      const stock = pr.sold_out ? 'SOLD OUT' : pr.stock == null ? '' : pr.stock + ' left';
      return el('li', { class: pr.sku === p.pinned ? 'pinned' : '', dataset: { sku: pr.sku } },
        el('span', { class: 'what' }, pr.title + (pr.variant ? ' — ' + pr.variant : ''), el('br'),
          el('span', { class: 'muted' }, pr.price + ' ' + pr.currency + (stock ? ' · ' + stock : ''))),
        el('button', { class: pr.sku === p.pinned ? 'on' : '', dataset: { pin: pr.sku }, onclick: () => act('PinProduct', { sku: pr.sku }) },
          pr.sku === p.pinned ? 'Pinned' : 'Pin'));
    }));
  }

  function renderCountdowns(c) {
    const names = Object.keys(c);
    if (!names.length) { $('countdowns').replaceChildren(el('span', { class: 'muted' }, 'none in this show')); return; }
    $('countdowns').replaceChildren(...names.map(name => el('div', { class: 'row', dataset: { countdown: name } },
      el('span', { class: 'what' }, name + (c[name].running ? ' (running)' : '')),
      el('button', { dataset: { countdownStart: name }, onclick: () => act('StartCountdown', { name }) }, 'Start'),
      el('button', { dataset: { countdownPause: name }, onclick: () => act('PauseCountdown', { name }) }, 'Pause'),
      el('button', { dataset: { countdownReset: name }, onclick: () => act('ResetCountdown', { name }) }, 'Reset'))));
  }

  function renderCues(c) {
    $('cue-current').textContent = c.current ? c.current.name : '—';
    $('cue-next').textContent = c.next ? c.next.name : 'the end';
    $('next-cue').disabled = !c.next;
  }

  async function refreshHealth() {
    if (!identified) return;
    try {
      const [stats, stream] = await Promise.all([request('GetStats'), request('GetStreamStatus')]);
      const live = $('live'); live.textContent = stream.live ? 'LIVE' : 'off air'; live.className = 'pill ' + (stream.live ? 'bad' : '');
      const rows = (stats.outputs || []).map(o => el('div', { class: 'output', dataset: { output: o.name } },
        el('span', {}, o.name), el('span', { class: o.state === 'LIVE' ? '' : 'muted' }, o.state + ' · ' + Math.round(o.kbps || 0) + ' kbps')));
      const verdict = stats.uplink ? stats.uplink.verdict : 'unknown';
      rows.push(el('div', { class: 'output', id: 'uplink' }, el('span', {}, 'uplink'), el('span', {}, verdict)));
      $('health').replaceChildren(...rows);
    } catch (e) { /* the next tick tries again */ }
  }

  $('next-cue').onclick = () => act('NextCue');
  $('unpin').onclick = () => act('UnpinProduct');
  $('pin-next').onclick = () => act('PinNextProduct');
  $('pin-previous').onclick = () => act('PinPreviousProduct');
  $('login-form').onsubmit = e => { e.preventDefault(); token = $('token').value.trim(); sessionStorage.setItem('castline-token', token); connect(); };
  setInterval(refreshHealth, 2000);
  connect();
})();
