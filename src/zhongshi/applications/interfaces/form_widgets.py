"""The web form of a 申报书, rendered from its form version, and the parser of what it posts.

Inputs are named by their JSON path (``basic.platform_name``, ``foundation.equipment[0].value_wan``), so the
same POST serves the plain form (no JavaScript) and the autosave (which posts the form's FormData).
``parse_section`` turns a POST back into the section's answers; input that is not a valid number is kept as
typed (the checker reports it beside the field), so nothing typed is ever lost.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import QueryDict
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from zhongshi.core.errors import DomainError
from zhongshi.formversions.domain.check_answers import Issue, fmt
from zhongshi.formversions.domain.formdef import ChoiceGroup, FieldDef, FormDef, SectionDef
from zhongshi.formversions.domain.paths import (
    MAX_PATH_CHARS,
    BadPathError,
    field_path,
    get_path,
    is_empty,
    parse_path,
    split_row_path,
)

REQUIRED_MARK = mark_safe('<span class="required" aria-hidden="true">*</span>')


# ---------------------------------------------------------------------------------------------- parsing


class BadPostError(DomainError):
    """A POST no page of the form sends (a crafted field name or row index, too many rows): HTTP 400."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="bad_post")


def _bad_name() -> BadPostError:
    return BadPostError(_("The form sent a field name it does not have. Nothing was saved; reload the page and "
                          "enter your changes again."))


def _too_many_rows(item: FieldDef) -> BadPostError:
    return BadPostError(_("“%(label)s” allows at most %(max)s rows. Nothing was saved; remove rows and try again.")
                        % {"label": item.label, "max": item.max_rows})


def row_indices(form: FormDef, section: SectionDef, post: QueryDict) -> dict[str, list[int]]:
    """The row indices each table of ``section`` is posted with, in order; ``BadPostError`` for a field name no
    page sends (too long, too deep, an index of more than 6 digits, rows under a field that is no table) or
    more rows than a table's ``max_rows``. Field names of other sections are left alone (never read)."""
    rows: dict[str, set[int]] = {}
    prefix = f"{section.key}."
    for key in post:
        if len(key) > MAX_PATH_CHARS:
            raise _bad_name()
        if not key.startswith(prefix) or "[" not in key:
            continue
        try:
            parts = parse_path(key)
        except BadPathError as exc:
            raise _bad_name() from exc
        names: list[str] = []
        for number, part in enumerate(parts):
            if isinstance(part, int):
                if isinstance(parts[number - 1], int):
                    raise _bad_name()  # a row of a row: no form has one
                table = ".".join(names)
                if not form.has_field(field_path(table)) or form.field(field_path(table)).type != "table":
                    raise _bad_name()
                rows.setdefault(table, set()).add(part)
                names[-1] = f"{names[-1]}[{part}]"
            else:
                names.append(part)
    for table, indices in rows.items():
        item = form.field(field_path(table))
        if item.max_rows is not None and len(indices) > item.max_rows:
            raise _too_many_rows(item)
    return {table: sorted(indices) for table, indices in rows.items()}


def _convert(kind: str, raw: str) -> Any:
    text = raw.strip()
    if text == "":
        return None
    if len(text) > 24:  # no figure of the form has more digits; kept as typed, the checker says why
        return raw
    if kind == "integer":
        return int(text) if re.fullmatch(r"-?\d+", text) else raw
    if kind in ("decimal", "percent"):
        try:
            value = Decimal(text.replace(",", "").replace("，", ""))
        except InvalidOperation:
            return raw
        if not value.is_finite() or abs(value.adjusted()) > 15:
            return raw
        return int(value) if value == value.to_integral_value() and "." not in text else float(value)
    if kind == "boolean":
        return {"true": True, "false": False}.get(text, raw)
    return raw


def _parse_fields(fields: tuple[FieldDef, ...], post: QueryDict, prefix: str,
                  indices: dict[str, list[int]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for item in fields:
        path = f"{prefix}{item.key}"
        kind = item.type
        if kind in ("computed", "file_list"):
            continue
        if kind == "group":
            value: Any = _parse_fields(item.fields, post, f"{path}.", indices)
            value = {k: v for k, v in value.items() if not is_empty(v)}
        elif kind == "table":
            rows = []
            for index in indices.get(path, []):
                row = _parse_fields(item.columns, post, f"{path}[{index}].", indices)
                rows.append({k: v for k, v in row.items() if v is not None and v != ""})
            value = rows
        elif kind == "multi_choice":
            value = [v for v in post.getlist(path) if v]
        elif kind == "yes_no_detail":
            answer = _convert("boolean", post.get(f"{path}.answer", ""))
            detail = post.get(f"{path}.detail", "")
            value = {"answer": answer, "detail": detail} if answer is not None or detail.strip() else None
            if value is not None and value["answer"] is None:
                value.pop("answer")
        elif kind in ("year_pair", "year_values"):
            keys = ("last_year", "current_year") if kind == "year_pair" else item.years
            vkind = item.value_type or "decimal"
            value = {k: v for k in keys if (v := _convert(vkind, post.get(f"{path}.{k}", ""))) is not None}
        elif kind == "year_month_range":
            value = {k: v for k in ("start", "end") if (v := post.get(f"{path}.{k}", "").strip())}
        else:
            value = _convert(kind, post.get(path, ""))
        if not is_empty(value) or kind == "table":
            data[item.key] = value
        for extra in [d.key for d in item.details] + ([item.other_key] if item.other_key else []):
            text = post.get(f"{prefix}{extra}", "")
            if text.strip():
                data[extra] = text
    return data


def parse_section(form: FormDef, section: SectionDef, post: QueryDict) -> dict[str, Any]:
    """The answers of one section from a POST of its step (``BadPostError`` for what no page sends)."""
    return _parse_fields(section.fields, post, f"{section.key}.", row_indices(form, section, post))


def apply_row_actions(form: FormDef, answers: dict[str, Any], post: QueryDict) -> dict[str, Any]:
    """The no-JavaScript path of adding and removing table rows (``BadPostError`` for a path that names no
    table of the form, or a row past a table's ``max_rows``)."""
    if add := post.get("_add_row"):
        if len(add) > MAX_PATH_CHARS or not form.has_field(add) or form.field(add).type != "table" \
                or form.field(add).in_table:
            raise _bad_name()
        item = form.field(add)
        parent_path, _dot, key = add.rpartition(".")
        parent: Any = answers
        for part in parent_path.split("."):
            parent = parent.setdefault(part, {}) if isinstance(parent, dict) else None
        if isinstance(parent, dict):
            rows = parent.get(key)
            rows = rows if isinstance(rows, list) else []
            if item.max_rows is not None and len(rows) >= item.max_rows:
                raise _too_many_rows(item)
            parent[key] = [*rows, {}]
    if remove := post.get("_remove_row"):
        target = split_row_path(remove) if len(remove) <= MAX_PATH_CHARS else None
        if target is None or not form.has_field(target[0]) or form.field(target[0]).type != "table":
            raise _bad_name()
        table, index = target
        parent_path, _dot, key = table.rpartition(".")
        parent = get_path(answers, parent_path)
        rows = parent.get(key) if isinstance(parent, dict) else None
        if isinstance(rows, list) and index < len(rows):
            parent[key] = rows[:index] + rows[index + 1:]
    return answers


# ---------------------------------------------------------------------------------------------- rendering


class Renderer:
    """Renders one section's fields with their values, errors and warnings (``locked``: paths shown read-only,
    decided by the registration)."""

    def __init__(self, form: FormDef, answers: dict[str, Any], issues: dict[str, list[tuple[str, Issue]]],
                 computed: dict[str, Any], editable: bool = True, locked: frozenset[str] = frozenset()) -> None:
        self.locked = locked
        self.form = form
        self.answers = answers
        self.issues = issues  # path → [(severity, issue)]
        self.computed = computed
        self.editable = editable
        self.instructions = {i.key: i.text for i in form.instructions}
        self.detail_fields: dict[str, FieldDef] = {}

    # -- helpers ---------------------------------------------------------------------------------------

    def _id(self, path: str) -> str:
        return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", path)

    def messages(self, path: str) -> SafeString:
        parts = []
        for severity, issue in self.issues.get(path, []):
            css = {"error": "field-error", "warning": "field-warning", "sensitive": "field-warning"}[severity]
            parts.append(format_html('<p class="{}" data-code="{}">{}</p>', css, issue.code, issue.message))
        return mark_safe("".join(parts))  # noqa: S308 - every part is format_html-escaped

    def help_block(self, item: FieldDef) -> SafeString:
        parts = []
        if item.help:
            parts.append(format_html('<p class="help">{}</p>', item.help))
        for key, text in self.instructions.items():
            if item.note and key in item.note:
                parts.append(format_html('<p class="help note">填表说明{}：{}</p>', key, text))
        return mark_safe("".join(parts))  # noqa: S308

    def _disabled(self) -> str:
        return "" if self.editable else " disabled"

    def _text_input(self, path: str, value: Any, item: FieldDef, *, multiline: bool = False,
                    max_words: int | None = None) -> SafeString:
        text = "" if value is None else str(value)
        counter = ""
        if max_words:
            counter = format_html(' data-max-words="{}"', max_words)
        required = ' aria-required="true"' if item.required else ""
        if path in self.locked and self.editable:
            required += ' readonly aria-readonly="true"'

        if multiline:
            widget = format_html('<textarea id="{}" name="{}" rows="5"{}{}{}>{}</textarea>',
                                 self._id(path), path, mark_safe(counter), mark_safe(required),  # noqa: S308
                                 mark_safe(self._disabled()), text)  # noqa: S308
        else:
            widget = format_html('<input type="text" id="{}" name="{}" value="{}"{}{}{}>', self._id(path), path, text,
                                 mark_safe(counter), mark_safe(required), mark_safe(self._disabled()))  # noqa: S308
        if max_words:
            widget = format_html('{}<p class="word-count" data-for="{}">{}</p>', widget, self._id(path),
                                 _("Limit: %(max)s characters (字)") % {"max": max_words})
        if path in self.locked and self.editable:
            widget = format_html('{}<p class="help">{}</p>', widget,
                                 _("As registered by your organisation; it cannot be changed in the application."))
        return widget

    def _number_input(self, path: str, value: Any, item: FieldDef, kind: str, label: str = "") -> SafeString:
        text = "" if value is None else (fmt(value) if isinstance(value, int | float) and not isinstance(value, bool)
                                         else str(value)).replace(",", "")
        mode = "numeric" if kind == "integer" else "decimal"
        unit = format_html('<span class="unit">{}</span>', item.unit) if item.unit else ""
        aria = format_html(' aria-label="{}"', label) if label else ""
        return format_html('<span class="number-input"><input type="text" inputmode="{}" id="{}" name="{}" value="{}"'
                           '{}{}>{}</span>', mode, self._id(path), path, text, aria,
                           mark_safe(self._disabled()), unit)  # noqa: S308

    def _choice_inputs(self, path: str, item: FieldDef, selected: list[str], *, multiple: bool) -> SafeString:
        kind = "checkbox" if multiple else "radio"
        groups = item.choice_groups or (ChoiceGroup("", item.choices),)
        html = []
        for group in groups:
            boxes = [
                format_html('<label class="choice"><input type="{}" name="{}" value="{}"{}{}> {}</label>',
                            kind, path, choice, mark_safe(" checked" if choice in selected else ""),  # noqa: S308
                            mark_safe(self._disabled()), choice)  # noqa: S308
                for choice in group.items
            ]
            title = format_html('<p class="choice-group-title">{}</p>', group.name) if group.name else ""
            html.append(format_html('<div class="choice-group">{}{}</div>', title, mark_safe("".join(boxes))))  # noqa: S308
        return mark_safe("".join(html))  # noqa: S308

    # -- fields ----------------------------------------------------------------------------------------

    def render_fields(self, fields: tuple[FieldDef, ...], data: dict[str, Any], prefix: str) -> SafeString:
        inline = {item.detail_key: item for item in fields if item.detail_key}  # shown beside their yes/no
        self.detail_fields.update({f"{prefix}{d.key}": d for d in fields if d.key in inline})
        return mark_safe("".join(self.render_field(item, data, f"{prefix}{item.key}")  # noqa: S308
                                 for item in fields if item.key not in inline))

    def render_field(self, item: FieldDef, data: dict[str, Any], path: str) -> str:
        value = data.get(item.key) if isinstance(data, dict) else None
        kind = item.type
        label_for = self._id(path)
        required_mark = REQUIRED_MARK if item.required else ""
        if kind == "computed":
            computed = self.computed.get(item.path)
            shown = "—" if computed is None else (fmt(computed) if isinstance(computed, int | float) else computed)
            return format_html(
                '<div class="field computed" data-path="{}"><span class="label">{}</span>'
                '<span class="computed-value" data-computed="{}">{}{}</span>{}</div>',
                path, item.label, item.path, shown, item.unit if computed is not None else "", self.help_block(item))
        if kind == "file_list":
            return ""
        if kind == "group":
            body = self.render_fields(item.fields, value if isinstance(value, dict) else {}, f"{path}.")
            return format_html('<fieldset class="field group" data-path="{}"><legend>{}{}</legend>{}{}{}</fieldset>',
                               path, item.label, required_mark, self.help_block(item), body, self.messages(path))
        if kind == "table":
            return self.render_table(item, value if isinstance(value, list) else [], path)
        if kind in ("text", "textarea"):
            widget = self._text_input(path, value, item, multiline=kind == "textarea", max_words=item.max_words)
        elif kind in ("integer", "decimal", "percent"):
            widget = self._number_input(path, value, item, kind)
        elif kind == "date":
            widget = format_html('<input type="date" id="{}" name="{}" value="{}"{}>', label_for, path,
                                 value if isinstance(value, str) else "", mark_safe(self._disabled()))  # noqa: S308
        elif kind == "boolean" and item.detail_key:  # ☐否 ☐是，如是，具体为____ (the text in a sibling field)
            detail_path = f"{path.rpartition('.')[0]}.{item.detail_key}"
            detail_item = self.detail_fields.get(detail_path, item)
            widget = format_html('{}<label class="detail">{}{}</label>{}', self._yes_no(path, value),
                                 item.detail_label or _("If yes, describe:"),
                                 self._text_input(detail_path, data.get(item.detail_key), detail_item, multiline=True,
                                                  max_words=detail_item.max_words),
                                 self.messages(detail_path))
        elif kind == "boolean":
            widget = self._yes_no(path, value)
        elif kind in ("choice", "choice_with_other") and item.in_table:
            options = "".join(
                format_html('<option value="{}"{}>{}</option>', choice,
                            mark_safe(" selected" if choice == value else ""), choice)  # noqa: S308
                for choice in item.choices)
            widget = format_html('<select id="{}" name="{}" aria-label="{}"{}><option value="">{}</option>{}</select>',
                                 label_for, path, item.label, mark_safe(self._disabled()), _("Choose"),  # noqa: S308
                                 mark_safe(options))  # noqa: S308
            if item.other_key:
                other_path = path.rsplit(".", 1)[0] + "." + item.other_key
                widget = format_html('{}<label class="detail">{}：{}</label>{}', widget, item.other_item,
                                     self._text_input(other_path, data.get(item.other_key), item),
                                     self.messages(other_path))
        elif kind in ("choice", "choice_with_other"):
            widget = self._choice_inputs(path, item, [value] if isinstance(value, str) else [], multiple=False)
            if item.other_key:
                other_path = path.rsplit(".", 1)[0] + "." + item.other_key if "." in path else item.other_key
                widget = format_html('{}<label class="detail">{}：{}</label>{}', widget, item.other_item,
                                     self._text_input(other_path, data.get(item.other_key), item),
                                     self.messages(other_path))
        elif kind == "multi_choice":
            widget = self._choice_inputs(path, item, value if isinstance(value, list) else [], multiple=True)
            base = path.rsplit(".", 1)[0]
            for detail in item.details:
                detail_path = f"{base}.{detail.key}"
                widget = format_html('{}<label class="detail">{}（{}）{}</label>{}', widget, detail.item, detail.label,
                                     self._text_input(detail_path, data.get(detail.key), item),
                                     self.messages(detail_path))
            if item.max_selected:
                widget = format_html('{}<p class="help">{}</p>', widget,
                                     _("Choose at most %(max)s.") % {"max": item.max_selected})
        elif kind == "yes_no_detail":
            answer = value.get("answer") if isinstance(value, dict) else None
            detail = value.get("detail") if isinstance(value, dict) else ""
            widget = format_html('{}<label class="detail">{}{}</label>{}', self._yes_no(f"{path}.answer", answer),
                                 item.detail_label or _("If yes, describe:"),
                                 self._text_input(f"{path}.detail", detail, item, multiline=True,
                                                  max_words=item.detail_max_words),
                                 self.messages(f"{path}.detail"))
            widget = format_html('{}{}', widget, self.messages(f"{path}.answer"))
        elif kind in ("year_pair", "year_values"):
            keys = ("last_year", "current_year") if kind == "year_pair" else item.years
            labels = self.form.year_labels if kind == "year_pair" else {y: f"{y}年" for y in item.years}
            cells = [format_html('<label class="year-cell"><span>{}</span>{}</label>{}', labels[k],
                                 self._number_input(f"{path}.{k}", (value or {}).get(k) if isinstance(value, dict)
                                                    else None, item, item.value_type or "decimal",
                                                    f"{item.label} {labels[k]}"),
                                 self.messages(f"{path}.{k}"))
                     for k in keys]
            widget = format_html('<div class="year-row">{}</div>', mark_safe("".join(cells)))  # noqa: S308
        elif kind == "year_month_range":
            parts = [format_html('<label class="year-cell"><span>{}</span><input type="month" name="{}.{}" value="{}"'
                                 '{}></label>{}', lab, path, k,
                                 (value or {}).get(k, "") if isinstance(value, dict) else "",
                                 mark_safe(self._disabled()), self.messages(f"{path}.{k}"))  # noqa: S308
                     for k, lab in (("start", _("Start")), ("end", _("End")))]
            widget = format_html('<div class="year-row">{}</div>', mark_safe("".join(parts)))  # noqa: S308
        else:  # pragma: no cover
            widget = escape(str(value))
        return format_html(
            '<div class="field field-{}" data-path="{}"><label class="label" for="{}">{}{}</label>'
            '<div class="control">{}{}{}</div></div>',
            kind, path, label_for, item.label, required_mark, widget,
            "" if item.in_table else self.help_block(item), self.messages(path))

    def _yes_no(self, path: str, value: Any) -> SafeString:
        options = [(True, _("Yes")), (False, _("No"))]
        return mark_safe("".join(  # noqa: S308
            format_html('<label class="choice"><input type="radio" name="{}" value="{}"{}{}> {}</label>', path,
                        "true" if flag else "false", mark_safe(" checked" if value is flag else ""),  # noqa: S308
                        mark_safe(self._disabled()), text)  # noqa: S308
            for flag, text in options))

    def render_table(self, item: FieldDef, rows: list[Any], path: str) -> str:
        header = "".join(
            format_html("<th scope=\"col\">{}{}</th>", column.label,
                        REQUIRED_MARK if column.required else "")
            for column in item.columns if column.type != "computed")
        if self.editable and len(rows) < item.min_rows:
            rows = rows + [{} for _n in range(item.min_rows - len(rows))]  # the printed blank rows
        body = "".join(self.render_row(item, row if isinstance(row, dict) else {}, path, index)
                       for index, row in enumerate(rows))
        template = self.render_row(item, {}, path, "__index__")
        limits = []
        if item.min_rows:
            limits.append(_("at least %(n)s rows") % {"n": item.min_rows})
        if item.max_rows:
            limits.append(_("at most %(n)s rows") % {"n": item.max_rows})
        add_button = ""
        if self.editable:
            add_button = format_html(
                '<button type="submit" class="button secondary add-row" name="_add_row" value="{}"'
                ' formnovalidate>{}</button>', path, _("Add a row"))
        notes = mark_safe("".join(str(self.help_block(column)) for column in item.columns))  # noqa: S308
        return format_html(
            '<div class="field table-field" data-path="{}" data-min-rows="{}" data-max-rows="{}">'
            '<p class="label">{}</p>{}<div class="table-scroll"><table class="form-table"><thead><tr>'
            '<th scope="col">{}</th>{}<th scope="col"><span class="visually-hidden">{}</span></th></tr></thead>'
            '<tbody>{}</tbody></table></div><template class="row-template">{}</template>{}<p class="help">{}</p>{}{}</div>',
            path, item.min_rows, item.max_rows or "", item.label, self.help_block(item), _("No."), mark_safe(header),  # noqa: S308
            _("Actions"), mark_safe(body), mark_safe(template), add_button,  # noqa: S308
            "；".join(limits), notes, self.messages(path))

    def render_row(self, item: FieldDef, row: dict[str, Any], path: str, index: int | str) -> str:
        row_path = f"{path}[{index}]"
        cells = []
        for column in item.columns:
            if column.type == "computed":
                continue
            cell_path = f"{row_path}.{column.key}"
            inner = self.render_field(column, row, cell_path)
            cells.append(format_html('<td data-label="{}">{}</td>', column.label, mark_safe(inner)))  # noqa: S308
        number = index + 1 if isinstance(index, int) else ""
        remove = ""
        if self.editable:
            remove = format_html('<button type="submit" class="button link remove-row" name="_remove_row" value="{}"'
                                 ' formnovalidate>{}</button>', row_path, _("Remove"))
        return format_html('<tr data-row="{}"><td class="row-number">{}</td>{}<td>{}{}</td></tr>', row_path, number,
                           mark_safe("".join(cells)), remove, self.messages(row_path))  # noqa: S308


def issues_by_path(errors: list[Issue], warnings: list[Issue], sensitive: list[Issue]) -> dict[str, list[tuple[str, Issue]]]:
    grouped: dict[str, list[tuple[str, Issue]]] = {}
    for severity, issues in (("error", errors), ("warning", warnings), ("sensitive", sensitive)):
        for issue in issues:
            grouped.setdefault(issue.path, []).append((severity, issue))
    return grouped


def render_section(form: FormDef, section: SectionDef, answers: dict[str, Any], issues: dict[str, list[tuple[str, Issue]]],
                   computed: dict[str, Any], *, editable: bool = True, locked: frozenset[str] = frozenset()) -> SafeString:
    renderer = Renderer(form, answers, issues, computed, editable, locked)
    data = answers.get(section.key) if isinstance(answers.get(section.key), dict) else {}
    return renderer.render_fields(section.fields, data or {}, f"{section.key}.")


def value_at(answers: dict[str, Any], path: str) -> Any:
    return get_path(answers, path)
