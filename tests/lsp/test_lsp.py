"""`dossier lsp` driven by a real LSP client (pytest-lsp, on pygls and lsprotocol), as an
editor drives it: every test opens files of the fixture site `tests/lsp/site/`, types, and
reads what the server answers. The server never writes: the files on disk stay as they are.

Run by `tests/lsp_client.rs` (`cargo test --test lsp_client -- --include-ignored`), with the
client installed by `scripts/lsp-client-tools`."""

import asyncio
import os
import pathlib
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SITE = pathlib.Path(__file__).parent / "site"
DOSSIER = os.environ["DOSSIER_BIN"]
FIRST = SITE / "content/articles/2024-01-10-first.md"
REPLY = SITE / "content/articles/2024-02-01-reply.md"
TYPO = SITE / "content/articles/2024-03-01-typo.md"
BETA = SITE / "content/topics/beta.md"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[DOSSIER, "lsp"]))
async def client(lsp_client: LanguageClient):
    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=SITE.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=SITE.as_uri(), name="site")],
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


def open_file(client: LanguageClient, path: pathlib.Path, text: str | None = None) -> str:
    text = path.read_text() if text is None else text
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=path.as_uri(), language_id="markdown", version=1, text=text
            )
        )
    )
    return text


def replace_all(client: LanguageClient, path: pathlib.Path, text: str, version: int):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def position_of(text: str, needle: str, delta: int = 0) -> types.Position:
    """The protocol position of `needle` (plus `delta` characters) in `text` (ASCII)."""
    offset = text.index(needle) + delta
    line = text.count("\n", 0, offset)
    return types.Position(line=line, character=offset - (text.rfind("\n", 0, offset) + 1))


async def diagnostics_until(client: LanguageClient, path: pathlib.Path, done, timeout=20.0):
    """Waits until the diagnostics published for `path` satisfy `done`; returns them."""
    uri = path.as_uri()

    async def wait():
        while not done(client.diagnostics.get(uri, [])):
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return client.diagnostics.get(uri, [])

    return await asyncio.wait_for(wait(), timeout)


def messages(diagnostics) -> list[str]:
    return [d.message.splitlines()[0] for d in diagnostics]


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Applies text edits the way an editor does (from the last to the first)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def offset(position: types.Position) -> int:
        return offsets[position.line] + position.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


@pytest.mark.asyncio
async def test_a_typo_gets_its_diagnostic_at_the_exact_range_and_its_quick_fix_removes_it(client):
    text = open_file(client, REPLY)
    await diagnostics_until(client, REPLY, lambda found: True)
    # Type the typo: `dast-sample` → `dast-sampel` in the quote's speaker.
    start = position_of(text, '"dast-sample"', 1)
    end = position_of(text, '"dast-sample"', 12)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=REPLY.as_uri(), version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=start, end=end), text="dast-sampel"
                )
            ],
        )
    )
    typed = text.replace('speaker = "dast-sample"', 'speaker = "dast-sampel"')
    found = await diagnostics_until(
        client, REPLY, lambda found: "unknown speaker `dast-sampel`" in messages(found)
    )
    diagnostic = next(d for d in found if d.message.startswith("unknown speaker"))
    # The range is the quoted value, as `dossier check` underlines it.
    assert diagnostic.range == types.Range(
        start=position_of(typed, '"dast-sampel"'), end=position_of(typed, '"dast-sampel"', 13)
    )
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert "help: did you mean `dast-sample`?" in diagnostic.message

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=REPLY.as_uri()),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    fix = next(a for a in actions if a.title == "Replace with `dast-sample`")
    assert fix.is_preferred
    fixed = apply_edits(typed, fix.edit.changes[REPLY.as_uri()])
    assert fixed == text
    replace_all(client, REPLY, fixed, 3)
    await diagnostics_until(
        client, REPLY, lambda found: not any(m.startswith("unknown speaker") for m in messages(found))
    )


@pytest.mark.asyncio
async def test_the_unsaved_text_is_what_is_checked(client):
    on_disk = TYPO.read_text()
    open_file(client, TYPO)
    await diagnostics_until(client, TYPO, lambda found: "unknown speaker `dast-sampel`" in messages(found))
    replace_all(client, TYPO, on_disk.replace("dast-sampel", "dast-sample"), 2)
    await diagnostics_until(client, TYPO, lambda found: len(found) == 0)
    assert TYPO.read_text() == on_disk


@pytest.mark.asyncio
async def test_an_unknown_topic_offers_to_create_its_file(client):
    text = open_file(client, FIRST)
    typed = text.replace('topics = ["alpha"]\nspeakers', 'topics = ["gamma-rays"]\nspeakers')
    replace_all(client, FIRST, typed, 2)
    found = await diagnostics_until(client, FIRST, lambda f: "unknown topic `gamma-rays`" in messages(f))
    diagnostic = next(d for d in found if d.message.startswith("unknown topic"))
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=FIRST.as_uri()),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    create = next(a for a in actions if a.title.startswith("Create topic `gamma-rays`"))
    created, written = create.edit.document_changes
    assert created.kind == "create"
    assert created.uri == (SITE / "content/topics/gamma-rays.md").as_uri()
    assert written.edits[0].new_text.startswith('+++\ntitle = "Gamma Rays"\n')


async def complete(client, path, text, needle, delta):
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            position=position_of(text, needle, delta),
        )
    )
    return result.items if isinstance(result, types.CompletionList) else result


@pytest.mark.asyncio
async def test_a_speaker_id_completes_from_part_of_the_name(client):
    text = open_file(client, FIRST)
    typed = text.replace('speakers = ["ada-example"]', 'speakers = ["ada-example", "mina"]')
    replace_all(client, FIRST, typed, 2)
    items = await complete(client, FIRST, typed, '"mina"', 5)
    assert [(i.label, i.detail, i.text_edit.new_text) for i in items] == [
        ("Mina Dast Sample", "Spokesperson of Sampleland", "dast-sample")
    ]
    # The edit replaces what was typed inside the quotes.
    assert items[0].text_edit.range == types.Range(
        start=position_of(typed, '"mina"', 1), end=position_of(typed, '"mina"', 5)
    )


@pytest.mark.asyncio
async def test_responds_to_completes_quote_ids_with_their_words_and_speaker(client):
    text = open_file(client, REPLY)
    typed = text.replace('responds_to = "ada-opening"', 'responds_to = "ada-')
    replace_all(client, REPLY, typed, 2)
    items = await complete(client, REPLY, typed, 'responds_to = "ada-', len('responds_to = "ada-'))
    assert [(i.label, i.detail) for i in items] == [
        ("ada-opening", "We open the fixture talks today. — Ada Example")
    ]


@pytest.mark.asyncio
async def test_at_paths_complete_with_the_anchors_of_their_target(client):
    text = open_file(client, REPLY)
    typed = text + "More in [the speaker](@/sp"
    replace_all(client, REPLY, typed, 2)
    items = await complete(client, REPLY, typed, "(@/sp", 5)
    labels = [i.label for i in items]
    assert "@/speakers/ada-example.md" in labels
    assert "@/topics/alpha.md" in labels
    ada = next(i for i in items if i.label == "@/speakers/ada-example.md")
    assert ada.detail == "Ada Example"
    typed = text + "More in [the background](@/articles/2024-01-10-first.md#"
    replace_all(client, REPLY, typed, 3)
    items = await complete(client, REPLY, typed, "first.md#", 9)
    assert [(i.label, i.detail) for i in items] == [
        ("@/articles/2024-01-10-first.md#background", "Background")
    ]


@pytest.mark.asyncio
async def test_keys_complete_with_their_documentation_and_status_with_its_values(client):
    text = open_file(client, REPLY)
    typed = text.replace('responds_to = "ada-opening"\n', 'responds_to = "ada-opening"\nsta')
    replace_all(client, REPLY, typed, 2)
    items = await complete(client, REPLY, typed, "\nsta", 4)
    status = next(i for i in items if i.label == "status")
    assert status.documentation.value  # the docs' text
    typed = typed.replace("\nsta", '\nstatus = "')
    replace_all(client, REPLY, typed, 3)
    items = await complete(client, REPLY, typed, 'status = "', 10)
    assert [i.label for i in items] == ["verified", "disputed", "misattributed"]


@pytest.mark.asyncio
async def test_hover_shows_who_an_id_names(client):
    text = open_file(client, FIRST)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=FIRST.as_uri()),
            position=position_of(text, 'speakers = ["ada-example"]', 15),
        )
    )
    assert hover.contents.value.startswith("**Ada Example** — Minister of Examples, Testland")
    assert "1 quote, in 1 article" in hover.contents.value


@pytest.mark.asyncio
async def test_go_to_definition_of_responds_to_and_a_speaker(client):
    text = open_file(client, REPLY)
    found = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=REPLY.as_uri()),
            position=position_of(text, '"ada-opening"', 3),
        )
    )
    first = FIRST.read_text()
    assert found.uri == FIRST.as_uri()
    assert found.range.start == position_of(first, '"We open the fixture talks today."')
    found = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=REPLY.as_uri()),
            position=position_of(text, '"dast-sample"', 3),
        )
    )
    assert found.uri == (SITE / "content/speakers/dast-sample.md").as_uri()


@pytest.mark.asyncio
async def test_renaming_a_topic_changes_every_file_that_names_it_and_the_file(client):
    text = open_file(client, FIRST)
    at = position_of(text, 'topics = ["alpha"]', 12)
    prepared = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=types.TextDocumentIdentifier(uri=FIRST.as_uri()), position=at)
    )
    assert prepared.placeholder == "alpha"
    edit = await client.text_document_rename_async(
        types.RenameParams(
            text_document=types.TextDocumentIdentifier(uri=FIRST.as_uri()), position=at, new_name="gamma"
        )
    )
    edited = {}
    renamed = []
    for change in edit.document_changes:
        if isinstance(change, types.TextDocumentEdit):
            edited[change.text_document.uri] = change.edits
        else:
            renamed.append((change.old_uri, change.new_uri))
    uri = lambda p: (SITE / p).as_uri()
    assert sorted(edited) == sorted(
        [
            uri("content/articles/2024-01-10-first.md"),
            uri("content/articles/2024-02-01-reply.md"),
            uri("content/topics/beta.md"),
        ]
    )
    assert renamed == [(uri("content/topics/alpha.md"), uri("content/topics/gamma.md"))]
    beta = apply_edits(BETA.read_text(), edited[uri("content/topics/beta.md")])
    assert 'related = ["gamma"]' in beta and "(@/topics/gamma.md)" in beta
    first = apply_edits(FIRST.read_text(), edited[uri("content/articles/2024-01-10-first.md")])
    assert first.count('"gamma"') == 2 and '"alpha"' not in first


@pytest.mark.asyncio
async def test_references_of_a_speaker_and_the_outline_of_an_article(client):
    open_file(client, FIRST)
    speaker = SITE / "content/speakers/ada-example.md"
    open_file(client, speaker)
    found = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=speaker.as_uri()),
            position=types.Position(line=1, character=2),
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    assert sorted({f.uri for f in found}) == [FIRST.as_uri()]
    assert len(found) == 2  # `speakers` and the quote's `speaker`
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=FIRST.as_uri()))
    )
    assert [s.name for s in symbols] == [
        "Ada Example: We open the fixture talks today.",
        "2015-07: A fake agreement is signed",
    ]


@pytest.mark.asyncio
async def test_a_translation_gets_its_diagnostics_and_the_keys_its_original_has_first(client):
    # Other languages are linked once the site's own links (as `check` does): fix the typo.
    open_file(client, TYPO, TYPO.read_text().replace("dast-sampel", "dast-sample"))
    translation = SITE / "content/speakers/dast-sample.fa.md"
    text = open_file(client, translation)
    found = await diagnostics_until(
        client, translation, lambda f: any("the original has a `role`" in m for m in messages(f))
    )
    # Persian text before the span: the column counts UTF-16 units.
    warning = next(d for d in found if "`role`" in d.message)
    assert warning.range.start == types.Position(line=1, character=7)
    assert warning.range.end == types.Position(line=1, character=7 + len('"مینا دست‌نمونه"'))
    typed = text.replace("+++\nشخصی", "r\n+++\nشخصی")
    replace_all(client, translation, typed, 2)
    items = await complete(client, translation, typed, "\nr\n", 2)
    role = next(i for i in items if i.label == "role")
    assert role.detail.endswith("(the original has it)")
    assert min(items, key=lambda i: i.sort_text).label == "role"
