/**
 * The slice of the DOM the HTML importer uses. linkedom implements it; declaring it here keeps the
 * project's `lib` free of the browser DOM typings.
 */
export interface DomNode {
  textContent: string | null;
  parentElement: DomElement | null;
}

export interface DomElement extends DomNode {
  tagName: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement> & { length: number };
  remove(): void;
  replaceWith(...nodes: (DomNode | string)[]): void;
}

export interface DomDocument {
  title: string;
  documentElement: DomElement;
  body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement> & { length: number };
  createTextNode(text: string): DomNode;
}
