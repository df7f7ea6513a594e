from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, ListView, View

from zhongshi.core.views_base import ObjectPermissionMixin, ProtectedMixin, ScopedListMixin
from zhongshi.notifications.domain.notify import mark_all_read, mark_read, set_preferences
from zhongshi.notifications.domain.queries.notifications import preference_choices
from zhongshi.notifications.interfaces.forms import PreferencesForm
from zhongshi.notifications.models import Notification


class NotificationListView(ScopedListMixin, ListView):
    """The user's own notifications: unread first, then the newest; ``?unread=1`` shows the unread only."""

    permission_required = "notifications.list_notification"
    model = Notification
    template_name = "notifications/notification_list.html"
    paginate_by = 30

    def get_base_queryset(self) -> QuerySet[Notification]:
        queryset = Notification.objects.all()
        if self.request.GET.get("unread") == "1":
            queryset = queryset.filter(read_at__isnull=True)
        return queryset.annotate(
            unread_first=Case(When(read_at__isnull=True, then=Value(0)), default=Value(1),
                              output_field=IntegerField()),
        ).order_by("unread_first", "-created_at", "-pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "only_unread": self.request.GET.get("unread") == "1"}


class MarkAllReadView(ProtectedMixin, View):
    permission_required = "notifications.list_notification"
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        count = mark_all_read(user=request.user)
        if count:
            messages.success(request, ngettext("%(count)d notification marked as read.",
                                               "%(count)d notifications marked as read.", count) % {"count": count})
        else:
            messages.info(request, _("You have no unread notification."))
        return HttpResponseRedirect(reverse("notifications:notification_list"))


class NotificationOpenView(ObjectPermissionMixin, View):
    """Opening a notification marks it read and goes to the page it is about (GET from a link, or POST)."""

    permission_required = "notifications.view_notification"
    http_method_names = ["get", "post"]

    def get_object(self) -> Notification:
        return get_object_or_404(Notification, pk=self.kwargs["pk"])

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        notification = mark_read(user=request.user, notification=self.get_permission_object())
        target = notification.url
        if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                             require_https=request.is_secure()):
            target = reverse("notifications:notification_list")
        return HttpResponseRedirect(target)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.get(request, pk)


class PreferencesView(ProtectedMixin, FormView):
    permission_required = "notifications.change_notificationpreference"
    template_name = "notifications/preferences.html"
    form_class = PreferencesForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "choices": preference_choices(self.request.user)}

    def form_valid(self, form: PreferencesForm) -> HttpResponse:
        set_preferences(user=self.request.user, choices=form.cleaned_choices())
        messages.success(self.request, _("Your notification settings have been saved."))
        return HttpResponseRedirect(reverse("notifications:preferences"))
