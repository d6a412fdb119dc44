"""The outcome wording on the reporter's status page. Intake never imports the app that decides (cases): that
app registers a provider in its `AppConfig.ready()`, and the page asks every provider (ADR 0083).

A provider takes a `Report` and returns short sentences for the reporter — never names, numbers of other
cases or anything from the case file beyond the kind of outcome."""

_providers: list = []


def register(provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def outcomes_for(report) -> list[str]:
    sentences: list[str] = []
    for provider in _providers:
        for sentence in provider(report):
            if sentence not in sentences:
                sentences.append(sentence)
    return sentences
