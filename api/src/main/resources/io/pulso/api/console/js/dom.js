// Builds DOM nodes from data without ever parsing it as HTML: attributes via setAttribute, text via text nodes.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'value') node.value = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

/** A state badge: the word is always there; colour and symbol only repeat it. */
export function badge(state, label = state) {
  return el('span', { class: 'badge state-' + String(state).replace(/[^a-z_]/g, ''), dataset: { state } }, label);
}

/** A link only to http(s) addresses: a value from the API never becomes a javascript: URL. */
export function externalLink(url, text) {
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return null;
  return el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, text);
}

export function runLink(runId, text = runId) {
  return el('a', { href: '#/run/' + encodeURIComponent(runId), class: 'run-link', dataset: { runId } }, text);
}

export function options(select, values, selected) {
  for (const [value, label] of values) {
    select.append(el('option', { value, selected: value === selected }, label));
  }
  return select;
}
