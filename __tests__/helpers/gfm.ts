// The job summary as a reader sees it: rendered as GitHub Flavored Markdown (markdown-it with
// raw HTML allowed, as GitHub allows it in a step summary), then parsed as HTML (parse5, the
// WHATWG parser) into the elements a browser would build.
import MarkdownIt from 'markdown-it';
import { parseFragment } from 'parse5';

const markdown = new MarkdownIt({ html: true, linkify: false });

interface Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
}

export interface Rendered {
  /** The HTML the Markdown renderer made of the summary. */
  html: string;
  /** Every element, in document order. */
  elements: Element[];
  /** Elements of one tag. */
  all(tag: string): Element[];
  /** The text a reader sees (entities decoded), element by element. */
  text: string;
}

export interface Element {
  tag: string;
  attributes: Record<string, string>;
  text: string;
  children: Element[];
  all(tag: string): Element[];
}

export function renderSummary(summary: string): Rendered {
  const html = markdown.render(summary);
  const root = parseFragment(html) as unknown as Node;
  const elements = walk(root).children;
  const flat = flatten(elements);
  return {
    html,
    elements: flat,
    all: (tag) => flat.filter((element) => element.tag === tag),
    text: textOf(root),
  };
}

function walk(node: Node): Element {
  const children = (node.childNodes ?? []).filter((child) => child.tagName).map(walk);
  const element: Element = {
    tag: node.tagName ?? '#root',
    attributes: Object.fromEntries((node.attrs ?? []).map((a) => [a.name, a.value])),
    text: textOf(node),
    children,
    all: (tag) => flatten(children).filter((e) => e.tag === tag),
  };
  return element;
}

function flatten(elements: Element[]): Element[] {
  return elements.flatMap((element) => [element, ...flatten(element.children)]);
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return node.value ?? '';
  return (node.childNodes ?? []).map(textOf).join('');
}
