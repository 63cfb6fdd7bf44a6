// Media Monitor web page: dashboard, search, item view and label corrections over the JSON API.
// Plain script, no build step: the page state lives in the URL so that a link can be shared.
'use strict';

const TEXT = {
  'zh-Hant': {
    product: '國際媒體輿情監測', dashboard: '儀表板', search: '搜尋', signIn: '登入', signOut: '登出',
    token: '存取權杖', year: '年度', show: '顯示', perWeek: '每週則數（依標籤）', topSources: '主要來源',
    languages: '語言', queryHint: '搜尋，例如 臺灣 OR Taiwan', allLabels: '全部標籤', positive: '正面',
    balanced: '中性', negative: '負面', notRelevant: '無關', selected: '已選', reason: '理由',
    correctSelected: '更正所選', more: '更多', target: '年度目標', total: '總計', pace: '進度',
    items: '則', evidence: '判定依據', cluster: '相同報導', correct: '更正標籤', save: '儲存',
    decidedBy: '判定者', confidence: '信心', source: '來源', language: '語言', label: '標籤',
    back: '返回', corrected: '已更正', badToken: '權杖無效', onTrack: '達成率', noResults: '沒有結果',
    savedQueries: '符合的儲存查詢', original: '原文',
    review: '待複核', sources: '來源狀態', reviewHint: '機器最沒把握的判定，最不確定的在前。選擇正確的標籤；與機器相同即為確認。',
    allSources: '全部來源', allLanguages: '全部語言', reasonOptional: '理由（選填）', confirm: '確認',
    queueEmpty: '沒有待複核的項目', inQueue: '則待複核', history: '標籤歷程', classified: '機器判定',
    correctedAction: '人工更正', status: '狀態', ok: '正常', failing: '錯誤', disabled: '停用', never: '尚未造訪',
    important: '重要來源', lastSuccess: '最近成功', lastError: '最近錯誤', last7Days: '近 7 日則數', nextVisit: '下次造訪',
    sourcesSummary: '個來源，錯誤', reviewed: '已複核',
  },
  en: {
    product: 'Media Monitor', dashboard: 'Dashboard', search: 'Search', signIn: 'Sign in', signOut: 'Sign out',
    token: 'Access token', year: 'Year', show: 'Show', perWeek: 'Items per week by label', topSources: 'Top sources',
    languages: 'Languages', queryHint: 'Search, e.g. 臺灣 OR Taiwan', allLabels: 'All labels', positive: 'Positive',
    balanced: 'Balanced', negative: 'Negative', notRelevant: 'Not relevant', selected: 'Selected', reason: 'Reason',
    correctSelected: 'Correct selected', more: 'More', target: 'Yearly target', total: 'Total', pace: 'Pace',
    items: 'items', evidence: 'Evidence', cluster: 'Copies of the story', correct: 'Correct the label', save: 'Save',
    decidedBy: 'Decided by', confidence: 'Confidence', source: 'Source', language: 'Language', label: 'Label',
    back: 'Back', corrected: 'Corrected', badToken: 'The token is not valid', onTrack: 'of the pace', noResults: 'No results',
    savedQueries: 'Saved queries matched', original: 'Original',
    review: 'Review queue', sources: 'Source health', reviewHint: 'The verdicts the machine was least sure of, least sure first. Choose the right label; the machine\'s own confirms it.',
    allSources: 'All sources', allLanguages: 'All languages', reasonOptional: 'Reason (optional)', confirm: 'Confirm',
    queueEmpty: 'Nothing to review', inQueue: 'to review', history: 'Label history', classified: 'Classified',
    correctedAction: 'Corrected', status: 'Status', ok: 'OK', failing: 'Failing', disabled: 'Disabled', never: 'Not visited yet',
    important: 'Important source', lastSuccess: 'Last success', lastError: 'Last error', last7Days: 'Items, last 7 days', nextVisit: 'Next visit',
    sourcesSummary: 'sources, failing', reviewed: 'Reviewed',
  },
};
const COLOURS = { positive: '#2e7d32', balanced: '#607d8b', negative: '#c62828' };
const state = { lang: localStorage.getItem('lang') || 'zh-Hant', me: null, csrf: null, cursor: null, chart: null };
const $ = (selector) => document.querySelector(selector);
const t = (key) => TEXT[state.lang][key] ?? key;

function escape(text) {
  const div = document.createElement('div');
  div.textContent = text ?? '';
  return div.innerHTML;
}

function labelName(label) {
  return label && label !== 'not-relevant' ? t(label) : t('notRelevant');
}

/** An instant as staff read it: in Taipei time, in the page's language. */
function when(instant) {
  if (!instant) return '–';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return String(instant);
  return date.toLocaleString(state.lang === 'en' ? 'en-GB' : 'zh-TW',
    { timeZone: 'Asia/Taipei', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

async function api(path, options = {}) {
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  if (options.body) headers['Content-Type'] = 'application/json';
  if (state.csrf && options.method && options.method !== 'GET') headers['X-CSRF-Token'] = state.csrf;
  const response = await fetch(path, { ...options, headers, credentials: 'same-origin' });
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error(body?.detail || response.statusText);
    error.status = response.status;
    throw error;
  }
  return body;
}

function translate() {
  document.documentElement.lang = state.lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  $('#language').textContent = state.lang === 'en' ? '中文' : 'English';
  document.title = t('product');
}

function params() {
  return new URLSearchParams(location.search);
}

function go(query) {
  history.pushState(null, '', '/?' + query);
  route();
}

function show(id) {
  for (const section of document.querySelectorAll('main > section')) section.hidden = section.id !== id;
  for (const link of document.querySelectorAll('header nav a')) {
    link.toggleAttribute('aria-current', link.dataset.view === id);
    if (link.dataset.view === id) link.setAttribute('aria-current', 'page');
  }
}

async function whoAmI() {
  try {
    state.me = await api('/api/v1/me');
    state.csrf = state.me.csrf || null;
  } catch (error) {
    if (error.status !== 401) throw error;
    state.me = null;
  }
  const editor = state.me && (state.me.role === 'editor' || state.me.role === 'admin');
  document.body.classList.toggle('editor', !!editor);
  $('#who').textContent = state.me && state.me.role !== 'anonymous' ? `${state.me.who.replace(/^token:/, '')} (${state.me.role})` : '';
  $('#signout').hidden = !state.me || state.me.role === 'anonymous';
  $('#signin-open').hidden = !state.me || state.me.role !== 'anonymous';
}

function isEditor() {
  return document.body.classList.contains('editor');
}

async function route() {
  translate();
  if (!state.me) {
    show('signin');
    return;
  }
  const view = params().get('view') || 'dashboard';
  try {
    if (view === 'search') await showSearch();
    else if (view === 'item') await showItem(params().get('id'));
    else if (view === 'review') await showReview();
    else if (view === 'sources') await showSources();
    else await showDashboard();
  } catch (error) {
    if (error.status === 401) {
      state.me = null;
      show('signin');
    } else {
      $('#main').insertAdjacentHTML('afterbegin', `<p class="error" role="alert">${escape(error.message)}</p>`);
    }
  }
}

// ---- dashboard

async function showDashboard() {
  show('dashboard');
  const year = params().get('year') || String(new Date().getFullYear());
  $('#year').value = year;
  const kpi = await api('/api/v1/kpi?year=' + encodeURIComponent(year));
  const ratio = kpi.pace.ratio == null ? '–' : Math.round(kpi.pace.ratio * 100) + '%';
  $('#kpi').innerHTML = [
    ['target', kpi.target], ['total', kpi.total], ['positive', kpi.positive], ['balanced', kpi.balanced],
    ['negative', kpi.negative], ['pace', ratio],
  ].map(([key, value]) => `<div class="card" data-kpi="${key}">${escape(t(key))}<b>${escape(String(value))}</b></div>`).join('');

  const timeline = await api(`/api/v1/counts/over-time?from=${year}-01-01&to=${year}-12-31&interval=week`);
  const labels = timeline.periods.map((p) => p.period);
  const datasets = ['positive', 'balanced', 'negative'].map((label) => ({
    label: t(label), backgroundColor: COLOURS[label], data: timeline.periods.map((p) => p.matching[label]),
  }));
  if (state.chart) state.chart.destroy();
  if (window.Chart) {
    state.chart = new Chart($('#timeline'), {
      type: 'bar', data: { labels, datasets },
      options: { animation: false, maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
    });
  }
  const page = await api(`/api/v1/search?from=${year}-01-01&to=${year}-12-31&size=1`);
  $('#top-sources').innerHTML = topList(page.facets.source, 'source');
  $('#top-languages').innerHTML = topList(page.facets.language, 'lang');
}

function topList(counts, filter) {
  return Object.entries(counts || {}).sort((a, b) => b[1] - a[1]).slice(0, 10)
    .map(([value, count]) => `<li><a href="/?view=search&${filter}=${encodeURIComponent(value)}">${escape(value)}</a> ${count}</li>`).join('');
}

// ---- search

async function showSearch() {
  show('search');
  const query = params();
  for (const name of ['q', 'label', 'from', 'to', 'source', 'lang']) $('#' + name).value = query.get(name) || '';
  const request = new URLSearchParams();
  for (const name of ['q', 'label', 'from', 'to', 'source', 'lang']) if (query.get(name)) request.set(name, query.get(name));
  request.set('size', '20');
  const page = await api('/api/v1/search?' + request);
  $('#total').textContent = `${page.total} ${t('items')}`;
  $('#results').innerHTML = page.items.length ? page.items.map(result).join('') : `<li>${escape(t('noResults'))}</li>`;
  $('#facets').innerHTML = facets(page.facets, query);
  state.cursor = page.next || null;
  state.request = request;
  $('#more').hidden = !state.cursor;
  $('#bulk').hidden = !isEditor();
  updateSelection();
}

function result(hit) {
  const select = isEditor()
    ? `<input type="checkbox" class="pick" value="${escape(hit.id)}" aria-label="${escape(hit.title)}">` : '';
  // the snippet comes from the server with the text escaped and the matches in <mark>
  return `<li data-id="${escape(hit.id)}">${select}<div>
    <a class="title" href="/?view=item&id=${encodeURIComponent(hit.id)}">${escape(hit.title)}</a>
    <div class="meta"><span class="label ${hit.label || 'none'}">${escape(labelName(hit.label))}</span>
      ${escape(hit.source)} · ${escape((hit.published || '').slice(0, 10))} · ${escape(hit.language)}</div>
    <p class="snippet">${hit.snippet || ''}</p></div></li>`;
}

function facets(all, query) {
  const names = { label: 'label', source: 'source', language: 'lang' };
  return Object.entries(names).map(([facet, param]) => {
    const buttons = Object.entries(all[facet] || {}).sort((a, b) => b[1] - a[1]).map(([value, count]) => {
      const pressed = query.get(param) === value;
      const shown = facet === 'label' ? labelName(value === 'not-relevant' ? null : value) : value;
      return `<button type="button" data-param="${param}" data-value="${escape(value)}" aria-pressed="${pressed}">${escape(shown)} (${count})</button>`;
    }).join('');
    return `<h3>${escape(t(facet === 'language' ? 'language' : facet))}</h3>${buttons}`;
  }).join('');
}

function updateSelection() {
  $('#selected-count').textContent = document.querySelectorAll('.pick:checked').length;
}

// ---- item

async function showItem(id) {
  show('item');
  const data = await api('/api/v1/items/' + encodeURIComponent(id));
  const item = data.item;
  const c = item.classification || {};
  const label = c.relevant ? c.label : null;
  const paragraphs = (item.text || '').split('\n').map((p) => `<p>${escape(p)}</p>`).join('');
  const evidence = (c.evidence || []).map((e) => `<li class="${escape(e.polarity)}">${markWords(e.text, e.words)}
    <div class="meta">${escape(t(e.polarity) || e.polarity)} · ${escape(String(e.score))}</div></li>`).join('');
  const copies = data.cluster.length > 1 ? `<h3>${escape(t('cluster'))}</h3><ul>${data.cluster.map((m) =>
    `<li><a href="/?view=item&id=${encodeURIComponent(m.id)}">${escape(m.source)}</a></li>`).join('')}</ul>` : '';
  const form = isEditor() ? `<form id="correct" class="row">
      <label for="new-label">${escape(t('correct'))}</label>
      <select id="new-label">${['positive', 'balanced', 'negative'].map((l) =>
        `<option value="${l}" ${l === label ? 'selected' : ''}>${escape(t(l))}</option>`).join('')}</select>
      <input id="new-reason" placeholder="${escape(t('reason'))}" aria-label="${escape(t('reason'))}">
      <button>${escape(t('save'))}</button><span id="correct-status" role="status"></span></form>` : '';
  $('#item').innerHTML = `<p><a href="javascript:history.back()">← ${escape(t('back'))}</a></p>
    <h2>${escape(item.title)}</h2>
    <p class="meta"><span class="label ${label || 'none'}" id="item-label">${escape(labelName(label))}</span>
      ${escape(item.source)} · ${escape((item.published || '').slice(0, 16).replace('T', ' '))} · ${escape(item.language)}
      · ${escape(t('confidence'))} ${escape(String(c.confidence ?? '–'))} · ${escape(t('decidedBy'))} <span id="decided-by">${escape(c.decidedBy || '')}</span>
      · <a href="${escape(item.url)}" rel="noopener noreferrer">${escape(t('original'))}</a></p>
    ${form}
    <h3>${escape(t('evidence'))}</h3><ol class="evidence">${evidence}</ol>
    <h3>${escape(t('history'))}</h3><ol class="history" id="history">${historyList(data.history, c)}</ol>
    ${copies}
    <div class="item-body">${paragraphs}</div>`;
  if (form) {
    $('#correct').addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = { label: $('#new-label').value };
      if ($('#new-reason').value) body.reason = $('#new-reason').value;
      await api(`/api/v1/items/${encodeURIComponent(id)}/label`, { method: 'PUT', body: JSON.stringify(body) });
      $('#correct-status').textContent = t('corrected');
      await showItem(id);
    });
  }
}

/** The label's history, oldest first: the machine's decision, then each staff correction. */
function historyList(history, verdict) {
  const steps = history || (verdict && verdict.decidedBy ? [{ at: verdict.decidedAt, who: verdict.decidedBy,
    action: (verdict.decidedBy || '').startsWith('staff:') ? 'corrected' : 'classified', from: null,
    to: verdict.relevant ? verdict.label : 'not-relevant' }] : []);
  return steps.map((step) => {
    const action = step.action === 'corrected' ? t('correctedAction') : t('classified');
    const change = step.from ? `${escape(labelName(step.from))} → ${escape(labelName(step.to))}` : escape(labelName(step.to));
    const reason = step.reason ? ` · ${escape(t('reason'))}：<q>${escape(step.reason)}</q>` : '';
    return `<li data-action="${escape(step.action)}" data-to="${escape(step.to)}"><time datetime="${escape(step.at || '')}">${escape(when(step.at))}</time>
      · <span class="who">${escape((step.who || '').replace(/^token:/, ''))}</span> · ${escape(action)}: ${change}${reason}</li>`;
  }).join('');
}

/** The sentence with the words that decided it marked. */
function markWords(sentence, words) {
  let html = escape(sentence);
  for (const word of [...new Set(words || [])].sort((a, b) => b.length - a.length)) {
    const escaped = escape(word);
    if (escaped) html = html.split(escaped).join(`<mark>${escaped}</mark>`);
  }
  return html;
}

// ---- review queue

async function showReview() {
  show('review');
  const query = params();
  const request = new URLSearchParams();
  for (const name of ['source', 'lang']) if (query.get(name)) request.set(name, query.get(name));
  request.set('size', '20');
  const page = await api('/api/v1/review?' + request);
  fillChoices('#review-source', (page.facets || {}).source, query.get('source'), 'allSources');
  fillChoices('#review-lang', (page.facets || {}).language, query.get('lang'), 'allLanguages');
  state.review = { request, cursor: page.next || page.cursor || null, total: page.total };
  const hits = page.items || page.hits || [];
  $('#review-list').innerHTML = hits.length ? hits.map(reviewRow).join('') : `<li class="empty">${escape(t('queueEmpty'))}</li>`;
  $('#review-status').textContent = '';
  reviewTotal();
  $('#review-more').hidden = !state.review.cursor;
}

function reviewTotal() {
  $('#review-total').textContent = `${state.review.total} ${t('inQueue')}`;
}

/** A select's options from a facet, keeping the chosen value even when the facet no longer lists it. */
function fillChoices(selector, counts, chosen, allKey) {
  const entries = Object.entries(counts || {}).sort((a, b) => b[1] - a[1]);
  if (chosen && !entries.some(([value]) => value === chosen)) entries.unshift([chosen, 0]);
  $(selector).innerHTML = `<option value="">${escape(t(allKey))}</option>` + entries.map(([value, count]) =>
    `<option value="${escape(value)}" ${value === chosen ? 'selected' : ''}>${escape(value)} (${count})</option>`).join('');
}

function reviewRow(hit) {
  const confidence = hit.confidence == null ? '–' : Math.round(hit.confidence * 100) + '%';
  const choices = ['positive', 'balanced', 'negative'].map((label) => {
    const machine = label === hit.label;
    const text = machine ? `${t('confirm')}：${t(label)}` : t(label);
    return `<button type="button" class="${label}${machine ? ' machine' : ''}" data-label="${label}">${escape(text)}</button>`;
  }).join('');
  return `<li data-id="${escape(hit.id)}">
    <a class="title" href="/?view=item&id=${encodeURIComponent(hit.id)}">${escape(hit.title)}</a>
    <div class="meta"><span class="label ${hit.label || 'none'}">${escape(labelName(hit.label))}</span>
      ${escape(t('confidence'))} ${escape(confidence)} · ${escape(hit.source)} · ${escape((hit.published || '').slice(0, 10))} · ${escape(hit.language)}</div>
    <p class="snippet">${hit.snippet || ''}</p>
    <div class="choices editor-only" role="group" aria-label="${escape(t('correct'))}">${choices}</div></li>`;
}

async function reviewChoose(button) {
  const row = button.closest('li');
  const id = row.dataset.id;
  const label = button.dataset.label;
  const body = { label };
  if ($('#review-reason').value) body.reason = $('#review-reason').value;
  for (const b of row.querySelectorAll('.choices button')) b.disabled = true;
  try {
    await api(`/api/v1/items/${encodeURIComponent(id)}/label`, { method: 'PUT', body: JSON.stringify(body) });
  } catch (error) {
    for (const b of row.querySelectorAll('.choices button')) b.disabled = false;
    $('#review-status').textContent = error.message;
    return;
  }
  const next = row.nextElementSibling;
  row.classList.add('done');
  row.querySelector('.choices').outerHTML = `<p class="meta reviewed">${escape(t('reviewed'))}: ${escape(t(label))}</p>`;
  state.review.total = Math.max(0, state.review.total - 1);
  reviewTotal();
  $('#review-status').textContent = `${t('reviewed')}: ${row.querySelector('a.title').textContent} → ${t(label)}`;
  // keyboard flow: the next item's buttons take the focus
  const target = next && next.querySelector('.choices button.machine, .choices button');
  if (target) target.focus();
}

$('#review-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const query = new URLSearchParams({ view: 'review' });
  for (const name of ['source', 'lang']) {
    const value = $('#review-' + name).value;
    if (value) query.set(name, value);
  }
  go(query.toString());
});

$('#review-more').addEventListener('click', async () => {
  const request = new URLSearchParams(state.review.request);
  request.set('cursor', state.review.cursor);
  const page = await api('/api/v1/review?' + request);
  $('#review-list').insertAdjacentHTML('beforeend', (page.items || page.hits || []).map(reviewRow).join(''));
  state.review.cursor = page.next || page.cursor || null;
  $('#review-more').hidden = !state.review.cursor;
});

// ---- source health

/** ok, failing (the last visit failed), disabled, or never visited. */
function sourceStatus(s) {
  if (!s.enabled) return 'disabled';
  if (s.lastError && (!s.lastSuccess || new Date(s.lastError) >= new Date(s.lastSuccess))) return 'failing';
  return s.lastSuccess ? 'ok' : 'never';
}

async function showSources() {
  show('sources');
  const data = await api('/api/v1/sources');
  const order = { failing: 0, never: 1, ok: 2, disabled: 3 };
  const sources = (data.sources || []).map((s) => ({ ...s, id: s.id ?? s.source, status: sourceStatus(s) }))
    .sort((a, b) => order[a.status] - order[b.status] || String(a.name).localeCompare(String(b.name)));
  const failing = sources.filter((s) => s.status === 'failing').length;
  $('#sources-summary').textContent = `${sources.length} ${t('sourcesSummary')} ${failing}`;
  const cell = (key, html, extra = '') => `<td data-th="${escape(t(key))}"${extra}>${html}</td>`;
  $('#source-health tbody').innerHTML = sources.map((s) => `<tr data-source="${escape(s.id)}" data-status="${s.status}">
    ${cell('source', `<a href="/?view=search&source=${encodeURIComponent(s.id)}">${escape(s.name || s.id)}</a>`
      + (s.important ? ` <span class="star" title="${escape(t('important'))}" aria-label="${escape(t('important'))}">★</span>` : ''))}
    ${cell('status', `<span class="status ${s.status}">${escape(t(s.status))}</span>`)}
    ${cell('last7Days', escape(String(s.itemsLast7Days ?? '–')), ' class="number"')}
    ${cell('lastSuccess', escape(when(s.lastSuccess)))}
    ${cell('lastError', s.lastError ? `${escape(when(s.lastError))}<div class="meta">${escape(s.lastErrorMessage || '')}</div>` : '–')}
    ${cell('nextVisit', escape(s.enabled ? when(s.nextVisit) : '–'))}
  </tr>`).join('');
}

// ---- events

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href^="/?"], a[data-view]');
  if (link && !event.ctrlKey && !event.metaKey) {
    event.preventDefault();
    const href = link.getAttribute('href');
    go(href.startsWith('/?') ? href.slice(2) : 'view=' + link.dataset.view);
    return;
  }
  const choice = event.target.closest('#review-list .choices button');
  if (choice) {
    reviewChoose(choice);
    return;
  }
  const facet = event.target.closest('#facets button');
  if (facet) {
    const query = params();
    if (query.get(facet.dataset.param) === facet.dataset.value) query.delete(facet.dataset.param);
    else query.set(facet.dataset.param, facet.dataset.value);
    query.set('view', 'search');
    go(query.toString());
  }
});

document.addEventListener('change', (event) => {
  if (event.target.classList.contains('pick')) updateSelection();
});

$('#search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const query = new URLSearchParams({ view: 'search' });
  for (const [name, value] of new FormData(event.target)) if (value) query.set(name, value);
  go(query.toString());
});

$('#year-form').addEventListener('submit', (event) => {
  event.preventDefault();
  go('view=dashboard&year=' + encodeURIComponent($('#year').value));
});

$('#more').addEventListener('click', async () => {
  const request = new URLSearchParams(state.request);
  request.set('cursor', state.cursor);
  const page = await api('/api/v1/search?' + request);
  $('#results').insertAdjacentHTML('beforeend', page.items.map(result).join(''));
  state.cursor = page.next || null;
  $('#more').hidden = !state.cursor;
});

$('#bulk').addEventListener('submit', async (event) => {
  event.preventDefault();
  const items = [...document.querySelectorAll('.pick:checked')].map((box) => box.value);
  if (!items.length) return;
  const body = { items, label: $('#bulk-label').value };
  if ($('#bulk-reason').value) body.reason = $('#bulk-reason').value;
  await api('/api/v1/labels', { method: 'POST', body: JSON.stringify(body) });
  await showSearch();
});

$('#signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await api('/login', { method: 'POST', body: JSON.stringify({ token: $('#token').value }) });
    $('#token').value = '';
    $('#signin-error').textContent = '';
    await whoAmI();
    route();
  } catch (error) {
    $('#signin-error').textContent = t('badToken');
  }
});

$('#signin-open').addEventListener('click', () => {
  show('signin');
  $('#token').focus();
});

$('#signout').addEventListener('click', async () => {
  await api('/logout', { method: 'POST' });
  state.me = null;
  state.csrf = null;
  await whoAmI();
  route();
});

$('#language').addEventListener('click', () => {
  state.lang = state.lang === 'en' ? 'zh-Hant' : 'en';
  localStorage.setItem('lang', state.lang);
  route();
});

window.addEventListener('popstate', route);
whoAmI().then(route);
