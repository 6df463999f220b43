// The applicant's page: the status of one application and the reasons for its decision, by id.
import { announce, call, element, problem, spoken } from '/assets/api.js';

const page = Object.fromEntries(
  ['lookup', 'application-id', 'messages', 'result', 'result-title', 'status', 'reasons-title',
    'reasons', 'policy'].map((id) => [id, document.getElementById(id)]),
);

// A pending application is decided within seconds; the page asks again until it is.
const POLL_INTERVAL_MS = 2000;
const POLL_ATTEMPTS = 60;

const EXPLAINED = {
  PENDING: 'Your application is being assessed. This page checks again every few seconds.',
  PRE_APPROVED: 'You prequalify for the loan. The lender will contact you for the full application.',
  REJECTED: 'You do not prequalify for the loan at present.',
  MANUAL_REVIEW: 'A reviewer at the lender is looking at your application.',
};

let polling = null;

async function show(id, attempt = 0) {
  clearTimeout(polling);
  const answer = await call('GET', `/applications/${encodeURIComponent(id)}/status`);
  if (!answer.ok) {
    page.result.hidden = true;
    announce(page.messages, problem(answer), 'error');
    return;
  }
  const { status, reasons = [], policy_version: policy } = answer.body;
  announce(page.messages, '');
  page.result.hidden = false;
  page.status.replaceChildren(
    element('span', { class: `badge ${status}` }, spoken(status)),
    ' ',
    EXPLAINED[status],
  );
  page['reasons-title'].hidden = reasons.length === 0;
  page.reasons.replaceChildren(
    ...reasons.map((reason) =>
      element(
        'li',
        { 'data-code': reason.code },
        element('p', {}, reason.message),
        element('p', { lang: 'hi' }, reason.message_hindi),
      ),
    ),
  );
  page.policy.textContent = policy ? `Decided under lending policy ${policy}.` : '';
  if (status === 'PENDING' && attempt < POLL_ATTEMPTS) {
    polling = setTimeout(() => show(id, attempt + 1), POLL_INTERVAL_MS);
  }
}

// The id rides in the fragment, so a bookmark finds the application again, and the page's own
// request, which any proxy on the way may log, never carries it.
async function lookUp(event) {
  event.preventDefault();
  const id = page['application-id'].value.trim();
  history.replaceState(null, '', `#${id}`);
  await show(id);
  if (!page.result.hidden) {
    page['result-title'].focus();
  }
}

page.lookup.addEventListener('submit', lookUp);
const bookmarked = decodeURIComponent(location.hash.slice(1));
if (bookmarked) {
  page['application-id'].value = bookmarked;
  show(bookmarked);
}
