// What both pages share: calling the service's JSON API and building the page from its answers.

/**
 * Calls the API of this origin. Without credentials (the API keeps no session and sets no cookie):
 * then a 401 comes back to the page, which shows its message, instead of opening the browser's own
 * sign-in dialog for the Basic challenge.
 */
export async function call(method, path, { authorization, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (authorization) {
    headers.Authorization = authorization;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    return { status: 0, ok: false, body: { message: 'The service cannot be reached; try again.' } };
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { message: `The service answered ${response.status} without a readable body.` };
  }
  return { status: response.status, ok: response.ok, body: json };
}

/** The sentence to show for an error answer: its message, and each field's complaint. */
export function problem(answer) {
  const body = answer.body || {};
  const head = body.message || body.error || `The service answered ${answer.status}`;
  const fields = (body.details || []).map((detail) => `${detail.field} ${detail.message}`);
  return fields.length ? `${head}: ${fields.join('; ')}.` : head;
}

/** An element with attributes and children; text is always set as text, never parsed as HTML. */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name.startsWith('on')) {
      node.addEventListener(name.slice(2), value);
    } else {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

const RUPEES = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' });
const TIME = new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeStyle: 'short' });

export function rupees(amount) {
  return amount === null || amount === undefined ? '–' : RUPEES.format(amount);
}

export function time(instant) {
  return instant ? TIME.format(new Date(instant)) : '–';
}

/** A status as people read it: PRE_APPROVED becomes "Pre-approved". */
export function spoken(constant) {
  const words = String(constant).toLowerCase().replaceAll('_', ' ').replace(/^pre /, 'pre-');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Shows a message in a live region: assistive technology reads it out as it appears. */
export function announce(region, message, kind = 'info') {
  region.replaceChildren(message ? element('p', { class: kind }, message) : '');
}
