"""The directive dialog and the saved view's name (the shared form kit is in ``forms.py``)."""
from __future__ import annotations


from textual.app import ComposeResult
from textual.widgets import Select, TextArea

from tracker.domain.dates import format_date
from tracker.domain.docnumbers import TYPE_NAMES, DocNumberError, parse_number
from tracker.domain.text import nfc
from tracker.i18n import _, get_lang
from tracker.tui.widgets.filter_bar import FoldingSuggester

from tracker.tui.screens.form_fields import check_date
from tracker.tui.screens.forms import (BAD, OK, ISSUERS, FieldInput, FormScreen, Hint, Saved, typed_ref)


# ---------------------------------------------------------------------------------------
# directive form


class DirectiveForm(FormScreen):
    """New directive (``directive`` None) or the edit of ``directive`` (a DirectiveView)."""

    def __init__(self, directives, directive=None) -> None:
        self.editing = directive
        directives = list(directives)
        parent = next((d for d in directives if directive is not None and d.id == directive.parent_id), None)
        self.parent_text = typed_ref(parent.number, parent.issue_date, directives) if parent else ""
        # (the one edited cannot implement itself: not offered as its own parent)
        self.directives = [d for d in directives if directive is None or d.id != directive.id]
        super().__init__()
        if directive is None:
            self.title_text = _("tui.form.new_directive")
        else:
            self.title_text = _("tui.form.edit_directive", number=directive.number)
            self.subtitle_text = directive.title

    def compose_fields(self) -> ComposeResult:
        d = self.editing
        yield self.field("col.number", FieldInput(
            d.number if d else "", id="number", placeholder="67/KH-UBND, 320-KL/TU, 31/2019/NQ-HĐND"))
        yield Hint(id="number-hint")
        lang = get_lang()
        types = [(f"{code} — {names[0] if lang == 'vi' else names[1]}", code)
                 for code, names in TYPE_NAMES.items()]
        chosen = {"value": d.type_code} if d and d.type_code in TYPE_NAMES else {}
        yield self.field("col.type", Select(
            types, prompt=_("tui.form.type_none"), id="type_code", compact=True, **chosen))
        yield self.field("col.issuer", FieldInput(d.issuer if d else "", id="issuer", suggester=FoldingSuggester(
            list(ISSUERS) + [x.issuer for x in self.directives])))
        yield Hint(id="issuer-hint")
        yield self.field("tui.form.issue_date", FieldInput(
            format_date(d.issue_date) if d else "", id="date", placeholder="dd/mm/yyyy"))
        yield Hint(id="date-hint")
        yield self.field("col.title", TextArea(
            d.title if d else "", id="title", soft_wrap=True, tab_behavior="focus"))
        yield Hint(id="title-hint")
        yield self.field("col.signer", FieldInput(d.signer if d else "", id="signer"))
        yield self.field("col.parent", FieldInput(
            self.parent_text, id="parent",
            suggester=FoldingSuggester([x.number for x in self.directives]),
            placeholder=_("tui.form.parent_placeholder")))
        yield Hint(id="parent-hint")

    def refresh_hints(self) -> None:
        number = self.value("number")
        if not number:
            self.hint("number", _("tui.form.required"), "bad")
        else:
            try:
                parsed = parse_number(number)
            except DocNumberError as error:
                self.hint("number", f"{BAD} {error.message(get_lang())}", "bad")
            else:
                self.hint("number", f"{OK} {parsed.canonical} · {parsed.type_name(get_lang())}", "ok")
        if self.value("issuer") and "issuer" in self.name_fields:
            self.name_fields["issuer"].refresh()
        else:
            self.hint("issuer", _("tui.form.required"), "bad")
        _day, said, state = check_date(self.value("date"), today=self.app.backend.today)
        self.hint("date", said, state)
        self.hint("title", "" if self.value("title") else _("tui.form.required"),
                  "" if self.value("title") else "bad")
        parent = self.value("parent")
        match = [d for d in self.directives if nfc(parent) in (d.number, d.ref)]
        if not parent:
            self.hint("parent", "")
        elif match:
            self.hint("parent", f"{OK} {match[0].number} · {match[0].title}", "ok")
        else:
            self.hint("parent", f"{BAD} " + _("tui.form.directive_unknown"), "bad")

    def check(self) -> dict[str, str]:
        problems = {}
        for field_id, key in (("number", "directive.number_required"),
                              ("issuer", "directive.issuer_required"),
                              ("title", "directive.title_required")):
            if not self.value(field_id):
                problems[field_id] = _(key)
        _day, said, state = check_date(self.value("date"), today=self.app.backend.today)
        if state == "bad":
            problems["date"] = said.lstrip(BAD + " ")
        return problems

    def on_mount(self) -> None:
        from tracker.tui.completion import complete_from_register
        from tracker.tui.screens.names import NameField

        self.name_fields["issuer"] = NameField(self, "issuer", "issuer")
        complete_from_register(self, "issuer", "issuer")
        super().on_mount()

    def save(self) -> Saved:
        number = self.value("number")
        self.name_fields["issuer"].question(self.value("issuer"))
        if self.editing is not None:
            return self._save_edit(number)
        outcome = self.app.backend.add_directive(
            number, type_code=self.value("type_code") or None,  # (none chosen: the number's)
            issuer=self.value("issuer"), date=self.value("date"), title=self.value("title"),
            signer=self.value("signer"), parent=self.value("parent") or None)
        view = outcome.value
        return Saved(view, _("msg.directive_added", id=view.id, number=view.number,
                             date=format_date(view.issue_date)),
                     tuple(_(k, **f) for k, f in outcome.warnings
                           if k != "names.close_added"))  # asked already

    def _save_edit(self, number: str) -> Saved:
        d = self.editing
        outcome = self.app.backend.edit_directive(
            str(d.id), expected_version=d.version, number=number,
            type_code=self.value("type_code") or None,  # (none chosen: as it is)
            issuer=self.value("issuer"), issue_date=self.value("date"), title=self.value("title"),
            signer=self.value("signer"), parent=self.value("parent"))
        view = outcome.value
        return Saved(view, _("msg.directive_saved", id=view.id, number=view.number),
                     tuple(_(k, **f) for k, f in outcome.warnings if k != "names.close_added"))


class ViewNameForm(FormScreen):
    """Save the task list's current filter under a name (the sidebar lists it)."""

    def __init__(self, filters: dict, name: str = "") -> None:
        self.filters = dict(filters)
        self.suggested = name
        super().__init__()
        self.title_text = _("tui.form.save_view")

    def compose_fields(self) -> ComposeResult:
        yield self.field("tui.form.view_name", FieldInput(self.suggested, id="name"))
        yield Hint(_("tui.form.view_hint"), id="name-hint")

    def check(self) -> dict[str, str]:
        return {} if self.value("name") else {"name": _("view.name_required")}

    def save(self) -> Saved:
        outcome = self.app.backend.save_view(self.value("name"), self.filters)
        return Saved(outcome.value, _("tui.views.saved", name=outcome.value.name))
