//! The protocol loop: answers requests from the workspace and applies the editor's changes.
//! A change publishes the edited file's own diagnostics at once ([`super::focused`]) and
//! goes to the background check, whose full results publish every file whose diagnostics
//! changed (but not a file edited since that check began: its newer diagnostics stand).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::notification::{self, Notification as _};
use lsp_types::request::{self, Request as _};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, HoverProviderCapability, InitializeParams,
    OneOf, RenameOptions, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, Url,
};
use serde_json::Value;

use super::background::{Analysed, Background, Change};
use super::workspace::{Workspace, site_root};
use super::{report, text};

/// Runs the server on stdin and stdout until the editor says `exit`.
pub fn run() -> Result<(), String> {
    let (connection, io_threads) = Connection::stdio();
    let (id, params) = connection
        .initialize_start()
        .map_err(|err| format!("the editor did not start the protocol: {err}"))?;
    let params: InitializeParams =
        serde_json::from_value(params).map_err(|err| format!("bad initialize request: {err}"))?;
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo {
            name: "dossier".into(),
            version: Some(env!("DOSSIER_VERSION").into()),
        },
    });
    connection
        .initialize_finish(id, result)
        .map_err(|err| format!("the editor did not finish starting the protocol: {err}"))?;
    let mut server = Server::new(connection, &params);
    server.main_loop()?;
    drop(server);
    io_threads
        .join()
        .map_err(|err| format!("stdio failed: {err}"))
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(["\"", "/", "#", "@", "("].map(String::from).to_vec()),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

struct Server {
    connection: Connection,
    workspace: Option<Workspace>,
    /// The editor's open files, as the protocol's changes build them.
    open: HashMap<PathBuf, String>,
    /// What was last published, by file: only what changed is sent again.
    published: HashMap<PathBuf, Vec<lsp_types::Diagnostic>>,
    /// The full check, on its own thread, once the site is known.
    background: Option<Background>,
    /// The background change after which each file was last edited.
    edited_at: HashMap<PathBuf, u64>,
    watch_files: bool,
}

impl Server {
    fn new(connection: Connection, params: &InitializeParams) -> Server {
        #[allow(deprecated)] // `root_uri`: older clients send only it.
        let folders = (params
            .workspace_folders
            .iter()
            .flatten()
            .map(|f| f.uri.clone()))
        .chain(params.root_uri.clone());
        let root = folders
            .filter_map(|uri| uri.to_file_path().ok())
            .find_map(|dir| site_root(&dir));
        let watch_files = (params.capabilities.workspace.as_ref())
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        let mut server = Server {
            connection,
            workspace: None,
            open: HashMap::new(),
            published: HashMap::new(),
            background: None,
            edited_at: HashMap::new(),
            watch_files,
        };
        if let Some(root) = root {
            server.start_workspace(&root);
        }
        server
    }

    fn start_workspace(&mut self, root: &Path) {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let mut workspace = Workspace::new(&root);
        let mut background = Background::start(&root);
        for (path, text) in &self.open {
            workspace.edited(path, Arc::from(text.as_str()));
            background.send(Change::Edited(path.clone(), Arc::from(text.as_str())));
        }
        // Published before any later message is read: an editor sees the whole site's
        // problems as soon as the server has started.
        crate::timings::stage("lsp: analyse", || workspace.analyse());
        let found = report::by_file(&workspace.root, &workspace.diagnostics);
        self.workspace = Some(workspace);
        self.publish_changed(found, None);
        self.background = Some(background);
    }

    fn main_loop(&mut self) -> Result<(), String> {
        let never = crossbeam_channel::never();
        loop {
            let results = self
                .background
                .as_ref()
                .map_or(&never, |b| &b.results)
                .clone();
            crossbeam_channel::select! {
                recv(self.connection.receiver) -> message => match message {
                    Ok(Message::Request(request)) => {
                        if self
                            .connection
                            .handle_shutdown(&request)
                            .map_err(|err| err.to_string())?
                        {
                            return Ok(());
                        }
                        self.answer(request);
                    }
                    Ok(Message::Notification(notification)) => self.notified(notification),
                    Ok(Message::Response(_)) => {}
                    Err(_) => return Ok(()),
                },
                recv(results) -> analysed => {
                    if let Ok(analysed) = analysed {
                        self.checked(analysed);
                    }
                }
            }
        }
    }

    /// The background check's results: every file's diagnostics, but those of files edited
    /// since it began (their own, newer, stand until the next check).
    fn checked(&mut self, analysed: Analysed) {
        let Some(workspace) = &self.workspace else {
            return;
        };
        let found = report::by_file(&workspace.root, &analysed.diagnostics);
        self.publish_changed(found, Some(analysed.generation));
    }

    /// Publishes the files of `found` whose diagnostics changed, and clears those that had
    /// some and have none now. With a `generation`, files edited after it are left alone.
    fn publish_changed(
        &mut self,
        mut found: std::collections::BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>>,
        generation: Option<u64>,
    ) {
        let gone: Vec<PathBuf> = (self.published.keys())
            .filter(|path| !found.contains_key(*path))
            .cloned()
            .collect();
        for path in gone {
            found.insert(path, Vec::new());
        }
        for (path, diagnostics) in found {
            let edited_since =
                generation.is_some_and(|g| self.edited_at.get(&path).is_some_and(|e| *e > g));
            if !edited_since {
                self.publish_if_changed(&path, diagnostics);
            }
        }
    }

    fn publish_if_changed(&mut self, path: &Path, diagnostics: Vec<lsp_types::Diagnostic>) {
        let last = self.published.get(path).map_or(&[][..], Vec::as_slice);
        if last == diagnostics.as_slice() {
            return;
        }
        self.publish(path, diagnostics.clone());
        if diagnostics.is_empty() {
            self.published.remove(path);
        } else {
            self.published.insert(path.to_path_buf(), diagnostics);
        }
    }

    /// After an edit of `path`: its own diagnostics now, the whole site's in the background.
    fn edited(&mut self, path: &Path, text: Arc<str>) {
        let (Some(workspace), Some(background)) = (&mut self.workspace, &mut self.background)
        else {
            return;
        };
        workspace.edited(path, text.clone());
        background.send(Change::Edited(path.to_path_buf(), text));
        self.edited_at
            .insert(path.to_path_buf(), background.generation);
        let own = crate::timings::stage("lsp: file", || workspace.file_diagnostics(path));
        let converted = own
            .iter()
            .map(|d| report::convert(&workspace.root, d))
            .collect();
        self.publish_if_changed(path, converted);
    }

    fn publish(&self, path: &Path, diagnostics: Vec<lsp_types::Diagnostic>) {
        let Ok(uri) = Url::from_file_path(path) else {
            return;
        };
        let params = lsp_types::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: None,
        };
        self.send(Message::Notification(Notification::new(
            notification::PublishDiagnostics::METHOD.into(),
            params,
        )));
    }

    fn send(&self, message: Message) {
        // The editor went away: the loop ends when its receiver does.
        let _ = self.connection.sender.send(message);
    }

    fn notified(&mut self, notification: Notification) {
        let params = notification.params;
        match notification.method.as_str() {
            notification::Initialized::METHOD => self.register_file_watching(),
            notification::DidOpenTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(params)
                {
                    self.opened(&p.text_document.uri, p.text_document.text);
                }
            }
            notification::DidChangeTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(params)
                {
                    self.changed(&p.text_document.uri, p.content_changes);
                }
            }
            notification::DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(params)
                {
                    self.closed(&p.text_document.uri);
                }
            }
            notification::DidSaveTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(params)
                {
                    self.on_disk(&p.text_document.uri);
                }
            }
            notification::DidChangeWatchedFiles::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(params)
                {
                    for change in p.changes {
                        self.on_disk(&change.uri);
                    }
                }
            }
            _ => {}
        }
    }

    /// Asks the editor to tell of content files created, changed or deleted outside it
    /// (a deleted topic file breaks the articles that name it).
    fn register_file_watching(&self) {
        if !self.watch_files {
            return;
        }
        let watchers = ["**/content/**/*.md", "**/site.toml", "**/i18n/*.toml"]
            .map(|glob| serde_json::json!({ "globPattern": glob }));
        let params = serde_json::json!({ "registrations": [{
            "id": "dossier-content",
            "method": notification::DidChangeWatchedFiles::METHOD,
            "registerOptions": { "watchers": watchers },
        }]});
        self.send(Message::Request(Request::new(
            "dossier/watch".to_string().into(),
            request::RegisterCapability::METHOD.into(),
            params,
        )));
    }

    fn opened(&mut self, uri: &Url, text: String) {
        let Ok(path) = uri.to_file_path() else {
            return;
        };
        self.open.insert(path.clone(), text.clone());
        if self.workspace.is_none() {
            if let Some(root) = site_root(&path) {
                self.start_workspace(&root);
            }
            return;
        }
        self.edited(&path, Arc::from(text));
    }

    fn changed(&mut self, uri: &Url, changes: Vec<lsp_types::TextDocumentContentChangeEvent>) {
        let Ok(path) = uri.to_file_path() else {
            return;
        };
        let Some(current) = self.open.get_mut(&path) else {
            return;
        };
        for change in changes {
            text::apply_change(current, change.range, &change.text);
        }
        let text = Arc::from(current.as_str());
        self.edited(&path, text);
    }

    fn closed(&mut self, uri: &Url) {
        let Ok(path) = uri.to_file_path() else {
            return;
        };
        self.open.remove(&path);
        if let (Some(workspace), Some(background)) = (&mut self.workspace, &mut self.background) {
            workspace.closed(&path);
            background.send(Change::Closed(path));
        }
    }

    fn on_disk(&mut self, uri: &Url) {
        let Ok(path) = uri.to_file_path() else {
            return;
        };
        if let (Some(workspace), Some(background)) = (&mut self.workspace, &mut self.background) {
            workspace.changed_on_disk(&path);
            background.send(Change::OnDisk(path));
        }
    }

    fn answer(&mut self, request: Request) {
        let id = request.id.clone();
        let result = match &self.workspace {
            Some(workspace) => super::handlers::handle(workspace, &request.method, request.params),
            None => Ok(Value::Null),
        };
        let response = match result {
            Ok(value) => Response::new_ok(id, value),
            Err(message) => {
                Response::new_err(id, lsp_server::ErrorCode::InvalidParams as i32, message)
            }
        };
        self.send(Message::Response(response));
    }
}
