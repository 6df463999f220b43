// The reviewer console: sign in, work the queue, read an application and its audit trail, claim,
// decide and confirm. Everything it shows and does goes through the staff endpoints of the API.
import { announce, call, element, problem, rupees, spoken, time } from '/assets/api.js';

// Per tab and gone with it: a shared machine keeps no reviewer signed in.
const SESSION = 'prequal.console';

const page = Object.fromEntries(
  [
    'messages', 'signed-in', 'reviewer', 'sign-out', 'sign-in', 'sign-in-form', 'username',
    'password', 'token', 'queue', 'queue-title', 'queue-filter', 'state', 'overdue-only',
    'queue-table', 'queue-empty', 'application', 'application-title', 'application-facts',
    'reasons', 'task', 'claim', 'confirm', 'decision-form', 'reason-codes', 'note', 'events', 'back',
  ].map((id) => [id, document.getElementById(id)]),
);

let session = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
let opened = null;

function staffCall(method, path, body) {
  return call(method, path, { authorization: session && session.authorization, body }).then(
    (answer) => {
      if (answer.status === 401) {
        signOut();
      }
      return answer;
    },
  );
}

function base64(text) {
  return btoa(String.fromCodePoint(...new TextEncoder().encode(text)));
}

/** Who a bearer token names, for the page header only; the service decides who is who. */
function tokenHolder(token) {
  try {
    const claims = JSON.parse(atob(token.split('.')[1].replaceAll('-', '+').replaceAll('_', '/')));
    return claims.preferred_username || claims.sub || 'token holder';
  } catch {
    return 'token holder';
  }
}

async function signIn(event) {
  event.preventDefault();
  const token = page.token.value.trim();
  const name = page.username.value.trim();
  const candidate = token
    ? { authorization: `Bearer ${token}`, reviewer: tokenHolder(token) }
    : { authorization: `Basic ${base64(`${name}:${page.password.value}`)}`, reviewer: name };
  const answer = await call('GET', '/reviews', { authorization: candidate.authorization });
  if (!answer.ok) {
    announce(page.messages, problem(answer), 'error');
    return;
  }
  session = candidate;
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  page['sign-in-form'].reset();
  announce(page.messages, `Signed in as ${session.reviewer}.`);
  showQueue(answer.body.reviews);
}

function signOut() {
  session = null;
  opened = null;
  sessionStorage.removeItem(SESSION);
  page['signed-in'].hidden = true;
  page.queue.hidden = true;
  page.application.hidden = true;
  page['sign-in'].hidden = false;
  announce(page.messages, 'Signed out.');
  page.username.focus();
}

async function loadQueue(event) {
  if (event) {
    event.preventDefault();
  }
  const query = new URLSearchParams();
  if (page.state.value) {
    query.set('state', page.state.value);
  }
  if (page['overdue-only'].checked) {
    query.set('overdue', 'true');
  }
  const answer = await staffCall('GET', `/reviews?${query}`);
  if (!answer.ok) {
    announce(page.messages, problem(answer), 'error');
    return;
  }
  showQueue(answer.body.reviews);
}

function showQueue(reviews) {
  page['sign-in'].hidden = true;
  page.application.hidden = true;
  page['signed-in'].hidden = false;
  page.reviewer.textContent = session.reviewer;
  page.queue.hidden = false;
  page['queue-empty'].hidden = reviews.length > 0;
  page['queue-table'].hidden = reviews.length === 0;
  page['queue-table'].tBodies[0].replaceChildren(
    ...reviews.map((task) =>
      element(
        'tr',
        { 'data-review-id': task.review_id },
        element(
          'td',
          {},
          element(
            'button',
            {
              type: 'button',
              class: 'secondary',
              'aria-label': `Open application ${task.application_id}`,
              onclick: () => openApplication(task.application_id),
            },
            task.application_id,
          ),
        ),
        element('td', {}, spoken(task.loan_type)),
        element('td', { class: 'amount' }, rupees(task.loan_amount_inr)),
        element(
          'td',
          {},
          time(task.due_at),
          task.overdue ? [' ', element('span', { class: 'badge overdue' }, 'Overdue')] : null,
        ),
        element('td', {}, element('span', { class: `badge ${task.state}` }, spoken(task.state))),
        element('td', {}, task.claimed_by || '–'),
      ),
    ),
  );
}

async function openApplication(id) {
  const [application, trail] = await Promise.all([
    staffCall('GET', `/applications/${id}`),
    staffCall('GET', `/applications/${id}/events`),
  ]);
  for (const answer of [application, trail]) {
    if (!answer.ok) {
      announce(page.messages, problem(answer), 'error');
      return;
    }
  }
  opened = { application: application.body, events: trail.body.events };
  page.queue.hidden = true;
  page.application.hidden = false;
  showApplication();
  page['application-title'].focus();
}

function facts(list, entries) {
  list.replaceChildren(
    ...entries.flatMap(([term, value]) => [element('dt', {}, term), element('dd', {}, value)]),
  );
}

function measure(factor, value) {
  if (value === null || value === undefined) {
    return '–';
  }
  return factor && factor.endsWith('_inr') ? rupees(value) : String(value);
}

function showApplication() {
  const { application, events } = opened;
  page['application-title'].textContent = `Application ${application.application_id}`;
  facts(page['application-facts'], [
    ['PAN', application.pan_number_masked || 'erased'],
    ['Monthly income', rupees(application.monthly_income_inr)],
    ['Loan amount', rupees(application.loan_amount_inr)],
    ['Loan type', spoken(application.loan_type)],
    ['CIBIL score', application.cibil_score ?? '–'],
    ['Status', element('span', { class: `badge ${application.status}` }, spoken(application.status))],
    ['Policy version', application.policy_version || '–'],
    ['Submitted', time(application.created_at)],
    ['Decided', time(application.decided_at)],
    ['Decided by', application.decided_by || '–'],
  ]);
  page.reasons.tBodies[0].replaceChildren(
    ...application.reasons.map((reason) =>
      element(
        'tr',
        {},
        element('td', {}, element('code', {}, reason.code)),
        element('td', {}, reason.factor || '–'),
        element('td', { class: 'amount' }, measure(reason.factor, reason.observed)),
        element('td', { class: 'amount' }, measure(reason.factor, reason.threshold)),
        element('td', {}, reason.message),
      ),
    ),
  );
  showTask(application.review);
  page.events.tBodies[0].replaceChildren(
    ...events.map((event) =>
      element(
        'tr',
        {},
        element('td', {}, time(event.at)),
        element(
          'td',
          {},
          event.action
            ? spoken(event.action)
            : `${event.from_status ? spoken(event.from_status) : 'Submitted'} → ${spoken(event.to_status)}`,
        ),
        element('td', {}, event.actor || '–'),
        element('td', {}, event.reason_codes.join(', ') || '–'),
        element('td', {}, event.note || '–'),
      ),
    ),
  );
}

/** The application's review task, if it went to review, and what the signed-in reviewer may do. */
function showTask(task) {
  if (!task) {
    facts(page.task, [['State', 'Not referred to review']]);
    page.claim.hidden = true;
    page['decision-form'].hidden = true;
    page.confirm.hidden = true;
    return;
  }
  facts(page.task, [
    ['State', element('span', { class: `badge ${task.state}` }, spoken(task.state))],
    ['Due', [time(task.due_at), task.overdue ? ' (overdue)' : '']],
    ['Claimed by', task.claimed_by || '–'],
    ['Claim lapses', time(task.claimed_until)],
    ['Proposed', task.proposed_outcome ? `${spoken(task.proposed_outcome)} by ${task.proposed_by}` : '–'],
  ]);
  const holding = task.state === 'claimed' && task.claimed_by === session.reviewer;
  page.claim.hidden = holding || !['open', 'claimed'].includes(task.state);
  page['decision-form'].hidden = !holding;
  page.confirm.hidden = task.state !== 'awaiting_confirmation';
}

/**
 * Claims, decides or confirms the opened task, then shows the application as it now stands; false
 * when the service refused, the reason shown and the form left as the reviewer filled it.
 */
async function act(step, body, done) {
  const { application } = opened;
  const answer = await staffCall('POST', `/reviews/${application.review.review_id}/${step}`, body);
  if (!answer.ok) {
    announce(page.messages, problem(answer), 'error');
    return false;
  }
  await openApplication(application.application_id);
  announce(page.messages, done(answer.body));
  return true;
}

function decide(event) {
  event.preventDefault();
  const form = new FormData(page['decision-form']);
  const body = { outcome: form.get('outcome'), reason_codes: form.getAll('reason_code') };
  const note = form.get('note').trim();
  if (note) {
    body.note = note;
  }
  act('decision', body, (task) =>
    task.state === 'awaiting_confirmation'
      ? 'Approval proposed; a second reviewer must confirm it.'
      : `Decided: ${spoken(body.outcome)}.`,
  ).then((recorded) => recorded && page['decision-form'].reset());
}

/** The reviewers' reason codes, as the contract lists them, so the console never lags behind. */
async function loadReasonCodes() {
  const answer = await call('GET', '/openapi.json');
  const codes = answer.ok
    ? answer.body.components.schemas.ReviewerDecision.properties.reason_codes.items.enum
    : [];
  page['reason-codes'].append(
    ...codes.map((code) =>
      element(
        'div',
        {},
        element('input', { id: `reason-${code}`, name: 'reason_code', type: 'checkbox', value: code }),
        element('label', { for: `reason-${code}` }, spoken(code)),
      ),
    ),
  );
}

page['sign-in-form'].addEventListener('submit', signIn);
page['sign-out'].addEventListener('click', signOut);
page['queue-filter'].addEventListener('submit', loadQueue);
page.back.addEventListener('click', () => loadQueue().then(() => page['queue-title'].focus()));
page.claim.addEventListener('click', () => act('claim', undefined, () => 'Claimed.'));
page.confirm.addEventListener('click', () =>
  act('confirmation', undefined, () => 'Approval confirmed.'),
);
page['decision-form'].addEventListener('submit', decide);

loadReasonCodes();
if (session) {
  loadQueue();
} else {
  page.username.focus();
}
