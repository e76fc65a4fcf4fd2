// Courier's dashboard: reads the admin API (/admin/api) with the operator's token, every 2 s. The token lives in this
// tab's sessionStorage and only ever travels in an Authorization header. Every text from the API is set as text,
// never as HTML.
'use strict';
(() => {
  const KEY = 'courier.admin.token';
  const STATES = ['queued', 'running', 'delayed', 'retrying', 'dead'];
  const POLL_MS = 2000;
  const HISTORY = 60; // samples kept per queue: two minutes at one every 2 s
  const $ = (selector) => document.querySelector(selector);
  const enc = encodeURIComponent;
  const view = { queue: null, state: null, pages: 0, cursor: null, detail: null };
  const samples = new Map(); // queue -> [{t, counts}]
  let timer = null;

  const token = () => sessionStorage.getItem(KEY);

  async function api(method, path) {
    const response = await fetch('/admin/api' + path, {
      method, cache: 'no-store', headers: { Authorization: 'Bearer ' + token(), Accept: 'application/json' },
    });
    if (response.status === 204) return null;
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(body.message || response.statusText);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === 'onclick') node.addEventListener('click', value);
      else if (name === 'class') node.className = value;
      else node.setAttribute(name, value);
    }
    for (const child of children) {
      node.append(child instanceof Node ? child : document.createTextNode(child == null ? '' : String(child)));
    }
    return node;
  }

  function say(text, bad) {
    $('#status').textContent = text;
    $('#status').className = bad ? 'bad' : '';
  }

  function failed(error) {
    if (error.status === 401) say('The token was refused: ' + error.message + '. Paste a fresh one.', true);
    else if (error.status === 403) say('This token lacks the admin role.', true);
    else say('Error: ' + error.message, true);
  }

  const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : '');

  // ---- queues ------------------------------------------------------------------------------------------------

  function remember(list) {
    const t = Date.parse(list.at) || Date.now();
    for (const q of list.queues) {
      const history = samples.get(q.queue) || [];
      history.push({ t, counts: q.counts });
      samples.set(q.queue, history.slice(-HISTORY));
    }
  }

  function rate(queue, state) {
    const history = samples.get(queue) || [];
    if (history.length < 2) return '';
    const [before, now] = history.slice(-2);
    const perSecond = (now.counts[state] - before.counts[state]) / Math.max(0.001, (now.t - before.t) / 1000);
    return perSecond === 0 ? '' : (perSecond > 0 ? '+' : '') + perSecond.toFixed(1) + '/s';
  }

  // The depth (every task not yet ended) over the samples kept (up to two minutes), oldest at the left.
  function sparkline(queue) {
    const history = samples.get(queue) || [];
    const svgNs = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(svgNs, 'svg');
    svg.setAttribute('viewBox', '0 0 120 24');
    svg.setAttribute('class', 'spark');
    const base = document.createElementNS(svgNs, 'line');
    Object.entries({ x1: 0, y1: 23, x2: 120, y2: 23, class: 'base' }).forEach(([k, v]) => base.setAttribute(k, v));
    svg.append(base);
    const depths = history.map((s) => s.counts.queued + s.counts.running + s.counts.delayed + s.counts.retrying);
    const top = Math.max(1, ...depths);
    const step = 120 / Math.max(1, depths.length - 1);
    const line = document.createElementNS(svgNs, 'polyline');
    line.setAttribute('points', depths.map((d, i) => `${i * step},${22 - (20 * d) / top}`).join(' '));
    svg.append(line);
    const label = document.createElementNS(svgNs, 'title');
    const seconds = history.length > 1 ? Math.round((history[history.length - 1].t - history[0].t) / 1000) : 0;
    label.textContent = `depth now ${depths[depths.length - 1] || 0}, highest ${top} in the last ${seconds} s`;
    svg.append(label);
    return svg;
  }

  function renderQueues(list) {
    remember(list);
    $('#read-at').textContent = 'read at ' + time(list.at);
    $('#queues tbody').replaceChildren(...list.queues.map((q) => el('tr', { 'data-queue': q.queue, class: q.paused ? 'paused' : '' },
      el('th', { scope: 'row' }, q.queue, q.paused ? el('span', { class: 'badge warn', title: `by ${q.paused_by} at ${time(q.paused_at)}` }, 'paused') : ''),
      ...STATES.map((state) => el('td', { class: state },
        el('button', { type: 'button', class: 'count', 'data-state': state, onclick: () => openTasks(q.queue, state) },
          String(q.counts[state])),
        el('small', {}, rate(q.queue, state)))),
      el('td', {}, sparkline(q.queue)),
      el('td', {}, el('button', { type: 'button', class: q.paused ? 'resume' : 'pause', onclick: () => pauseOrResume(q) },
        q.paused ? 'Resume' : 'Pause')))));
  }

  async function pauseOrResume(q) {
    try {
      await api('POST', `/queues/${enc(q.queue)}/${q.paused ? 'resume' : 'pause'}`);
      say(`Queue ${q.queue} ${q.paused ? 'resumed' : 'paused on every node'}.`);
      await refresh();
    } catch (e) {
      failed(e);
    }
  }

  // ---- tasks of one queue and state --------------------------------------------------------------------------

  async function openTasks(queue, state) {
    Object.assign(view, { queue, state, pages: 0, cursor: null });
    $('#tasks-section').hidden = false;
    await loadTasks(false);
  }

  function tabs() {
    return STATES.map((state) => el('button', {
      type: 'button', class: state === view.state ? 'tab on' : 'tab', onclick: () => openTasks(view.queue, state),
    }, state));
  }

  async function loadTasks(more) {
    try {
      const cursor = more && view.cursor ? '&cursor=' + enc(view.cursor) : '';
      const page = await api('GET', `/queues/${enc(view.queue)}/tasks?state=${view.state}&limit=50${cursor}`);
      $('#tasks-title').textContent = `${view.queue}: ${view.state} tasks`;
      $('#state-tabs').replaceChildren(...tabs());
      const rows = page.tasks.map(taskRow);
      if (more) $('#tasks tbody').append(...rows);
      else $('#tasks tbody').replaceChildren(...rows);
      view.pages = more ? view.pages + 1 : 1;
      view.cursor = page.next_cursor;
      $('#more').hidden = !page.next_cursor;
      $('#purge').hidden = view.state !== 'dead' || page.tasks.length === 0;
      if (page.tasks.length === 0) {
        $('#tasks tbody').append(el('tr', {}, el('td', { colspan: '6', class: 'empty' }, `No ${view.state} task.`)));
      }
    } catch (e) {
      failed(e);
    }
  }

  // [what the time is, the time]: when it ended, started, or is due
  function when(t) {
    if (t.state === 'dead' || t.state === 'succeeded') return ['ended', t.finished_at];
    if (t.state === 'running') return ['started', t.started_at];
    return ['due', t.due_at];
  }

  function taskRow(t) {
    return el('tr', { 'data-task': t.task_id },
      el('td', {}, el('button', { type: 'button', class: 'link', onclick: () => showDetail(t.queue, t.task_id) },
        el('code', {}, t.task_id))),
      el('td', { title: t.task || '' }, t.task),
      el('td', {}, `${t.attempts}/${t.max_attempts}`),
      el('td', { title: `${when(t)[0]} at ${when(t)[1] || '?'}` }, time(when(t)[1])),
      el('td', { class: 'error', title: t.last_error || '' },
        t.dead_reason ? el('span', { class: 'badge reason' }, t.dead_reason) : '', t.last_error || ''),
      el('td', {}, ...actions(t)));
  }

  function actions(t) {
    if (t.state !== 'dead') return [];
    return [el('button', { type: 'button', class: 'retry', onclick: () => retry(t.queue, t.task_id) }, 'Retry'),
      el('button', { type: 'button', class: 'delete danger', onclick: () => remove(t.queue, t.task_id) }, 'Delete')];
  }

  async function retry(queue, id) {
    try {
      const record = await api('POST', `/queues/${enc(queue)}/tasks/${enc(id)}/retry`);
      say(`Task ${id} queued again, its attempts from 0.`);
      renderDetail(record);
      await refresh();
    } catch (e) {
      failed(e);
    }
  }

  async function remove(queue, id) {
    if (!window.confirm(`Delete dead task ${id} for good?`)) return;
    try {
      await api('DELETE', `/queues/${enc(queue)}/tasks/${enc(id)}`);
      say(`Task ${id} deleted.`);
      if (view.detail && view.detail.task_id === id) closeDetail();
      await refresh();
    } catch (e) {
      failed(e);
    }
  }

  async function purge() {
    if (!window.confirm(`Delete every dead task of queue ${view.queue} for good?`)) return;
    try {
      const purged = await api('DELETE', `/queues/${enc(view.queue)}/dead`);
      say(`${purged.deleted} dead task(s) of ${view.queue} deleted.`);
      await refresh();
    } catch (e) {
      failed(e);
    }
  }

  // ---- one task -----------------------------------------------------------------------------------------------

  async function showDetail(queue, id) {
    try {
      renderDetail(await api('GET', `/queues/${enc(queue)}/tasks/${enc(id)}`));
    } catch (e) {
      if (e.status !== 404) return failed(e);
      closeDetail();
      say(`Task ${id} is gone (deleted, or expired after the retention).`);
    }
  }

  const FIELDS = [['state'], ['task'], ['queue'], ['attempts'], ['max_attempts', 'max attempts'], ['subject'],
    ['enqueued_at', 'enqueued'], ['due_at', 'due'], ['started_at', 'started'], ['finished_at', 'finished'],
    ['last_error', 'last error'], ['dead_reason', 'dead reason'], ['retried_by', 'retried by'],
    ['retried_at', 'retried at'], ['retried_count', 'retried'], ['worker'], ['result'], ['result_error', 'result error']];

  function renderDetail(record) {
    view.detail = record;
    $('#detail-section').hidden = false;
    $('#detail-id').textContent = record.task_id;
    const show = (value) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : value);
    const rows = FIELDS.filter(([name]) => record[name] !== undefined && record[name] !== null
      && !(name === 'retried_count' && record[name] === 0))
      .flatMap(([name, label]) => [el('dt', {}, label || name), el('dd', { 'data-field': name }, show(record[name]))]);
    const envelope = record.envelope || {};
    rows.push(el('dt', {}, 'envelope'), el('dd', { 'data-field': 'envelope' }, envelope.verified
      ? `signature holds · ${envelope.task} on ${envelope.queue} · for ${envelope.subject || 'anonymous'}`
        + ` (${(envelope.roles || []).join(', ') || 'no role'}) · request ${envelope.request_id || 'none'}`
      : 'not shown: ' + (envelope.problem || 'unread')));
    $('#detail').replaceChildren(...rows);
    $('#detail-actions').replaceChildren(...actions(record));
  }

  function closeDetail() {
    view.detail = null;
    $('#detail-section').hidden = true;
  }

  // ---- polling and the token ---------------------------------------------------------------------------------

  async function refresh() {
    if (!token()) return;
    try {
      const list = await api('GET', '/queues');
      renderQueues(list);
      say(`Connected: ${list.queues.length} queue(s).`);
      if (view.queue && view.pages === 1) await loadTasks(false); // a list paged further is left as it is
      if (view.detail) await showDetail(view.detail.queue, view.detail.task_id);
    } catch (e) {
      failed(e);
    }
  }

  function loop() {
    clearTimeout(timer);
    refresh().finally(() => {
      if (token()) timer = setTimeout(loop, POLL_MS);
    });
  }

  $('#token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = $('#token').value.trim().replace(/^Bearer\s+/i, '');
    if (!value) return;
    sessionStorage.setItem(KEY, value);
    $('#token').value = '';
    $('#token').placeholder = 'a token is in use (kept for this tab only)';
    say('Token kept for this tab. Reading...');
    loop();
  });
  $('#forget').addEventListener('click', () => {
    sessionStorage.removeItem(KEY);
    $('#token').placeholder = 'paste a bearer token with the admin role';
    clearTimeout(timer);
    $('#queues tbody').replaceChildren();
    $('#tasks-section').hidden = true;
    closeDetail();
    say('Token forgotten. Paste an admin token to start.');
  });
  $('#more').addEventListener('click', () => loadTasks(true));
  $('#purge').addEventListener('click', purge);
  $('#close-detail').addEventListener('click', closeDetail);
  if (token()) {
    $('#token').placeholder = 'a token is in use (kept for this tab only)';
    loop();
  }
})();
