//! Requests, by method, to the feature that answers them.

use std::path::PathBuf;

use lsp_types::request::{self, Request as _};
use lsp_types::{TextDocumentPositionParams, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::workspace::Workspace;
use super::{actions, completion, hover, navigation, rename, symbols};

/// The answer to the request `method` with `params`, as JSON (`null`: nothing here).
pub fn handle(workspace: &Workspace, method: &str, params: Value) -> Result<Value, String> {
    match method {
        request::Completion::METHOD => {
            let p: lsp_types::CompletionParams = parse(params)?;
            let at = at(&p.text_document_position)?;
            json(completion::complete(workspace, &at.0, at.1))
        }
        request::HoverRequest::METHOD => {
            let p: lsp_types::HoverParams = parse(params)?;
            let at = at(&p.text_document_position_params)?;
            json(hover::hover(workspace, &at.0, at.1))
        }
        request::GotoDefinition::METHOD => {
            let p: lsp_types::GotoDefinitionParams = parse(params)?;
            let at = at(&p.text_document_position_params)?;
            json(navigation::definition(workspace, &at.0, at.1))
        }
        request::References::METHOD => {
            let p: lsp_types::ReferenceParams = parse(params)?;
            let at = at(&p.text_document_position)?;
            json(navigation::references(workspace, &at.0, at.1))
        }
        request::PrepareRenameRequest::METHOD => {
            let p: TextDocumentPositionParams = parse(params)?;
            let at = at(&p)?;
            json(rename::prepare(workspace, &at.0, at.1))
        }
        request::Rename::METHOD => {
            let p: lsp_types::RenameParams = parse(params)?;
            let at = at(&p.text_document_position)?;
            json(rename::rename(workspace, &at.0, at.1, &p.new_name)?)
        }
        request::CodeActionRequest::METHOD => {
            let p: lsp_types::CodeActionParams = parse(params)?;
            let path = path(&p.text_document.uri)?;
            json(actions::actions(workspace, &path, &p.context.diagnostics))
        }
        request::DocumentSymbolRequest::METHOD => {
            let p: lsp_types::DocumentSymbolParams = parse(params)?;
            let path = path(&p.text_document.uri)?;
            json(symbols::symbols(workspace, &path))
        }
        _ => Ok(Value::Null),
    }
}

fn parse<T: DeserializeOwned>(params: Value) -> Result<T, String> {
    serde_json::from_value(params).map_err(|err| format!("bad parameters: {err}"))
}

fn json<T: Serialize>(value: T) -> Result<Value, String> {
    serde_json::to_value(value).map_err(|err| err.to_string())
}

fn path(uri: &Url) -> Result<PathBuf, String> {
    uri.to_file_path()
        .map_err(|()| format!("not a file: {uri}"))
}

fn at(p: &TextDocumentPositionParams) -> Result<(PathBuf, lsp_types::Position), String> {
    Ok((path(&p.text_document.uri)?, p.position))
}
