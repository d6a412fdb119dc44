"""Factories per workflow state: a report as received from each channel, with its reported person."""

import itertools

import factory
from django.utils import timezone

from pantas.accounts.models import Organisation
from pantas.intake.models import (
    Anonymity,
    Channel,
    Report,
    ReportedPerson,
    ReportSource,
    ReportStatus,
    ViolationMode,
)

_numbers = itertools.count(900000)


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    number = factory.LazyFunction(lambda: f"LAP-{timezone.now().year}-{next(_numbers):06d}")
    source = ReportSource.PUBLIC
    channel = Channel.WEB
    anonymity = Anonymity.ANONYMOUS
    status = ReportStatus.RECEIVED
    mode = ViolationMode.UPLOAD
    description = factory.Sequence(lambda n: f"Terlapor mengunggah dukungan kepada pasangan calon nomor {n}.")


class CsoReportFactory(ReportFactory):
    source = ReportSource.CSO
    channel = Channel.PARTNER_WEB
    anonymity = Anonymity.ORGANISATION
    organisation = factory.LazyFunction(lambda: Organisation.objects.get(code="cso-pattiro"))


class BawasluReportFactory(ReportFactory):
    source = ReportSource.BAWASLU
    channel = Channel.PARTNER_WEB
    anonymity = Anonymity.ORGANISATION
    organisation = factory.LazyFunction(lambda: Organisation.objects.get(code="bawaslu-73"))
    register_number = factory.Sequence(lambda n: f"{n:03d}/Reg/LP/PB/Prov/27.00/X/2024")
    initial_study = "Memenuhi syarat formal dan materiel; diteruskan ke pengawas ASN."


class InVerificationReportFactory(ReportFactory):
    status = ReportStatus.VERIFICATION


class ReportedPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportedPerson

    report = factory.SubFactory(ReportFactory)
    name = factory.Sequence(lambda n: f"Terlapor {n}")
    name_key = factory.LazyAttribute(lambda o: o.name.lower())
