// Operator console: every action is a real admin API call with the owning authority's demo token.
// DOM is built with createElement/textContent only (the page runs under Trusted Types).

const STATUSES = [
  'operational',
  'degraded',
  'partial_outage',
  'maintenance',
  'major_outage',
  'unknown',
];
const INCIDENT_STATES = ['investigating', 'identified', 'monitoring', 'resolved'];

const config = await (await fetch('/demo-config.json')).json();
let status;

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === undefined) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.filter((child) => child !== undefined));
  return node;
}

const text = (localized) =>
  localized?.en ?? localized?.da ?? Object.values(localized ?? {})[0] ?? '';
const serviceById = (id) => status.document.services.find((service) => service.id === id);
const tokenFor = (serviceIds) => config.tokens[serviceById(serviceIds[0])?.owner ?? 'digst'];
const local = (iso) => (iso ? new Date(iso).toLocaleString() : '');

function say(message, isError = false) {
  const result = document.getElementById('result');
  result.textContent = message;
  result.classList.toggle('error', isError);
}

async function admin(method, path, body, serviceIds) {
  const response = await fetch(`${config.feed}/admin/${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokenFor(serviceIds)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    const details = (answer.errors ?? []).map((e) => `${e.path}: ${e.message}`).join('; ');
    say(`Not saved (${response.status}): ${details || answer.error || response.statusText}`, true);
    return undefined;
  }
  say(`Saved. The feed is now at revision ${answer.revision}.`);
  return answer;
}

function serviceCard(service) {
  const select = el('select', { id: `status-${service.id}` });
  for (const value of STATUSES) {
    select.append(
      el('option', { value, selected: value === service.status }, value.replace('_', ' ')),
    );
  }
  const message = el('input', {
    id: `status-message-${service.id}`,
    value: text(service.statusMessage),
  });
  return el(
    'li',
    { class: 'card' },
    el('h3', {}, text(service.name)),
    el(
      'p',
      { class: 'meta' },
      `${service.id} · owner ${service.owner} · effective ${status.effective[service.id]?.status ?? 'unknown'}`,
    ),
    el('label', { for: select.id }, 'Own status'),
    select,
    el('label', { for: message.id }, 'Message (English, optional)'),
    message,
    el(
      'button',
      {
        type: 'button',
        onclick: () =>
          admin(
            'PUT',
            `services/${service.id}/status`,
            {
              status: select.value,
              ...(message.value.trim() && { message: { en: message.value.trim() } }),
            },
            [service.id],
          ),
      },
      `Set status of ${text(service.name)}`,
    ),
  );
}

function incidentCard(incident) {
  const state = el('select', { id: `state-${incident.id}` });
  for (const value of INCIDENT_STATES) {
    state.append(el('option', { value, selected: value === incident.state }, value));
  }
  const message = el(
    'textarea',
    { id: `update-${incident.id}` },
    'We have found the cause and are fixing it.',
  );
  const update = (nextState) =>
    admin(
      'POST',
      `incidents/${incident.id}/updates`,
      { state: nextState, message: { en: message.value.trim() || 'Update.' } },
      incident.services,
    );
  return el(
    'li',
    { class: 'card' },
    el('h3', {}, text(incident.title)),
    el(
      'p',
      { class: 'meta' },
      `${incident.impact} · ${incident.state} · since ${local(incident.startedAt)} · ${incident.services.join(', ')}`,
    ),
    el('label', { for: state.id }, 'New state'),
    state,
    el('label', { for: message.id }, 'Update message (English)'),
    message,
    el(
      'div',
      { class: 'buttons' },
      el('button', { type: 'button', onclick: () => update(state.value) }, 'Post update'),
      el(
        'button',
        { type: 'button', onclick: () => update('resolved') },
        `Resolve "${text(incident.title)}"`,
      ),
    ),
  );
}

function maintenanceCard(window) {
  const change = (body) => admin('PATCH', `maintenance/${window.id}`, body, window.services);
  const buttons = [];
  if (window.state === 'scheduled') {
    buttons.push(
      el(
        'button',
        { type: 'button', onclick: () => change({ state: 'in_progress' }) },
        'Start now',
      ),
    );
  }
  buttons.push(
    el('button', { type: 'button', onclick: () => change({ state: 'completed' }) }, 'Complete'),
  );
  buttons.push(
    el('button', { type: 'button', onclick: () => change({ state: 'cancelled' }) }, 'Cancel'),
  );
  return el(
    'li',
    { class: 'card' },
    el('h3', {}, text(window.title)),
    el(
      'p',
      { class: 'meta' },
      `${window.state} · ${local(window.scheduledStart)} – ${local(window.scheduledEnd)} · ${window.services.join(', ')}`,
    ),
    el('div', { class: 'buttons' }, ...buttons),
  );
}

function serviceChoices(container, name) {
  container.replaceChildren(
    ...status.document.services.map((service) =>
      el(
        'div',
        { class: 'checkbox' },
        el('input', {
          type: 'checkbox',
          id: `${name}-${service.id}`,
          name: 'services',
          value: service.id,
          checked: service.id === 'eid',
        }),
        el('label', { for: `${name}-${service.id}` }, text(service.name)),
      ),
    ),
  );
}

function render() {
  document.getElementById('services').replaceChildren(...status.document.services.map(serviceCard));
  const open = status.document.incidents.filter((incident) => incident.state !== 'resolved');
  document
    .getElementById('incidents')
    .replaceChildren(
      ...(open.length ? open.map(incidentCard) : [el('li', {}, 'No open incidents.')]),
    );
  const active = status.document.maintenance.filter(
    (m) => m.state === 'scheduled' || m.state === 'in_progress',
  );
  document
    .getElementById('maintenance')
    .replaceChildren(
      ...(active.length ? active.map(maintenanceCard) : [el('li', {}, 'No maintenance planned.')]),
    );
}

function formValues(form) {
  const data = new FormData(form);
  return {
    services: data.getAll('services').map(String),
    title: { da: String(data.get('title-da')), en: String(data.get('title-en')) },
    message: { da: String(data.get('message-da')), en: String(data.get('message-en')) },
    keepsWork: data.get('keepsWork') === 'on',
  };
}

document.getElementById('new-incident').addEventListener('submit', (event) => {
  event.preventDefault();
  const values = formValues(event.currentTarget);
  void admin(
    'POST',
    'incidents',
    { ...values, impact: new FormData(event.currentTarget).get('impact') },
    values.services,
  );
});

document.getElementById('new-maintenance').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const values = formValues(form);
  const data = new FormData(form);
  void admin(
    'POST',
    'maintenance',
    {
      ...values,
      scheduledStart: new Date(String(data.get('start'))).toISOString(),
      scheduledEnd: new Date(String(data.get('end'))).toISOString(),
    },
    values.services,
  );
});

async function refresh() {
  // no-store: status.json is cacheable for 5 s, and the console must show each change at once.
  status = await (await fetch(`${config.feed}/status.json`, { cache: 'no-store' })).json();
  render();
}

// Default window: tomorrow 22.00–02.00 in the operator's local time.
const tomorrow = new Date(Date.now() + 86_400_000);
tomorrow.setHours(22, 0, 0, 0);
const pad = (n) => String(n).padStart(2, '0');
const inputValue = (d) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
document.getElementById('maintenance-start').value = inputValue(tomorrow);
document.getElementById('maintenance-end').value = inputValue(
  new Date(tomorrow.getTime() + 4 * 3_600_000),
);

await refresh();
for (const container of document.querySelectorAll('[data-services]')) {
  serviceChoices(container, container.closest('form').id);
}
// Live: refetch the document whenever the feed reports a change.
const stream = new EventSource(`${config.feed}/stream`);
for (const type of ['snapshot', 'service', 'incident', 'maintenance', 'removed']) {
  stream.addEventListener(type, () => void refresh());
}
