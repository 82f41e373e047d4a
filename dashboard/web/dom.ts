/**
 * Builds elements with text through `textContent` only, never `innerHTML`: van and
 * compartment ids come from the network.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: { className?: string; testId?: string; title?: string } = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (attrs.className) node.className = attrs.className;
  if (attrs.testId) node.dataset.testid = attrs.testId;
  if (attrs.title) node.title = attrs.title;
  node.append(...children);
  return node;
}
