"""A tree for HTML nested deeper than libxml2 will go (it stops at 256, or 2048 with huge_tree,
and drops the rest of the page): Python's tokenizer builds the tree, and elements opened beyond
``MAX_DEPTH`` are kept as siblings at that depth, so every bit of text is still read in order."""
from __future__ import annotations

from html.parser import HTMLParser

MAX_DEPTH = 1000
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
         "track", "wbr"}


def deep_document(text: str):
    import lxml.html
    builder = _Builder(lxml.html.Element("html"))
    builder.feed(text)
    builder.close()
    return builder.root


class _Builder(HTMLParser):
    def __init__(self, root):
        super().__init__(convert_charrefs=True)
        self.root = root
        self.stack = [root]
        self.overflow: list[str] = []   # tags opened beyond MAX_DEPTH, not nested further
        self.last = None                # the element whose tail takes the next text

    def handle_starttag(self, tag, attrs):
        import lxml.html
        element = lxml.html.Element(tag if tag.isidentifier() else "span")
        for attr_name, attr_value in attrs:
            if attr_name.isidentifier() and attr_value is not None:
                element.set(attr_name, attr_value)
        self.stack[-1].append(element)
        self.last = None
        if tag in _VOID:
            self.last = element
        elif len(self.stack) >= MAX_DEPTH:
            self.overflow.append(tag)
            self.last = element
        else:
            self.stack.append(element)

    def handle_endtag(self, tag):
        if self.overflow:
            if tag in self.overflow:
                while self.overflow and self.overflow.pop() != tag:
                    pass
            return
        for k in range(len(self.stack) - 1, 0, -1):
            if self.stack[k].tag == tag:
                self.last = self.stack[k]
                del self.stack[k:]
                return

    def handle_data(self, data):
        if self.last is not None:
            self.last.tail = (self.last.tail or "") + data
        else:
            parent = self.stack[-1]
            parent.text = (parent.text or "") + data
