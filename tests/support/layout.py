"""What a person checks on a small screen: every visible button whole and
inside the window.  Shared by tests/ui and tools/screenshots.py."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget


def cut_off_controls(top: QWidget) -> list[str]:
    """Visible buttons outside ``top`` or whose text does not fit them."""
    inside = QRect(0, 0, top.width(), top.height())
    found = []
    for button in top.findChildren(QAbstractButton):
        if not button.isVisible() or not button.text():
            continue
        where = QRect(button.mapTo(top, button.rect().topLeft()), button.size())
        name = button.text().replace("&", "")
        if not inside.contains(where):
            found.append(f"{name}: outside the window")
        elif button.fontMetrics().horizontalAdvance(name) + 6 > button.width():
            found.append(f"{name}: text cut")
    return found


def partly_hidden_controls(top: QWidget) -> list[str]:
    """Visible buttons that something around them (a scrolling area, a
    splitter) shows only in part."""
    found = []
    for button in top.findChildren(QAbstractButton):
        if not button.isVisible() or not button.text():
            continue
        shown = button.visibleRegion().boundingRect()
        if not shown.isEmpty() and shown != button.rect():
            found.append(f"{button.text().replace('&', '')}: partly hidden")
    return found


def sideways_scrolling(top: QWidget) -> list[str]:
    """Visible lists and tables that hide part of their rows sideways: the
    end of a line (often what to do) is only reached by scrolling."""
    from PySide6.QtWidgets import QAbstractItemView

    found = []
    for view in top.findChildren(QAbstractItemView):
        if view.isVisible() and view.horizontalScrollBar().isVisible():
            name = view.accessibleName() or type(view).__name__
            found.append(f"{name}: scrolls sideways")
    return found


def cut_hints(top: QWidget) -> list[str]:
    """Visible empty fields whose hint (placeholder) does not fit them."""
    from PySide6.QtWidgets import QLineEdit

    found = []
    for edit in top.findChildren(QLineEdit):
        hint = edit.placeholderText()
        if not edit.isVisible() or edit.text() or not hint:
            continue
        if edit.parent() is not None and edit.parent().inherits("QAbstractSpinBox"):
            continue
        if edit.fontMetrics().horizontalAdvance(hint) > edit.width() - 12:
            found.append(f"{hint[:40]}: hint cut")
    return found


def clipped_text(top: QWidget) -> list[str]:
    """Visible labels whose text does not fit them: wrapped text taller than
    the label, or one line wider than it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    found = []
    for label in top.findChildren(QLabel):
        text = label.text()
        if not label.isVisible() or not text or label.textFormat() == Qt.TextFormat.RichText:
            continue
        if "<" in text and label.textFormat() == Qt.TextFormat.AutoText:
            continue  # rich text: its width is not the plain text's
        if label.buddy() is not None:  # the Alt letter's "&" is not drawn
            text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
        name = text.splitlines()[0][:40]
        margins = label.contentsMargins()
        width = label.width() - margins.left() - margins.right()
        if label.wordWrap():
            if label.heightForWidth(label.width()) > label.height() + 2:
                found.append(f"{name}: text cut at the bottom")
        elif (
            max(label.fontMetrics().horizontalAdvance(line) for line in text.splitlines())
            > width + 2
        ):
            found.append(f"{name}: text cut at the side")
    return found


def overlapping(top: QWidget) -> list[str]:
    """Visible widgets that a layout placed over one another: it had less
    room than they need (widgets placed by hand, as a picture in a picture,
    are left out)."""
    from PySide6.QtWidgets import QLayout

    def laid_out(layout: QLayout) -> list[QWidget]:
        found: list[QWidget] = []
        for i in range(layout.count()):
            item = layout.itemAt(i)
            widget, inner = item.widget(), item.layout()
            if widget is not None and widget.isVisible():
                found.append(widget)
            elif inner is not None:
                found += laid_out(inner)
        return found

    found = []
    for parent in [top, *top.findChildren(QWidget)]:
        layout = parent.layout()
        if layout is None or not parent.isVisible():
            continue
        children = [w for w in laid_out(layout) if w.width() > 0 and w.height() > 0]
        for i, one in enumerate(children):
            for other in children[i + 1 :]:
                if one.geometry().intersects(other.geometry()):
                    found.append(f"{_name(one)} over {_name(other)}")
    return found


def _name(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    shown = text() if callable(text) else ""
    return f"{type(widget).__name__} {str(shown)[:30]!r}" if shown else type(widget).__name__


def unnamed_controls(top: QWidget) -> list[str]:
    """Visible controls a screen reader could only call "button" or "edit":
    no text of their own, no accessible name, no label pointing at them."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    named = {id(label.buddy()) for label in top.findChildren(QLabel) if label.buddy() is not None}
    found = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisible() or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.accessibleName() or id(widget) in named:
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            continue
        if widget.parent() is not None and widget.parent().inherits("QAbstractSpinBox"):
            continue  # the line edit inside a spin box or date edit: the box is named
        if widget.parent() is not None and widget.parent().inherits("QComboBox"):
            continue
        found.append(f"{type(widget).__name__} {widget.objectName()}".strip())
    return found


def mnemonic(text: str) -> str | None:
    """The Alt letter of a text (``&&`` is a plain ampersand), lower case."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].lower()
            i += 1
        i += 1
    return None


def duplicate_mnemonics(top: QWidget) -> list[str]:
    """Alt letters given to more than one control of ``top`` (buttons, labels
    with a buddy, group boxes, tabs): Alt+letter would reach only one of them."""
    from PySide6.QtWidgets import QGroupBox, QLabel, QTabWidget

    texts: list[str] = []
    for button in top.findChildren(QAbstractButton):
        if button.isVisibleTo(top) and button.text():
            texts.append(button.text())
    for label in top.findChildren(QLabel):
        if label.isVisibleTo(top) and label.buddy() is not None:
            texts.append(label.text())
    for box in top.findChildren(QGroupBox):
        if box.isVisibleTo(top) and box.title():
            texts.append(box.title())
    for tabs in top.findChildren(QTabWidget):
        if tabs.isVisibleTo(top):
            texts += [tabs.tabText(i) for i in range(tabs.count())]
    seen: dict[str, list[str]] = {}
    for text in texts:
        letter = mnemonic(text)
        if letter is not None:
            seen.setdefault(letter, []).append(text.replace("&", ""))
    return [
        f"Alt+{letter}: {' / '.join(names)}" for letter, names in seen.items() if len(names) > 1
    ]


def cut_columns(top: QWidget) -> list[str]:
    """Visible tables whose cells do not show their text: columns running
    past the right edge with no scroll bar to reach them, or a cell narrower
    than its text (than its longest word, where the table wraps)."""
    import re

    from PySide6.QtWidgets import QTableView

    found = []
    for view in top.findChildren(QTableView):
        if not view.isVisible() or view.model() is None:
            continue
        name = view.accessibleName() or type(view).__name__
        if view.horizontalScrollBar().isVisible():
            continue  # reported by ``sideways_scrolling``
        if view.horizontalHeader().length() > view.viewport().width() + 1:
            found.append(f"{name}: columns cut at the right edge")
            continue
        model, metrics = view.model(), view.fontMetrics()
        cut = set()
        for row in range(model.rowCount()):
            if view.isRowHidden(row):
                continue
            for column in range(model.columnCount()):
                if view.isColumnHidden(column) or column in cut:
                    continue
                text = str(model.index(row, column).data() or "")
                # Where the table wraps, a line may break at a space or after a hyphen.
                parts = re.split(r"\s+|(?<=-)", text) if view.wordWrap() else text.splitlines()
                widest = max((metrics.horizontalAdvance(part) for part in parts), default=0)
                if widest + 4 > view.columnWidth(column):
                    cut.add(column)
                    title = model.headerData(column, Qt.Orientation.Horizontal)
                    found.append(f"{name}: column {title!r} cut ({text.splitlines()[0][:30]!r})")
    return found
