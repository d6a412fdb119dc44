import base64

import segno
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from pantas.core.permissions import public

from . import services
from .forms import LoginForm, TotpForm
from .models import User

PENDING_KEY = "pantas_mfa_pending_user"
SETUP_KEY = "pantas_mfa_setup_secret"


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "core:home"


@public
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request):
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = services.check_password_login(
            request, form.cleaned_data["username"], form.cleaned_data["password"]
        )
        if outcome.locked:
            form.add_error(
                None, _("Terlalu banyak percobaan gagal. Akun dikunci sementara; coba lagi nanti.")
            )
        elif outcome.user is None:
            form.add_error(None, _("Nama pengguna atau kata sandi salah."))
        elif outcome.needs_mfa:
            request.session.cycle_key()
            request.session[PENDING_KEY] = outcome.user.pk
            return redirect(f"{_mfa_verify_url()}?next={request.POST.get('next', '')}")
        else:
            login(request, outcome.user)
            return redirect(_next_url(request))
    return render(request, "accounts/login.html", {"form": form, "next": request.GET.get("next", "")})


def _mfa_verify_url():
    from django.urls import reverse

    return reverse("accounts:mfa_verify")


@public
@never_cache
@require_http_methods(["GET", "POST"])
def mfa_verify(request):
    user_id = request.session.get(PENDING_KEY)
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        return redirect("accounts:login")
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.is_locked(user.username):
            form.add_error(
                None, _("Terlalu banyak percobaan gagal. Akun dikunci sementara; coba lagi nanti.")
            )
        elif services.verify_user_totp(user, form.cleaned_data["code"]):
            del request.session[PENDING_KEY]
            login(request, user)
            services.mark_second_factor(request)
            return redirect(_next_url(request))
        else:
            services.check_password_login(request, user.username, "")  # counts as a failure toward lockout
            form.add_error("code", _("Kode autentikator salah atau kedaluwarsa."))
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": request.GET.get("next", "")})


@never_cache
@require_http_methods(["GET", "POST"])
def mfa_setup(request):
    secret = request.session.get(SETUP_KEY) or services.new_totp_secret()
    request.session[SETUP_KEY] = secret
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.enable_mfa(request.user, secret, form.cleaned_data["code"]):
            del request.session[SETUP_KEY]
            update_session_auth_hash(request, request.user)  # the session hash covers the MFA secret
            services.mark_second_factor(request)
            messages.success(request, _("Autentikasi dua faktor aktif."))
            return redirect("core:home")
        form.add_error("code", _("Kode autentikator salah atau kedaluwarsa."))
    uri = services.totp_uri(request.user, secret)
    svg = segno.make(uri, error="m").svg_inline(scale=4)
    qr_data = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    return render(request, "accounts/mfa_setup.html", {"form": form, "secret": secret, "qr_data": qr_data})


@never_cache
@require_http_methods(["GET", "POST"])
def mfa_reauth(request):
    """Enter the TOTP again before a sensitive step (identity reveal, role changes): P-16."""
    if not request.user.mfa_enabled:
        return redirect("accounts:mfa_setup")
    form = TotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.reauthenticate(request, form.cleaned_data["code"]):
            return redirect(_next_url(request))
        form.add_error("code", _("Kode autentikator salah atau kedaluwarsa."))
    return render(
        request,
        "accounts/mfa_reauth.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
        status=400 if form.errors else 200,
    )


@public
@require_POST
def logout_view(request):
    logout(request)
    return redirect("accounts:login")
