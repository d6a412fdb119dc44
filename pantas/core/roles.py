"""Roles a user can hold. The set is code (permissions are written against it); who holds what is data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    INTAKE_OFFICER = "intake_officer", _("Petugas penerimaan pengaduan")
    ANALYST = "analyst", _("Analis")
    DECIDER = "decider", _("Komisioner / pemutus")
    IDENTITY_CUSTODIAN = "identity_custodian", _("Kustodian identitas pelapor")
    SUPERVISOR_LEAD = "supervisor_lead", _("Pimpinan pengawas (lihat semua)")
    MERIT_ASSESSOR = "merit_assessor", _("Penilai sistem merit")
    BAWASLU_OFFICER = "bawaslu_officer", _("Petugas Bawaslu")
    PPK_OFFICER = "ppk_officer", _("Petugas PPK instansi")
    BKN_OFFICER = "bkn_officer", _("Petugas BKN (data kepegawaian)")
    MINISTRY_OFFICER = "ministry_officer", _("Petugas KemenPANRB / Kemendagri")
    OMBUDSMAN_LIAISON = "ombudsman_liaison", _("Penghubung Ombudsman")
    CSO_MONITOR = "cso_monitor", _("Pemantau OMS")
    SELECTION_COMMITTEE = "selection_committee", _("Panitia seleksi JPT")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that work inside the supervising authority (KASN/BKN): they see supervisor-scoped data.
SUPERVISOR_ROLES = frozenset(
    {
        Role.INTAKE_OFFICER,
        Role.ANALYST,
        Role.DECIDER,
        Role.IDENTITY_CUSTODIAN,
        Role.SUPERVISOR_LEAD,
        Role.MERIT_ASSESSOR,
    }
)

# Supervisor staff who handle reports and cases (intake desk, analysts, deciders, leadership).
CASE_HANDLER_ROLES = frozenset({Role.INTAKE_OFFICER, Role.ANALYST, Role.DECIDER, Role.SUPERVISOR_LEAD})

# Supervisor staff whose job is reports and cases: they read all reports (internal notes included) and the
# case reference data. The identity custodian and the merit assessor are supervisor staff but are not here: the
# custodian reads only the reveal page of a report with a sealed identity, the assessor no report or case at all
# (merit reads case counts through `merit.case_link`) — ADR 0090.
REPORT_READERS = CASE_HANDLER_ROLES | {Role.ADMINISTRATOR}
